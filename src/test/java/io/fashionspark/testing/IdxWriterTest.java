package io.fashionspark.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxWriterTest {
    @TempDir
    Path dir;

    @Test
    void writesBigEndianHeaderThenBody() throws IOException {
        Path file = dir.resolve("labels");

        IdxWriter.writeLabels(file, new byte[] {3, 1, 4}, false);

        assertArrayEquals(new byte[] {0, 0, 8, 1, 0, 0, 0, 3, 3, 1, 4}, Files.readAllBytes(file));
    }

    @Test
    void writesImageHeaderWithGivenShapeEvenIfItDisagreesWithBody() throws IOException {
        Path file = dir.resolve("images");

        IdxWriter.writeImages(file, 70_000, 32, 28, new byte[] {9}, false);

        assertArrayEquals(new byte[] {0, 0, 8, 3, 0, 1, 0x11, 0x70, 0, 0, 0, 32, 0, 0, 0, 28, 9},
                Files.readAllBytes(file));
    }

    @Test
    void gzipsWhenAskedAndOnlyThen() throws IOException {
        Path gz = dir.resolve("a");
        Path raw = dir.resolve("b");

        IdxWriter.write(gz, 0x12345678, new int[] {-1}, new byte[] {7}, true);
        IdxWriter.write(raw, 0x12345678, new int[] {-1}, new byte[] {7}, false);

        byte[] expected = {0x12, 0x34, 0x56, 0x78, -1, -1, -1, -1, 7};
        assertArrayEquals(expected, Files.readAllBytes(raw));
        byte[] compressed = Files.readAllBytes(gz);
        assertEquals(0x1f, compressed[0] & 0xff);
        assertEquals(0x8b, compressed[1] & 0xff);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            assertArrayEquals(expected, in.readAllBytes());
        }
    }
}
