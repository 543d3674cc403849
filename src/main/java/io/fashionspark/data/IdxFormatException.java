package io.fashionspark.data;

/** An IDX file is malformed: bad header, wrong shape, truncated or trailing data, bad labels, corrupt gzip. */
public class IdxFormatException extends InvalidDataException {

    /** Creates the exception with a one-line message starting with the file name. */
    public IdxFormatException(String message) {
        super(message);
    }

    /** Creates the exception with a one-line message and the low-level failure behind it. */
    public IdxFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
