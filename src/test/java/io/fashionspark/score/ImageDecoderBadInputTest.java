package io.fashionspark.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files the decoder must refuse with an {@link UnreadableImageException}, and with nothing else,
 * without exhausting memory or time.
 */
class ImageDecoderBadInputTest {
    /** A 48x32 gradient between four corner levels. */
    private static final GrayImage SMOOTH =
            ImageFiles.bilinear(new GrayImage(2, 2, new byte[] {0, 80, (byte) 160, (byte) 255}), 48, 32);

    private static UnreadableImageException refused(String name, byte[] bytes) {
        UnreadableImageException e =
                assertThrows(UnreadableImageException.class, () -> ImageDecoder.decode(name, bytes));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        return e;
    }

    @Test
    void emptyFileIsRefusedNamingIt() {
        assertEquals("empty.png: expected an image, found an empty file",
                refused("empty.png", new byte[0]).getMessage());
    }

    @Test
    void textIsRefusedAsAnUnknownFormat() {
        UnreadableImageException e = refused("notes.txt", "shirt, trouser\n".getBytes(StandardCharsets.UTF_8));

        assertEquals("notes.txt: expected a PNG, JPEG, BMP or GIF image, found 15 bytes in none of these formats",
                e.getMessage());
    }

    @Test
    void tiffIsRefusedThoughTheJdkCanReadIt() throws Exception {
        byte[] tiff = ImageFiles.encode(ImageFiles.gray(SMOOTH), "tiff");

        UnreadableImageException e = refused("scan.tif", tiff);

        assertTrue(e.getMessage().startsWith("scan.tif: expected a PNG, JPEG, BMP or GIF image, found "),
                e.getMessage());
    }

    @Test
    void pngDeclaringHugeSizeIsRefusedFromItsHeader() throws Exception {
        byte[] png = ImageBytes.withPngSize(ImageFiles.encode(ImageFiles.gray(SMOOTH), "png"), 100_000, 100_000);

        assertEquals("bomb.png: expected an image of 1 to 500000000 pixels, found 100000x100000",
                refused("bomb.png", png).getMessage());
    }

    @Test
    void jpegDeclaringHugeSizeIsRefusedFromItsHeader() throws Exception {
        byte[] jpeg = ImageBytes.withJpegSize(ImageBytes.jpeg(ImageFiles.rgb(SMOOTH), false), 65_000, 65_000);

        assertEquals("bomb.jpg: expected an image of 1 to 500000000 pixels, found 65000x65000",
                refused("bomb.jpg", jpeg).getMessage());
    }

    @Test
    void gifDeclaringHugeSizeIsRefusedFromItsHeader() {
        assertEquals("bomb.gif: expected an image of 1 to 500000000 pixels, found 65000x65000",
                refused("bomb.gif", ImageBytes.gifOfSize(65_000, 65_000)).getMessage());
    }

    @Test
    void bmpDeclaringHugeSizeIsRefusedFromItsHeader() throws Exception {
        // A palette BMP: the JDK's reader checks the data size of RGB ones against the file size itself.
        byte[] bmp = ImageFiles.encode(ImageFiles.palette(SMOOTH), "bmp");

        assertEquals("bomb.bmp: expected an image of 1 to 500000000 pixels, found 30000x30000",
                refused("bomb.bmp", ImageBytes.withBmpSize(bmp, 30_000, 30_000)).getMessage());
        // Above 2^31 pixels the reader refuses the header itself.
        assertTrue(refused("bomb.bmp", ImageBytes.withBmpSize(bmp, 65_000, 65_000)).getMessage()
                .startsWith("bomb.bmp: expected a readable image, found corrupt data ("));
    }

    @Test
    void progressiveJpegAboveTheBufferedLimitIsRefusedFromItsHeader() throws Exception {
        // 10000 x 10000 is accepted as baseline, but progressive would need ~400 MB of native coefficients.
        byte[] jpeg = ImageBytes.withJpegSize(ImageBytes.jpeg(ImageFiles.rgb(SMOOTH), true), 10_000, 10_000);

        assertEquals("bomb.jpg: expected a progressive or multi-scan JPEG of 1 to 50000000 pixels, found 10000x10000",
                refused("bomb.jpg", jpeg).getMessage());
    }

    @Test
    void progressiveJpegOfTooManyScansIsRefusedBeforeDecoding() throws Exception {
        byte[] jpeg = ImageBytes.jpeg(ImageFiles.rgb(SMOOTH), true);
        assertEquals(48, ImageDecoder.decode("ninety.jpg", ImageBytes.withRepeatedLastScan(jpeg, 80)).width());

        // Each scan is a pass over every coefficient: thousands in a small file would take minutes.
        UnreadableImageException e = refused("scans.jpg", ImageBytes.withRepeatedLastScan(jpeg, 1000));

        assertTrue(e.getMessage().matches("scans\\.jpg: expected a JPEG of at most 100 scans, found 10\\d\\d"),
                e.getMessage());
    }

    @Test
    void gifWithMoreThanAMegabyteOfCommentBeforeItsFrameIsRefused() throws Exception {
        byte[] gif = ImageFiles.encode(ImageFiles.palette(SMOOTH), "gif");
        assertEquals(48, ImageDecoder.decode("noted.gif", ImageBytes.withGifComment(gif, 100_000)).width());

        // The JDK's reader would copy the comment in quadratic time: 8 MB take 40 s.
        UnreadableImageException e = refused("comment.gif", ImageBytes.withGifComment(gif, 8 << 20));

        assertEquals("comment.gif: expected at most 1048576 bytes of extensions (comments, application data) before"
                + " the first frame, found 8388608", e.getMessage());
    }

    @ParameterizedTest(name = "compression {0}")
    @ValueSource(ints = {4, 5})
    void bmpWithEmbeddedImageIsRefusedBeforeItsReaderAllocatesTheClaimedSize(int compression) {
        // The JDK's BMP reader would allocate a 2 GB array for these 118 bytes: OutOfMemoryError.
        byte[] bmp = ImageBytes.bmpWithEmbeddedImage(compression, 0x7FFF_FFF0L);

        assertEquals("embedded.bmp: expected a BMP with uncompressed or RLE pixels, found an embedded "
                + (compression == 4 ? "JPEG" : "PNG") + " (convert it to PNG or JPEG)",
                refused("embedded.bmp", bmp).getMessage());
    }

    @Test
    void pngCutInHalfIsRefusedAsTruncated() throws Exception {
        byte[] png = ImageFiles.encode(ImageFiles.rgb(SMOOTH), "png");

        UnreadableImageException e = refused("half.png", Arrays.copyOf(png, png.length / 2));

        assertEquals("half.png: expected a complete image, found truncated data (Unexpected end of ZLIB input stream)",
                e.getMessage());
    }

    @Test
    void pngCutAfterItsHeaderIsRefusedAsTruncated() throws Exception {
        byte[] png = ImageFiles.encode(ImageFiles.rgb(SMOOTH), "png");

        // Signature (8) and IHDR (25): the size is known, the pixels are missing.
        UnreadableImageException e = refused("header.png", Arrays.copyOf(png, 33));

        assertEquals("header.png: expected a complete image, found truncated data (the file ends after 33 bytes)",
                e.getMessage());
    }

    @Test
    void jpegCutInItsHeaderIsRefusedAsTruncated() throws Exception {
        byte[] jpeg = ImageBytes.jpeg(ImageFiles.rgb(SMOOTH), false);
        int cut = ImageBytes.jpegPixelData(jpeg) - 100;

        UnreadableImageException e = refused("header.jpg", Arrays.copyOf(jpeg, cut));

        assertEquals("header.jpg: expected a complete image, found truncated data (the file ends after " + cut
                + " bytes, before its first scan)", e.getMessage());
    }

    @Test
    void jpegCutRightAfterItsHeaderIsRefusedAsTruncated() throws Exception {
        byte[] jpeg = ImageBytes.jpeg(ImageFiles.rgb(SMOOTH), false);

        UnreadableImageException e = refused("header.jpg", Arrays.copyOf(jpeg, ImageBytes.jpegPixelData(jpeg)));

        assertEquals("header.jpg: expected a complete image, found truncated data"
                + " (Truncated File - Missing EOI marker)", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"grey", "rgb", "cmyk"})
    void jpegCutInHalfIsRefusedAsTruncatedThoughItsReaderOnlyWarns(String mode) throws Exception {
        GrayImage detailed = ImageFiles.bilinear(SMOOTH, 128, 128);
        byte[] jpeg = switch (mode) {
            case "grey" -> ImageBytes.jpeg(ImageFiles.gray(detailed), false);
            case "rgb" -> ImageBytes.jpeg(ImageFiles.tinted(detailed), false);
            default -> ImageBytes.withAdobeMarker(ImageBytes.jpeg(ImageFiles.whiteWithAlpha(detailed).getRaster()), 0);
        };
        // Half of the pixel data: libjpeg would fill the missing rows with grey and return the image.
        int cut = (ImageBytes.jpegPixelData(jpeg) + jpeg.length) / 2;

        UnreadableImageException e = refused("half.jpg", Arrays.copyOf(jpeg, cut));

        assertEquals("half.jpg: expected a complete image, found truncated data (Truncated File - Missing EOI marker)",
                e.getMessage());
    }

    @Test
    void bmpCutInHalfIsRefusedAsTruncated() throws Exception {
        byte[] bmp = ImageFiles.encode(ImageFiles.rgb(SMOOTH), "bmp");

        UnreadableImageException e = refused("half.bmp", Arrays.copyOf(bmp, bmp.length / 2));

        assertEquals("half.bmp: expected a complete image, found truncated data (the file ends after "
                + bmp.length / 2 + " bytes)", e.getMessage());
    }

    @Test
    void gifCutInHalfIsRefusedAsCorrupt() throws Exception {
        byte[] gif = ImageFiles.encode(ImageFiles.palette(SMOOTH), "gif");

        UnreadableImageException e = refused("half.gif", Arrays.copyOf(gif, gif.length / 2));

        // The GIF reader reads the end of the file as a bad LZW block length rather than an end of file.
        assertTrue(e.getMessage().startsWith("half.gif: expected a readable image, found corrupt data ("),
                e.getMessage());
    }

    @Test
    void runtimeExceptionOfAReaderBecomesUnreadableImage() throws Exception {
        byte[] bmp = ImageFiles.encode(ImageFiles.rgb(SMOOTH), "bmp");
        // A pixel-data offset beyond 2 GB: JDK 17's BMP reader sizes the palette from it, negative.
        ByteBuffer.wrap(bmp).order(ByteOrder.LITTLE_ENDIAN).putInt(10, 0x8800_0036);

        UnreadableImageException e = refused("offset.bmp", bmp);

        assertTrue(e.getMessage().startsWith("offset.bmp: expected a readable image, found corrupt data ("),
                e.getMessage());
        if (e.getCause() instanceof RuntimeException cause) {
            assertTrue(e.getMessage().contains(cause.getClass().getSimpleName()), e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"png", "palette png", "jpeg", "progressive jpeg", "cmyk jpeg", "gif", "bmp"})
    void fuzzedFilesFailOnlyWithUnreadableImageException(String kind) throws Exception {
        String format = kind.substring(kind.indexOf(' ') + 1);
        byte[] valid = switch (kind) {
            case "palette png" -> ImageFiles.encode(ImageFiles.palette(SMOOTH), "png");
            case "jpeg", "progressive jpeg" -> ImageBytes.jpeg(ImageFiles.tinted(SMOOTH), kind.startsWith("prog"));
            case "cmyk jpeg" -> ImageBytes.withAdobeMarker(
                    ImageBytes.jpeg(ImageFiles.whiteWithAlpha(SMOOTH).getRaster()), 0);
            case "gif" -> ImageFiles.encode(ImageFiles.palette(SMOOTH), "gif");
            default -> ImageFiles.encode(ImageFiles.tinted(SMOOTH), format);
        };
        Random random = new Random(20_240_611L);
        List<String> escaped = new ArrayList<>();
        int refused = 0;

        for (int variant = 0; variant < 200; variant++) {
            byte[] bytes = mutated(valid, random);
            try {
                ImageDecoder.decode("fuzz." + format, bytes);
            } catch (UnreadableImageException e) {
                refused++;
                String message = e.getMessage();
                if (!message.startsWith("fuzz." + format + ": expected ") || message.lines().count() != 1) {
                    escaped.add(variant + ": badly formed message " + e.getMessage());
                }
            } catch (Exception | StackOverflowError e) {
                escaped.add(variant + ": " + e);
            }
        }

        assertEquals(List.of(), escaped);
        assertTrue(refused > 20, "only " + refused + " of 200 variants were refused: the fuzzing is too gentle");
    }

    /**
     * {@code valid} with 1 to 8 bytes replaced (half of them among the first 64, where the headers
     * are), and a quarter of the variants cut short.
     */
    private static byte[] mutated(byte[] valid, Random random) {
        byte[] bytes = valid.clone();
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips; i++) {
            int at = random.nextBoolean() ? random.nextInt(Math.min(64, bytes.length)) : random.nextInt(bytes.length);
            bytes[at] = (byte) random.nextInt(256);
        }
        return random.nextInt(4) == 0 ? Arrays.copyOf(bytes, 1 + random.nextInt(bytes.length - 1)) : bytes;
    }
}
