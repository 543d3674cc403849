package io.fashionspark.data;

import java.io.IOException;

/**
 * Base of every "bad input file" error; the CLI maps it to exit code 2.
 *
 * <p>Messages are one line, start with the file name and say what was expected and what
 * was found, e.g. {@code t10k-labels-idx1-ubyte.gz: expected magic 2049, found 2051}. Line
 * breaks in a message (say, from a wrapped cause) are folded into spaces.
 */
public class InvalidDataException extends IOException {

    /** Creates the exception with a one-line message. */
    public InvalidDataException(String message) {
        super(oneLine(message));
    }

    /** Creates the exception with a one-line message and the low-level failure behind it. */
    public InvalidDataException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    private static String oneLine(String message) {
        return message == null ? null : message.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
