package io.fashionspark.model;

import java.io.IOException;

/** A model file that is missing, unreadable or of another architecture (the CLI exits 2). */
public class ModelFileException extends IOException {
    private static final long serialVersionUID = 1L;

    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
