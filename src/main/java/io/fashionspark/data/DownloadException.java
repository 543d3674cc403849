package io.fashionspark.data;

/** Downloading a data file failed (network error, HTTP status other than 200) or its checksum did not match. */
public class DownloadException extends InvalidDataException {

    /** Creates the exception with a one-line message starting with the file name. */
    public DownloadException(String message) {
        super(message);
    }

    /** Creates the exception with a one-line message and the low-level failure behind it. */
    public DownloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
