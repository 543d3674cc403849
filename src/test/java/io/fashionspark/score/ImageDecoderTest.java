package io.fashionspark.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Decoding of valid images: every format and colour mode, 16 bits, animation, CMYK, subsampling. */
class ImageDecoderTest {
    /** Flat CMYK ink fractions (c, m, y, k) of the CMYK JPEG tests, one 16x16 block each. */
    private static final double[][] INKS = {{0, 0, 0, 0}, {0.8, 0.1, 0.3, 0.2}, {0, 0, 0, 0.5}, {1, 0, 0, 0},
            {0, 0.6, 1, 0}, {0.3, 0.3, 0.3, 0.9}};
    /**
     * Grey levels a flat colour may move through JPEG: a flat 8x8 block keeps only its DC coefficient,
     * which quality-0.95 quantisation moves by about a level per band (1 seen in practice), plus rounding.
     */
    private static final int JPEG_FLAT_TOLERANCE = 2;

    /** A 16x16 image holding every grey level 0-255 once. */
    private static GrayImage allLevels() {
        byte[] px = new byte[256];
        for (int i = 0; i < 256; i++) {
            px[i] = (byte) i;
        }
        return new GrayImage(16, 16, px);
    }

    /** A {@code width x height} image whose level at (x, y) is {@code (x + 3y) mod 256}. */
    private static GrayImage pattern(int width, int height) {
        byte[] px = new byte[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                px[y * width + x] = (byte) (x + 3 * y);
            }
        }
        return new GrayImage(width, height, px);
    }

    @Test
    void greyPngKeepsItsSamplesWithoutGammaConversion() throws Exception {
        GrayImage levels = allLevels();

        GrayImage decoded = ImageDecoder.decode("levels.png", ImageFiles.encode(ImageFiles.gray(levels), "png"));

        assertArrayEquals(levels.pixels(), decoded.pixels());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"png", "bmp", "gif"})
    void losslessGreyInEveryColourModeDecodesToTheSameLevels(String format) throws Exception {
        GrayImage levels = allLevels();
        BufferedImage[] modes = {ImageFiles.gray(levels), ImageFiles.rgb(levels), ImageFiles.palette(levels)};

        for (BufferedImage mode : modes) {
            GrayImage decoded = ImageDecoder.decode("levels." + format, ImageFiles.encode(mode, format));
            assertArrayEquals(levels.pixels(), decoded.pixels(), format + " of image type " + mode.getType());
        }
    }

    @Test
    void colourBecomesRoundedLuma() throws Exception {
        BufferedImage image = new BufferedImage(4, 1, BufferedImage.TYPE_INT_RGB);
        int[] rgb = {0xFF0000, 0x00FF00, 0x0000FF, 0x0A141E};
        for (int x = 0; x < 4; x++) {
            image.setRGB(x, 0, rgb[x]);
        }

        GrayImage decoded = ImageDecoder.decode("colours.png", ImageFiles.encode(image, "png"));

        // 0.299 * 255 = 76.2, 0.587 * 255 = 149.7, 0.114 * 255 = 29.1, 0.299*10 + 0.587*20 + 0.114*30 = 18.2
        assertArrayEquals(new byte[] {76, (byte) 150, 29, 18}, decoded.pixels());
    }

    @Test
    void transparencyIsCompositedOverBlack() throws Exception {
        GrayImage levels = allLevels();

        GrayImage decoded =
                ImageDecoder.decode("alpha.png", ImageFiles.encode(ImageFiles.whiteWithAlpha(levels), "png"));

        assertArrayEquals(levels.pixels(), decoded.pixels());
    }

    @Test
    void greyWithAlphaIsCompositedOverBlack() throws Exception {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = cm.createCompatibleWritableRaster(3, 1);
        raster.setPixels(0, 0, 3, 1, new int[] {200, 255, 200, 0, 255, 128});
        BufferedImage image = new BufferedImage(cm, raster, false, null);

        GrayImage decoded = ImageDecoder.decode("grey-alpha.png", ImageFiles.encode(image, "png"));

        assertArrayEquals(new byte[] {(byte) 200, 0, (byte) 128}, decoded.pixels());
    }

    @Test
    void sixteenBitGreyPngIsRoundedToEightBits() throws Exception {
        BufferedImage image = new BufferedImage(6, 1, BufferedImage.TYPE_USHORT_GRAY);
        image.getRaster().setPixels(0, 0, 6, 1, new int[] {65535, 257 * 100, 0, 128, 129, 32896});
        byte[] png = ImageFiles.encode(image, "png");
        assertEquals(16, png[24], "bit depth");
        assertEquals(0, png[25], "colour type grey");

        GrayImage decoded = ImageDecoder.decode("deep.png", png);

        // round(v * 255 / 65535): 128 -> 0.498 -> 0, 129 -> 0.502 -> 1, 32896 -> 128.
        assertArrayEquals(new byte[] {(byte) 255, 100, 0, 0, 1, (byte) 128}, decoded.pixels());
    }

    @Test
    void sixteenBitRgbPngBecomesLumaOfChannelsRoundedToEightBits() throws Exception {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(4, 1);
        raster.setPixels(0, 0, 4, 1, new int[] {65535, 0, 0, 0, 32896, 0, 25700, 25700, 25700, 129, 129, 129});
        byte[] png = ImageFiles.encode(new BufferedImage(cm, raster, false, null), "png");
        assertEquals(16, png[24], "bit depth");
        assertEquals(2, png[25], "colour type RGB");

        GrayImage decoded = ImageDecoder.decode("deep-colour.png", png);

        // Red 255 -> 76; green 128 -> 0.587 * 128 = 75.1; grey 100 -> 100; 129 rounds to 1 -> 1.
        assertArrayEquals(new byte[] {76, 75, 100, 1}, decoded.pixels());
    }

    @Test
    void animatedGifGivesItsFirstFrame() throws Exception {
        GrayImage first = allLevels();
        byte[] reversed = new byte[256];
        for (int i = 0; i < 256; i++) {
            reversed[i] = (byte) (255 - i);
        }
        GrayImage second = new GrayImage(16, 16, reversed);
        GrayImage third = new GrayImage(16, 16, new byte[256]);
        byte[] gif = ImageBytes.gif(List.of(ImageFiles.palette(first), ImageFiles.palette(second),
                ImageFiles.palette(third)));
        assertEquals(3, frameCount(gif), "frames written");

        GrayImage decoded = ImageDecoder.decode("walk.gif", gif);

        assertArrayEquals(first.pixels(), decoded.pixels());
    }

    private static int frameCount(byte[] gif) throws Exception {
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        reader.setInput(ImageIO.createImageInputStream(new ByteArrayInputStream(gif)));
        return reader.getNumImages(true);
    }

    @Test
    void jpegDecodesCloseToTheOriginal() throws Exception {
        GrayImage smooth = ImageFiles.bilinear(allLevels(), 64, 64);

        for (BufferedImage mode : new BufferedImage[] {ImageFiles.gray(smooth), ImageFiles.rgb(smooth)}) {
            for (boolean progressive : new boolean[] {false, true}) {
                GrayImage decoded = ImageDecoder.decode("photo.jpg", ImageBytes.jpeg(mode, progressive));
                double error = meanAbsoluteError(smooth, decoded);
                assertTrue(error < 4, "mean absolute error " + error + ", progressive " + progressive);
            }
        }
    }

    @Test
    void photoshopCmykJpegBecomesLumaOfItsRgbEquivalent() throws Exception {
        // Photoshop stores 255 - ink and marks the file with an Adobe APP14 marker, transform 0.
        byte[] jpeg = ImageBytes.withAdobeMarker(ImageBytes.jpeg(cmykRaster(false, true)), 0);

        assertCloseToRgbEquivalent(ImageDecoder.decode("print.jpg", jpeg));
    }

    @Test
    void ycckJpegBecomesLumaOfItsRgbEquivalent() throws Exception {
        byte[] jpeg = ImageBytes.withAdobeMarker(ImageBytes.jpeg(cmykRaster(true, true)), 2);

        assertCloseToRgbEquivalent(ImageDecoder.decode("print-ycck.jpg", jpeg));
    }

    @Test
    void cmykJpegWithoutAdobeMarkerIsReadAsPlainInk() throws Exception {
        byte[] jpeg = ImageBytes.jpeg(cmykRaster(false, false));

        assertCloseToRgbEquivalent(ImageDecoder.decode("plain-cmyk.jpg", jpeg));
    }

    /** {@link #INKS} side by side as 16x16 blocks: inverted (255 - ink) or not, as YCCK or CMYK samples. */
    private static Raster cmykRaster(boolean ycck, boolean inverted) {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 16 * INKS.length, 16, 4, null);
        for (int b = 0; b < INKS.length; b++) {
            int[] s = new int[4];
            for (int i = 0; i < 4; i++) {
                int ink = (int) Math.round(255 * INKS[b][i]);
                s[i] = inverted ? 255 - ink : ink;
            }
            if (ycck) {
                // libjpeg's CMYK -> YCCK: YCbCr of (255 - C, 255 - M, 255 - Y), K as it is.
                double r = 255 - s[0];
                double g = 255 - s[1];
                double bl = 255 - s[2];
                s[0] = toByte(0.299 * r + 0.587 * g + 0.114 * bl);
                s[1] = toByte(-0.168736 * r - 0.331264 * g + 0.5 * bl + 128);
                s[2] = toByte(0.5 * r - 0.418688 * g - 0.081312 * bl + 128);
            }
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 16; x++) {
                    raster.setPixel(16 * b + x, y, s);
                }
            }
        }
        return raster;
    }

    private static int toByte(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    private static void assertCloseToRgbEquivalent(GrayImage decoded) {
        assertEquals(16 * INKS.length, decoded.width());
        for (int b = 0; b < INKS.length; b++) {
            double[] ink = INKS[b];
            double white = 1 - ink[3];
            long r = Math.round(255 * (1 - ink[0]) * white);
            long g = Math.round(255 * (1 - ink[1]) * white);
            long bl = Math.round(255 * (1 - ink[2]) * white);
            long luma = Math.round(0.299 * r + 0.587 * g + 0.114 * bl);
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 16; x++) {
                    int level = decoded.at(16 * b + x, y);
                    assertTrue(Math.abs(level - luma) <= JPEG_FLAT_TOLERANCE,
                            "ink " + Arrays.toString(ink) + ": expected " + luma + ", found " + level);
                }
            }
        }
    }

    @Test
    void imageAtTheDecodeLimitIsDecodedInFull() throws Exception {
        GrayImage image = pattern(2000, 2000);

        GrayImage decoded = ImageDecoder.decode("limit.png", ImageFiles.encode(ImageFiles.gray(image), "png"));

        assertEquals(2000, decoded.width());
        assertArrayEquals(image.pixels(), decoded.pixels());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"png", "gif", "bmp"})
    void largerImageIsDecodedFromEverySecondPixel(String format) throws Exception {
        // 2501 x 1601 = 4,004,101 pixels, just above the limit: factor 2 gives 1251 x 801.
        GrayImage image = pattern(2501, 1601);

        GrayImage decoded = ImageDecoder.decode("big." + format, ImageFiles.encode(ImageFiles.gray(image), format));

        assertSubsampled(image, 2, decoded);
    }

    @Test
    void largerJpegIsDecodedFromEverySecondPixelOfItsFullDecode() throws Exception {
        GrayImage smooth = ImageFiles.bilinear(allLevels(), 2501, 1601);
        byte[] jpeg = ImageBytes.jpeg(ImageFiles.rgb(smooth), false);
        GrayImage full = ImageDecoder.toGray(ImageBytes.readWithJdk(jpeg));

        assertSubsampled(full, 2, ImageDecoder.decode("big.jpg", jpeg));
    }

    private static void assertSubsampled(GrayImage full, int factor, GrayImage decoded) {
        assertEquals((full.width() + factor - 1) / factor, decoded.width(), "width");
        assertEquals((full.height() + factor - 1) / factor, decoded.height(), "height");
        for (int y = 0; y < decoded.height(); y++) {
            for (int x = 0; x < decoded.width(); x++) {
                if (decoded.at(x, y) != full.at(factor * x, factor * y)) {
                    assertEquals(full.at(factor * x, factor * y), decoded.at(x, y), "pixel " + x + "," + y);
                }
            }
        }
    }

    @Test
    void hugePngIsDecodedWithinTheMemoryOfItsSubsampledImage() throws Exception {
        // 10000 x 10000 grey: 100 MB as a full image, 2000 x 2000 (factor 5) = 4 MB subsampled.
        byte[] png = greyPngOfRows(10_000, 10_000);
        ImageDecoder.decode("warm-up.png", ImageFiles.encode(ImageFiles.gray(allLevels()), "png"));
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        long before = threads.getCurrentThreadAllocatedBytes();
        GrayImage decoded = ImageDecoder.decode("huge.png", png);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertEquals(2000, decoded.width());
        assertEquals(2000, decoded.height());
        assertEquals(5 * 7 % 256, decoded.at(3, 7));
        assertTrue(allocated < 32_000_000L, "allocated " + allocated + " bytes");
    }

    /** An 8-bit grey PNG whose row y has level {@code y mod 256} everywhere. */
    private static byte[] greyPngOfRows(int width, int height) throws Exception {
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat, new Deflater(Deflater.BEST_SPEED))) {
            byte[] row = new byte[width + 1];
            for (int y = 0; y < height; y++) {
                Arrays.fill(row, 1, row.length, (byte) y);
                z.write(row);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 137, 'P', 'N', 'G', 13, 10, 26, 10});
        chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).array());
        chunk(png, "IDAT", idat.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length).putInt(data.length).put(type.getBytes(
                StandardCharsets.US_ASCII)).put(data);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 4, 4 + data.length);
        b.putInt((int) crc.getValue());
        png.writeBytes(b.array());
    }

    @Test
    void subsamplingFactorIsTheSmallestThatFitsTheDecodeLimit() {
        assertEquals(1, ImageDecoder.subsampling(1, 1));
        assertEquals(1, ImageDecoder.subsampling(2000, 2000));
        assertEquals(1, ImageDecoder.subsampling(4_000_000, 1));
        assertEquals(2, ImageDecoder.subsampling(2001, 2000));
        assertEquals(2, ImageDecoder.subsampling(4_000_001, 1));
        // 10000 x 5000: factor 3 gives 3334 x 1667 = 5.6 M, factor 4 gives 2500 x 1250 = 3.1 M.
        assertEquals(4, ImageDecoder.subsampling(10_000, 5_000));
        // 100000 x 5000: factor 11 gives 9091 x 455 = 4.14 M, factor 12 gives 8334 x 417 = 3.48 M.
        assertEquals(12, ImageDecoder.subsampling(100_000, 5_000));
        assertEquals(125, ImageDecoder.subsampling(500_000_000, 1));
        for (int w = 1_900; w < 2_200; w += 7) {
            for (int h = 1_900; h < 2_200; h += 11) {
                int f = ImageDecoder.subsampling(w, h);
                assertTrue((long) ((w + f - 1) / f) * ((h + f - 1) / f) <= ImageDecoder.DECODE_PIXELS);
                long smaller = f == 1 ? Long.MAX_VALUE : (long) ((w + f - 2) / (f - 1)) * ((h + f - 2) / (f - 1));
                assertTrue(smaller > ImageDecoder.DECODE_PIXELS, w + "x" + h);
            }
        }
    }

    private static double meanAbsoluteError(GrayImage expected, GrayImage actual) {
        double error = 0;
        for (int i = 0; i < expected.pixels().length; i++) {
            error += Math.abs((actual.pixels()[i] & 0xFF) - (expected.pixels()[i] & 0xFF));
        }
        return error / expected.pixels().length;
    }
}
