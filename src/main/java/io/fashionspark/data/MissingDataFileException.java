package io.fashionspark.data;

/** A required data file (or the folder that should hold it) is absent. */
public class MissingDataFileException extends InvalidDataException {

    /** Creates the exception with a one-line message starting with the missing file's name. */
    public MissingDataFileException(String message) {
        super(message);
    }

    /** Creates the exception with a one-line message and the low-level failure behind it. */
    public MissingDataFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
