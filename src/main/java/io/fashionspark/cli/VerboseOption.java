package io.fashionspark.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine.Option;

/** {@code --verbose}: this project's logging at DEBUG and, through {@link ErrorHandler}, stack traces on errors. */
final class VerboseOption {
    @Option(names = "--verbose", description = "More log output, and stack traces on errors.")
    boolean verbose;

    /** Raises this project's log level when {@code --verbose} was given. */
    void apply() {
        if (verbose) {
            Configurator.setLevel("io.fashionspark", Level.DEBUG);
        }
    }
}
