package io.fashionspark.score;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;

/** Writes grey images as files of every format and colour mode the scorer must read; all made in the test. */
public final class ImageFiles {
    private ImageFiles() {
    }

    /** {@code image} encoded as {@code format} (png, bmp, gif; jpeg at quality 0.95). */
    public static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (format.equals("jpeg")) {
            Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
            ImageWriter writer = writers.next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.95f);
            try (var stream = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(stream);
                writer.write(null, new IIOImage(image, null, null), param);
            } finally {
                writer.dispose();
            }
        } else if (!ImageIO.write(image, format, out)) {
            throw new IOException("no " + format + " writer for image type " + image.getType());
        }
        return out.toByteArray();
    }

    /** Writes {@code image} as {@code format} to {@code file}, creating its folder. */
    public static Path write(BufferedImage image, String format, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, encode(image, format));
    }

    /** An 8-bit grey image with {@code pixels} as samples. */
    public static BufferedImage gray(GrayImage image) {
        return PngExporter.toImage(image.pixels(), image.width(), image.height());
    }

    /** An RGB image with r = g = b = the grey level. */
    public static BufferedImage rgb(GrayImage image) {
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                int v = image.at(x, y);
                out.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        return out;
    }

    /** An RGB image tinted orange, so that its luma is not its grey level. */
    public static BufferedImage tinted(GrayImage image) {
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                int v = image.at(x, y);
                out.setRGB(x, y, (v << 16) | ((v * 3 / 4) << 8) | (v / 4));
            }
        }
        return out;
    }

    /** White with the grey level as alpha: composited over black it is the grey image again. */
    public static BufferedImage whiteWithAlpha(GrayImage image) {
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                out.setRGB(x, y, (image.at(x, y) << 24) | 0xFFFFFF);
            }
        }
        return out;
    }

    /** A palette image with a 256-entry grey palette (what GIF stores). */
    public static BufferedImage palette(GrayImage image) {
        byte[] levels = new byte[256];
        for (int i = 0; i < 256; i++) {
            levels[i] = (byte) i;
        }
        IndexColorModel cm = new IndexColorModel(8, 256, levels, levels, levels);
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_BYTE_INDEXED, cm);
        out.getRaster().setDataElements(0, 0, image.width(), image.height(), image.pixels());
        return out;
    }

    /** {@code image} resized to {@code width x height} by bilinear interpolation (pixel centres aligned). */
    public static GrayImage bilinear(GrayImage image, int width, int height) {
        byte[] out = new byte[width * height];
        for (int y = 0; y < height; y++) {
            double sy = clamp((y + 0.5) * image.height() / height - 0.5, image.height() - 1);
            int y0 = (int) sy;
            int y1 = Math.min(y0 + 1, image.height() - 1);
            for (int x = 0; x < width; x++) {
                double sx = clamp((x + 0.5) * image.width() / width - 0.5, image.width() - 1);
                int x0 = (int) sx;
                int x1 = Math.min(x0 + 1, image.width() - 1);
                double top = image.at(x0, y0) + (sx - x0) * (image.at(x1, y0) - image.at(x0, y0));
                double bottom = image.at(x0, y1) + (sx - x0) * (image.at(x1, y1) - image.at(x0, y1));
                out[y * width + x] = (byte) Math.round(top + (sy - y0) * (bottom - top));
            }
        }
        return new GrayImage(width, height, out);
    }

    /** {@code image} enlarged {@code factor} times by repeating each pixel. */
    public static GrayImage nearest(GrayImage image, int factor) {
        int w = image.width() * factor;
        byte[] out = new byte[w * image.height() * factor];
        for (int y = 0; y < image.height() * factor; y++) {
            for (int x = 0; x < w; x++) {
                out[y * w + x] = (byte) image.at(x / factor, y / factor);
            }
        }
        return new GrayImage(w, image.height() * factor, out);
    }

    private static double clamp(double v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
