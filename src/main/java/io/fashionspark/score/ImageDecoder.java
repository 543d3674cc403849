package io.fashionspark.score;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes an image file's bytes into 8-bit grey levels with {@code javax.imageio}: PNG, JPEG, BMP
 * and GIF (and any other format the JVM has a reader for), grey, RGB, RGBA or palette, any size.
 *
 * <p>Grey images keep their stored samples (rescaled to 8 bits), with no colour-space conversion:
 * Java treats 8-bit grey as linear and {@code getRGB} would brighten it. Everything else becomes
 * luma {@code 0.299R + 0.587G + 0.114B}, rounded. Transparent pixels are composited over black,
 * since Fashion-MNIST items are light on a black background. Pure Java, no temporary files; the
 * scoring job runs it on the executors, one file at a time. Images above {@link #MAX_PIXELS} are
 * refused from their header, before any pixel is decoded.
 */
public final class ImageDecoder {
    /** Largest image decoded (width x height), so that one file cannot exhaust an executor's memory. */
    public static final long MAX_PIXELS = 50_000_000L;

    private ImageDecoder() {
    }

    /**
     * Decodes {@code bytes}, the content of the file named {@code name}.
     *
     * @throws UnreadableImageException if the bytes are empty, no reader recognises them, the image
     *                                  is larger than {@link #MAX_PIXELS} or the decoder fails
     */
    public static GrayImage decode(String name, byte[] bytes) throws UnreadableImageException {
        if (bytes.length == 0) {
            throw new UnreadableImageException(name + ": expected an image, found an empty file");
        }
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new UnreadableImageException(name + ": expected a PNG, JPEG, BMP or GIF image, found "
                        + bytes.length + " bytes that no image reader recognises");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                checkSize(name, reader.getWidth(0), reader.getHeight(0));
                return toGray(reader.read(0));
            } finally {
                reader.dispose();
            }
        } catch (UnreadableImageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Image readers signal corrupt data with IIOException but also with runtime exceptions.
            String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new UnreadableImageException(name + ": expected a readable image, found corrupt data ("
                    + detail + ")", e);
        }
    }

    private static void checkSize(String name, int width, int height) throws UnreadableImageException {
        if (width < 1 || height < 1 || (long) width * height > MAX_PIXELS) {
            throw new UnreadableImageException(name + ": expected an image of 1 to " + MAX_PIXELS
                    + " pixels, found " + width + "x" + height);
        }
    }

    /** The grey levels of a decoded image (see the class comment for the conversion). */
    public static GrayImage toGray(BufferedImage image) {
        byte[] out = new byte[image.getWidth() * image.getHeight()];
        if (isIntegerGray(image.getColorModel())) {
            graySamples(image, out);
        } else {
            lumaOfRgb(image, out);
        }
        return new GrayImage(image.getWidth(), image.getHeight(), out);
    }

    private static boolean isIntegerGray(ColorModel cm) {
        int type = cm.getTransferType();
        return cm instanceof ComponentColorModel && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && (type == DataBuffer.TYPE_BYTE || type == DataBuffer.TYPE_USHORT || type == DataBuffer.TYPE_INT)
                && cm.getComponentSize(0) < 31;
    }

    private static void graySamples(BufferedImage image, byte[] out) {
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        int w = image.getWidth();
        long grayMax = (1L << cm.getComponentSize(0)) - 1;
        boolean blend = cm.hasAlpha() && !cm.isAlphaPremultiplied();
        long alphaMax = cm.hasAlpha() ? (1L << cm.getComponentSize(1)) - 1 : 1;
        int[] gray = new int[w];
        int[] alpha = new int[w];
        for (int y = 0; y < image.getHeight(); y++) {
            raster.getSamples(0, y, w, 1, 0, gray);
            if (blend) {
                raster.getSamples(0, y, w, 1, 1, alpha);
            }
            for (int x = 0; x < w; x++) {
                long v = (gray[x] * 255L + grayMax / 2) / grayMax;
                out[y * w + x] = (byte) (blend ? (v * alpha[x] + alphaMax / 2) / alphaMax : v);
            }
        }
    }

    private static void lumaOfRgb(BufferedImage image, byte[] out) {
        int w = image.getWidth();
        int[] argb = new int[w];
        for (int y = 0; y < image.getHeight(); y++) {
            image.getRGB(0, y, w, 1, argb, 0, w);
            for (int x = 0; x < w; x++) {
                int p = argb[x];
                int luma = (299 * ((p >> 16) & 0xFF) + 587 * ((p >> 8) & 0xFF) + 114 * (p & 0xFF) + 500) / 1000;
                int a = p >>> 24;
                out[y * w + x] = (byte) ((luma * a + 127) / 255);
            }
        }
    }
}
