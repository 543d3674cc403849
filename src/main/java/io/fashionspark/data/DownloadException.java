package io.fashionspark.data;

import java.io.IOException;

/**
 * Downloading a data file failed: a network error, an HTTP status other than 200, or content
 * whose checksum did not match. A failure of the download, not bad input (exit code 1).
 */
public class DownloadException extends IOException {

    /** Creates the exception with a one-line message starting with the file name. */
    public DownloadException(String message) {
        super(message);
    }

    /** Creates the exception with a one-line message and the low-level failure behind it. */
    public DownloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
