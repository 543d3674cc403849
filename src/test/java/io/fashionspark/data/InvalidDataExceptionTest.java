package io.fashionspark.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.fashionspark.testing.LocalFiles;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InvalidDataExceptionTest {

    @Test
    void foldsLineBreaksIntoOneLine() {
        InvalidDataException e = new IdxFormatException("a.gz: expected x,\nfound\r\n  y\n");

        assertEquals("a.gz: expected x, found y", e.getMessage());
    }

    @Test
    void everyBadInputErrorIsAnInvalidDataIOException() {
        assertInstanceOf(InvalidDataException.class, new IdxFormatException("f: x"));
        assertInstanceOf(InvalidDataException.class, new MissingDataFileException("f: x"));
        assertInstanceOf(IOException.class, new InvalidDataException("f: x"));
    }

    @Test
    void aFailedDownloadIsAnIOExceptionButNotBadInput() {
        IOException cause = new IOException("low level");

        assertInstanceOf(IOException.class, new DownloadException("f: x"));
        assertFalse(InvalidDataException.class.isAssignableFrom(DownloadException.class), "a failure, not bad input");
        assertSame(cause, new DownloadException("f: x", cause).getCause());
    }

    @Test
    void namesFileWithoutItsFolders() {
        // InvalidDataException.fileName(Path) is gone: messages start with Location.name().
        assertEquals("t10k-labels-idx1-ubyte.gz", LocalFiles.of(Path.of("/data/t10k-labels-idx1-ubyte.gz")).name());
        assertEquals("/", LocalFiles.of(Path.of("/")).name());
    }
}
