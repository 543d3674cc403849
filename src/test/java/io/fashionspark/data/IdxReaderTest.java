package io.fashionspark.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fashionspark.testing.IdxWriter;
import io.fashionspark.testing.LocalFiles;
import io.fashionspark.testing.SyntheticFashion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {true, false})
    void readsBackWhatWasWritten(boolean gzip) throws IOException {
        LabeledImages written = SyntheticFashion.generate(20, 1L);
        Path images = dir.resolve("train-images-idx3-ubyte" + (gzip ? ".gz" : ""));
        Path labels = dir.resolve("train-labels-idx1-ubyte" + (gzip ? ".gz" : ""));
        SyntheticFashion.write(written, images, labels, gzip);

        LabeledImages read = IdxReader.read(LocalFiles.of(images), LocalFiles.of(labels), 10);

        assertEquals(20, read.count());
        assertEquals(28, read.rows());
        assertEquals(28, read.cols());
        assertArrayEquals(written.pixels(), read.pixels());
        assertArrayEquals(written.labels(), read.labels());
        assertEquals(images.getFileName().toString(), read.source());
    }

    @Test
    void detectsGzipByMagicBytesNotByFileName() throws IOException {
        LabeledImages written = SyntheticFashion.generate(5, 2L);
        Path gzipWithoutSuffix = dir.resolve("images-without-suffix");
        Path rawWithGzSuffix = dir.resolve("labels-raw.gz");
        IdxWriter.writeImages(gzipWithoutSuffix, 5, 28, 28, written.pixels(), true);
        IdxWriter.writeLabels(rawWithGzSuffix, written.labels(), false);

        LabeledImages read = IdxReader.read(LocalFiles.of(gzipWithoutSuffix), LocalFiles.of(rawWithGzSuffix), 10);

        assertArrayEquals(written.pixels(), read.pixels());
        assertArrayEquals(written.labels(), read.labels());
    }

    @Test
    void readsGzipBodyLargerThanItsReadBuffer() throws IOException {
        // 200 images = 156,800 bytes: the growing buffer must double a few times.
        LabeledImages written = SyntheticFashion.generate(200, 3L);
        Path images = dir.resolve("images.gz");
        Path labels = dir.resolve("labels.gz");
        SyntheticFashion.write(written, images, labels, true);

        assertArrayEquals(written.pixels(), IdxReader.readImages(LocalFiles.of(images)));
        assertArrayEquals(written.labels(), IdxReader.readLabels(LocalFiles.of(labels), 10));
    }

    @ParameterizedTest(name = "count={0}")
    @ValueSource(ints = {0, 1, 7})
    void acceptsAnyImageCount(int count) throws IOException {
        LabeledImages written = SyntheticFashion.generate(count, 4L);
        Path images = dir.resolve("images");
        Path labels = dir.resolve("labels");
        SyntheticFashion.write(written, images, labels, false);

        LabeledImages read = IdxReader.read(LocalFiles.of(images), LocalFiles.of(labels), 10);

        assertEquals(count, read.count());
        assertEquals(count * LabeledImages.PIXELS, read.pixels().length);
    }

    @Test
    void readsConcatenatedGzipMembersAsOneStream() throws IOException {
        byte[] labels = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        byte[] idx = IdxWriter.encode(IdxWriter.LABEL_MAGIC, new int[] {10}, labels);
        byte[] first = IdxWriter.gzip(Arrays.copyOfRange(idx, 0, 11));
        byte[] second = IdxWriter.gzip(Arrays.copyOfRange(idx, 11, idx.length));
        Path file = dir.resolve("labels.gz");
        Files.write(file, concat(first, second));

        assertArrayEquals(labels, IdxReader.readLabels(LocalFiles.of(file), 10));
    }

    @Test
    void readsEveryLabelValueFromZeroToNine() throws IOException {
        byte[] labels = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0};
        Path file = dir.resolve("labels");
        IdxWriter.writeLabels(file, labels, false);

        assertArrayEquals(labels, IdxReader.readLabels(LocalFiles.of(file), 10));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
