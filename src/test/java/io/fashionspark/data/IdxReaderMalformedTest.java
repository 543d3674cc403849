package io.fashionspark.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.testing.IdxWriter;
import io.fashionspark.testing.LocalFiles;
import io.fashionspark.testing.SyntheticFashion;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per kind of malformed input; each checks the exception type and its whole message. */
class IdxReaderMalformedTest {
    private static final byte[] THREE_IMAGES = SyntheticFashion.generate(3, 7L).pixels();

    @TempDir
    Path dir;

    @Test
    void rejectsMissingFile() {
        Path file = dir.resolve("train-images-idx3-ubyte.gz");

        MissingDataFileException e = assertThrows(MissingDataFileException.class,
                () -> IdxReader.readImages(LocalFiles.of(file)));

        assertEquals("train-images-idx3-ubyte.gz: expected a file at " + file.toAbsolutePath() + ", found none",
                e.getMessage());
    }

    @Test
    void rejectsFolderWhereFileShouldBe() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("t10k-labels-idx1-ubyte"));

        MissingDataFileException e = assertThrows(MissingDataFileException.class,
                () -> IdxReader.readLabels(LocalFiles.of(folder), 10));

        assertTrue(e.getMessage().startsWith("t10k-labels-idx1-ubyte: expected a regular file at "), e.getMessage());
    }

    @Test
    void rejectsEmptyFile() throws IOException {
        Path file = Files.write(dir.resolve("train-images-idx3-ubyte"), new byte[0]);

        assertFormatError("train-images-idx3-ubyte: expected an IDX file, found an empty file",
                () -> IdxReader.readImages(LocalFiles.of(file)));
    }

    @Test
    void rejectsGzipFileHoldingNothing() throws IOException {
        Path file = Files.write(dir.resolve("labels.gz"), IdxWriter.gzip(new byte[0]));

        assertFormatError("labels.gz: expected an IDX file, found an empty gzip stream",
                () -> IdxReader.readLabels(LocalFiles.of(file), 10));
    }

    @Test
    void rejectsTruncatedImageHeader() throws IOException {
        byte[] header = IdxWriter.encode(IdxWriter.IMAGE_MAGIC, new int[] {3, 28, 28}, new byte[0]);
        Path file = Files.write(dir.resolve("images"), Arrays.copyOf(header, 7));

        assertFormatError("images: expected an IDX header of 16 bytes, found 7 bytes",
                () -> IdxReader.readImages(LocalFiles.of(file)));
    }

    @Test
    void rejectsHeaderShorterThanItsMagic() throws IOException {
        Path file = Files.write(dir.resolve("labels"), new byte[] {0, 0, 8});

        assertFormatError("labels: expected an IDX header of 8 bytes, found 3 bytes",
                () -> IdxReader.readLabels(LocalFiles.of(file), 10));
    }

    @Test
    void rejectsTruncatedLabelHeaderInGzip() throws IOException {
        Path file = dir.resolve("labels.gz");
        Files.write(file, IdxWriter.gzip(new byte[] {0, 0, 8, 1, 0}));

        assertFormatError("labels.gz: expected an IDX header of 8 bytes, found 5 decompressed bytes",
                () -> IdxReader.readLabels(LocalFiles.of(file), 10));
    }

    @Test
    void rejectsImageFileWithWrongMagic() throws IOException {
        Path file = dir.resolve("train-images-idx3-ubyte.gz");
        IdxWriter.writeLabels(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2}, true);

        assertFormatError("train-images-idx3-ubyte.gz: expected magic 2051, found 2049",
                () -> IdxReader.readImages(LocalFiles.of(file)));
    }

    @Test
    void rejectsLabelFileWithWrongMagic() throws IOException {
        Path file = dir.resolve("t10k-labels-idx1-ubyte.gz");
        IdxWriter.writeImages(file, 3, 28, 28, THREE_IMAGES, true);

        assertFormatError("t10k-labels-idx1-ubyte.gz: expected magic 2049, found 2051",
                () -> IdxReader.readLabels(LocalFiles.of(file), 10));
    }

    @Test
    void rejectsImagesThatAreNot28By28() throws IOException {
        Path file = dir.resolve("images");
        IdxWriter.writeImages(file, 2, 32, 32, new byte[2 * 32 * 32], false);

        assertFormatError("images: expected 28x28 images, found 32x32",
                () -> IdxReader.readImages(LocalFiles.of(file)));
    }

    @Test
    void rejectsNegativeImageCount() throws IOException {
        Path file = dir.resolve("images");
        IdxWriter.writeImages(file, -1, 28, 28, new byte[0], false);

        assertFormatError("images: expected a non-negative image count, found -1",
                () -> IdxReader.readImages(LocalFiles.of(file)));
    }

    @Test
    void rejectsTruncatedBodyInRawFile() throws IOException {
        Path file = dir.resolve("images");
        IdxWriter.writeImages(file, 3, 28, 28, Arrays.copyOf(THREE_IMAGES, 2000), false);

        assertFormatError("images: header declares 3 images (2352 bytes), found 2000 bytes",
                () -> IdxReader.readImages(LocalFiles.of(file)));
    }

    @Test
    void rejectsTruncatedBodyInGzipFile() throws IOException {
        Path file = dir.resolve("images.gz");
        IdxWriter.writeImages(file, 3, 28, 28, Arrays.copyOf(THREE_IMAGES, 2000), true);

        assertFormatError("images.gz: header declares 3 images (2352 bytes), found 2000 decompressed bytes",
                () -> IdxReader.readImages(LocalFiles.of(file)));
    }

    @Test
    void rejectsTrailingBytesInRawFile() throws IOException {
        Path file = dir.resolve("labels");
        IdxWriter.write(file, IdxWriter.LABEL_MAGIC, new int[] {3}, new byte[] {1, 2, 3, 4, 5}, false);

        assertFormatError("labels: header declares 3 labels (3 bytes), found 5 bytes (2 trailing)",
                () -> IdxReader.readLabels(LocalFiles.of(file), 10));
    }

    @Test
    void rejectsTrailingBytesInGzipFile() throws IOException {
        Path file = dir.resolve("images.gz");
        IdxWriter.writeImages(file, 2, 28, 28, THREE_IMAGES, true);

        assertFormatError("images.gz: header declares 2 images (1568 bytes), found 2352 decompressed bytes"
                + " (784 trailing)", () -> IdxReader.readImages(LocalFiles.of(file)));
    }

    @Test
    void rejectsLabelOutsideZeroToNineNamingItsIndex() throws IOException {
        Path file = dir.resolve("labels.gz");
        IdxWriter.writeLabels(file, new byte[] {0, 9, 5, 12, 10}, true);

        assertFormatError("labels.gz: expected labels in 0..9, found 12 at index 3",
                () -> IdxReader.readLabels(LocalFiles.of(file), 10));
    }

    @Test
    void readsLabelBytesAsUnsigned() throws IOException {
        Path file = dir.resolve("labels");
        IdxWriter.writeLabels(file, new byte[] {1, (byte) 200}, false);

        assertFormatError("labels: expected labels in 0..9, found 200 at index 1",
                () -> IdxReader.readLabels(LocalFiles.of(file), 10));
    }

    @Test
    void checksLabelsAgainstTheGivenClassCount() throws IOException {
        Path file = dir.resolve("labels");
        IdxWriter.writeLabels(file, new byte[] {0, 12, 2}, false);

        assertFormatError("labels: expected labels in 0..2, found 12 at index 1",
                () -> IdxReader.readLabels(LocalFiles.of(file), 3));
        assertArrayEquals(new byte[] {0, 12, 2}, IdxReader.readLabels(LocalFiles.of(file), 13));
        IdxWriter.writeLabels(file, new byte[] {0, (byte) 255}, false);
        assertArrayEquals(new byte[] {0, (byte) 255}, IdxReader.readLabels(LocalFiles.of(file), IdxReader.ANY_LABEL));
    }

    @Test
    void rejectsImageAndLabelCountMismatchNamingBothFiles() throws IOException {
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        Path labels = dir.resolve("train-labels-idx1-ubyte.gz");
        IdxWriter.writeImages(images, 3, 28, 28, THREE_IMAGES, true);
        IdxWriter.writeLabels(labels, new byte[] {1, 2}, true);

        assertFormatError("train-images-idx3-ubyte.gz: expected 2 images to match the 2 labels of"
                + " train-labels-idx1-ubyte.gz, found 3",
                () -> IdxReader.read(LocalFiles.of(images), LocalFiles.of(labels), 10));
    }

    @Test
    void rejectsCorruptDeflateData() throws IOException {
        Path file = dir.resolve("images.gz");
        byte[] gz = IdxWriter.gzip(IdxWriter.encode(IdxWriter.IMAGE_MAGIC, new int[] {3, 28, 28}, THREE_IMAGES));
        // Byte 10 starts the deflate data; 0xFF there declares a reserved block type.
        gz[10] = (byte) 0xFF;
        Files.write(file, gz);

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(LocalFiles.of(file)));

        assertTrue(e.getMessage().startsWith("images.gz: expected a valid gzip stream, found corrupt data ("),
                e.getMessage());
        assertInstanceOf(ZipException.class, e.getCause());
    }

    @Test
    void rejectsGzipStreamCutShort() throws IOException {
        Path file = dir.resolve("images.gz");
        byte[] gz = IdxWriter.gzip(IdxWriter.encode(IdxWriter.IMAGE_MAGIC, new int[] {3, 28, 28}, THREE_IMAGES));
        Files.write(file, Arrays.copyOf(gz, gz.length / 2));

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(LocalFiles.of(file)));

        assertEquals("images.gz: expected a valid gzip stream, found corrupt data"
                + " (Unexpected end of ZLIB input stream)", e.getMessage());
        assertInstanceOf(EOFException.class, e.getCause());
    }

    @Test
    void rejectsGzipWithBrokenHeader() throws IOException {
        Path file = Files.write(dir.resolve("labels.gz"), new byte[] {0x1f, (byte) 0x8b, 99, 0, 0});

        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> IdxReader.readLabels(LocalFiles.of(file), 10));

        assertEquals("labels.gz: expected a valid gzip stream, found corrupt data (Unsupported compression method)",
                e.getMessage());
    }

    static void assertFormatError(String expectedMessage, org.junit.jupiter.api.function.Executable read) {
        IdxFormatException e = assertThrows(IdxFormatException.class, read);
        assertEquals(expectedMessage, e.getMessage());
    }
}
