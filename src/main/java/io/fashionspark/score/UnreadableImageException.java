package io.fashionspark.score;

import io.fashionspark.data.InvalidDataException;

/**
 * An image file that cannot be decoded: empty, of an unknown format, corrupt or too large. The
 * message is one line starting with the file name; scoring puts it in the file's error column.
 */
public class UnreadableImageException extends InvalidDataException {

    /** Creates the exception with a one-line message starting with the file name. */
    public UnreadableImageException(String message) {
        super(message);
    }

    /** Creates the exception with a one-line message and the decoder's failure behind it. */
    public UnreadableImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
