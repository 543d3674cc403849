package io.fashionspark.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fashionspark.testing.IdxWriter;
import io.fashionspark.testing.LocalFiles;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corrupt header that declares billions of records in a tiny file must be refused quickly
 * and without allocating anything near the declared size.
 */
class IdxReaderHugeCountTest {
    private static final int TWO_BILLION = 2_000_000_000;
    /** Far below any declared size here; far above what reading a tiny file needs. */
    private static final long ALLOCATION_LIMIT = 16L << 20;

    @TempDir
    Path dir;

    @Test
    void refusesRawImageFileDeclaringTwoBillionImages() throws Exception {
        Path file = dir.resolve("images");
        IdxWriter.writeImages(file, TWO_BILLION, 28, 28, new byte[784], false);

        assertRefusedCheaply("images: header declares 2000000000 images (1568000000000 bytes), found 784 bytes",
                () -> IdxReader.readImages(LocalFiles.of(file)));
    }

    @Test
    void refusesGzipImageFileDeclaringTwoBillionImages() throws Exception {
        Path file = dir.resolve("images.gz");
        IdxWriter.writeImages(file, TWO_BILLION, 28, 28, new byte[784], true);

        assertRefusedCheaply("images.gz: header declares 2000000000 images (1568000000000 bytes),"
                + " found 784 decompressed bytes", () -> IdxReader.readImages(LocalFiles.of(file)));
    }

    @Test
    void refusesGzipLabelFileDeclaringTwoBillionLabels() throws Exception {
        // 2e9 bytes would fit in one array, so only a buffer that grows with the data avoids allocating it.
        Path file = dir.resolve("labels.gz");
        IdxWriter.write(file, IdxWriter.LABEL_MAGIC, new int[] {TWO_BILLION}, new byte[] {1, 2, 3, 4, 5}, true);

        assertRefusedCheaply("labels.gz: header declares 2000000000 labels (2000000000 bytes),"
                + " found 5 decompressed bytes", () -> IdxReader.readLabels(LocalFiles.of(file), 10));
    }

    @Test
    void refusesRawLabelFileDeclaringMaxIntLabels() throws Exception {
        Path file = dir.resolve("labels");
        IdxWriter.write(file, IdxWriter.LABEL_MAGIC, new int[] {Integer.MAX_VALUE}, new byte[] {1, 2, 3}, false);

        assertRefusedCheaply("labels: header declares 2147483647 labels (2147483647 bytes), found 3 bytes",
                () -> IdxReader.readLabels(LocalFiles.of(file), 10));
    }

    private static void assertRefusedCheaply(String expectedMessage, Executable read) {
        assumeTrue(ThreadAllocation.supported(), "per-thread allocation counting is not available");
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            long before = ThreadAllocation.current();
            IdxFormatException e = assertThrows(IdxFormatException.class, read);
            long allocated = ThreadAllocation.current() - before;
            assertEquals(expectedMessage, e.getMessage());
            assertTrue(allocated < ALLOCATION_LIMIT, "read allocated " + allocated + " bytes");
        });
    }
}
