package io.fashionspark.cli;

import io.fashionspark.data.InvalidDataException;
import io.fashionspark.model.ModelFileException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * Turns an exception escaping a command into one line on stderr and an exit code: 2 for bad
 * input (files, configuration, arguments), 1 for anything else. Stack traces only with --verbose.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    static final int FAILURE = 1;
    static final int BAD_INPUT = 2;
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
                || ex instanceof IllegalArgumentException || ex instanceof NoSuchFileException
                || ex instanceof FileAlreadyExistsException) {
            return BAD_INPUT;
        }
        return FAILURE;
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
