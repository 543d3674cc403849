package io.fashionspark.cli;

import io.fashionspark.data.InvalidDataException;
import io.fashionspark.model.ModelFileException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * Turns an exception escaping a command into one line on stderr and an exit code: 2 for the
 * project's own input and usage errors (a bad file, setting or argument, found by this
 * project's checks), 1 for anything else: a failure, including an {@code IllegalArgumentException}
 * thrown inside Spark or DL4J and a network failure during a download. Stack traces only with --verbose.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    static final int FAILURE = 1;
    static final int BAD_INPUT = 2;
    private static final String PROJECT_PACKAGE = "io.fashionspark.";
    private final CliContext context;

    ErrorHandler(CliContext context) {
        this.context = context;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        int code = exitCode(ex);
        String prefix = cmd.getCommandName() + ": " + (code == BAD_INPUT ? "" : "failed: ");
        context.err().println(prefix + message(ex));
        // The subcommand's own parse result: the top-level one passed in never holds its options.
        if (cmd.getParseResult().hasMatchedOption("--verbose")) {
            ex.printStackTrace(context.err());
        }
        context.err().flush();
        return code;
    }

    static int exitCode(Throwable ex) {
        if (ex instanceof InvalidDataException || ex instanceof ModelFileException
                || ex instanceof NoSuchFileException || ex instanceof FileAlreadyExistsException
                || ex instanceof IllegalArgumentException && thrownHere(ex)) {
            return BAD_INPUT;
        }
        return FAILURE;
    }

    /**
     * True when this project's code threw {@code ex}: its checks throw {@code IllegalArgumentException}
     * for bad arguments and settings, while one thrown inside a library is that library's failure.
     */
    private static boolean thrownHere(Throwable ex) {
        StackTraceElement[] trace = ex.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().startsWith(PROJECT_PACKAGE);
    }

    private static String message(Throwable ex) {
        if (ex instanceof NoSuchFileException e) {
            return e.getFile() + ": " + (e.getReason() == null ? "not found" : e.getReason());
        }
        if (ex instanceof FileAlreadyExistsException e) {
            return e.getFile() + ": " + e.getReason();
        }
        String m = ex.getMessage();
        return (m == null ? ex.getClass().getSimpleName() : m).lines().findFirst().orElse("");
    }
}
