package io.fashionspark.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageDecoderTest {
    /** A 16x16 image holding every grey level 0-255 once. */
    private static GrayImage allLevels() {
        byte[] px = new byte[256];
        for (int i = 0; i < 256; i++) {
            px[i] = (byte) i;
        }
        return new GrayImage(16, 16, px);
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

        GrayImage decoded = ImageDecoder.decode("alpha.png", ImageFiles.encode(ImageFiles.whiteWithAlpha(levels), "png"));

        assertArrayEquals(levels.pixels(), decoded.pixels());
    }

    @Test
    void greyWithAlphaIsCompositedOverBlack() throws Exception {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                java.awt.Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = cm.createCompatibleWritableRaster(3, 1);
        raster.setPixels(0, 0, 3, 1, new int[] {200, 255, 200, 0, 255, 128});
        BufferedImage image = new BufferedImage(cm, raster, false, null);

        GrayImage decoded = ImageDecoder.decode("grey-alpha.png", ImageFiles.encode(image, "png"));

        assertArrayEquals(new byte[] {(byte) 200, 0, (byte) 128}, decoded.pixels());
    }

    @Test
    void sixteenBitGreyIsScaledToEightBits() throws Exception {
        BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
        image.getRaster().setPixels(0, 0, 3, 1, new int[] {65535, 257 * 100, 0});

        GrayImage decoded = ImageDecoder.decode("deep.png", ImageFiles.encode(image, "png"));

        assertArrayEquals(new byte[] {(byte) 255, 100, 0}, decoded.pixels());
    }

    @Test
    void jpegDecodesCloseToTheOriginal() throws Exception {
        GrayImage smooth = ImageFiles.bilinear(allLevels(), 64, 64);

        for (BufferedImage mode : new BufferedImage[] {ImageFiles.gray(smooth), ImageFiles.rgb(smooth)}) {
            GrayImage decoded = ImageDecoder.decode("photo.jpg", ImageFiles.encode(mode, "jpeg"));
            double error = 0;
            for (int i = 0; i < smooth.pixels().length; i++) {
                error += Math.abs((decoded.pixels()[i] & 0xFF) - (smooth.pixels()[i] & 0xFF));
            }
            assertTrue(error / smooth.pixels().length < 4, "mean absolute error " + error / smooth.pixels().length);
        }
    }

    @Test
    void emptyFileIsRefusedNamingIt() {
        UnreadableImageException e = assertThrows(UnreadableImageException.class,
                () -> ImageDecoder.decode("empty.png", new byte[0]));
        assertEquals("empty.png: expected an image, found an empty file", e.getMessage());
    }

    @Test
    void textIsRefusedAsAnUnknownFormat() {
        UnreadableImageException e = assertThrows(UnreadableImageException.class,
                () -> ImageDecoder.decode("notes.txt", "shirt, trouser\n".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("notes.txt: expected a PNG, JPEG, BMP or GIF image, found 15 bytes"),
                e.getMessage());
    }

    @Test
    void truncatedPngIsRefusedAsCorrupt() throws Exception {
        byte[] png = ImageFiles.encode(ImageFiles.gray(allLevels()), "png");

        UnreadableImageException e = assertThrows(UnreadableImageException.class,
                () -> ImageDecoder.decode("broken.png", Arrays.copyOf(png, png.length / 2)));

        assertTrue(e.getMessage().startsWith("broken.png: expected a readable image, found corrupt data"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void hugeImageIsRefusedFromItsHeaderBeforeDecoding() throws Exception {
        byte[] png = withSize(ImageFiles.encode(ImageFiles.gray(allLevels()), "png"), 100_000, 100_000);

        UnreadableImageException e = assertThrows(UnreadableImageException.class,
                () -> ImageDecoder.decode("bomb.png", png));

        assertEquals("bomb.png: expected an image of 1 to 50000000 pixels, found 100000x100000", e.getMessage());
    }

    /** {@code png} with the IHDR width and height replaced (and its CRC fixed). */
    private static byte[] withSize(byte[] png, int width, int height) {
        byte[] out = png.clone();
        ByteBuffer b = ByteBuffer.wrap(out);
        // Signature (8), IHDR length (4), "IHDR" (4), then width and height; CRC over type + 13 data bytes.
        b.putInt(16, width).putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(out, 12, 17);
        b.putInt(29, (int) crc.getValue());
        return out;
    }
}
