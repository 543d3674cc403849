package io.fashionspark.score;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes an image file's bytes into 8-bit grey levels with the JDK's own {@code javax.imageio}
 * readers: PNG, JPEG, BMP and GIF; grey, RGB, RGBA, palette or CMYK; 8 or 16 bits; the first frame
 * of an animated GIF. Pure Java, no temporary files; the scoring job runs it on the executors, one
 * file at a time.
 *
 * <p>Grey images keep their stored samples (rescaled to 8 bits), with no colour-space conversion:
 * Java treats 8-bit grey as linear and {@code getRGB} would brighten it. Everything else becomes
 * luma {@code 0.299R + 0.587G + 0.114B}, rounded. Transparent pixels are composited over black,
 * since Fashion-MNIST items are light on a black background. CMYK and YCCK JPEGs are read as raw
 * samples and converted without their ICC profile, {@code R = 255(1-C)(1-K)} and so on, the samples
 * taken as inverted when an Adobe APP14 marker is present, as Photoshop writes them.
 *
 * <p>Only the readers of the JDK's {@code java.desktop} module are used, even when a library on the
 * class path registers others (DL4J brings TwelveMonkeys and jai-imageio): the limits below were
 * checked against them, and the result does not depend on the class path. Other formats are refused.
 *
 * <p>Memory and time are bounded from the header, before any pixel is allocated: sizes above
 * {@link #MAX_PIXELS} ({@link #MAX_BUFFERED_JPEG_PIXELS} for JPEGs libjpeg must buffer whole), more
 * than {@link #MAX_JPEG_SCANS} scans, more than {@link #MAX_GIF_EXTENSION_BYTES} of GIF extensions,
 * and BMPs holding an embedded JPEG or PNG are refused. Images above {@link #DECODE_PIXELS} are
 * decoded with source subsampling: every s-th pixel of every s-th row, for the smallest integer s,
 * the same on both axes, that brings the decoded size to at most {@code DECODE_PIXELS}. The
 * trade-off: the result is point-sampled, so detail finer than the decoded resolution aliases
 * instead of being averaged, and the decoded (reported) size is the subsampled one. As the scorer
 * shrinks every image to 28x28, each input pixel still averages a thousand or more decoded pixels,
 * while a 50-megapixel RGB photo costs 12 MB instead of 200 MB. Images at or under the limit decode
 * exactly as without it.
 *
 * <p>Every failure is an {@link UnreadableImageException} with a one-line message starting with the
 * file name: an empty file, another format, a limit exceeded, a truncated file (including a JPEG the
 * reader would silently complete with grey), corrupt data, and any {@link IOException} or
 * {@link RuntimeException} a reader throws. {@link Error}s such as {@link OutOfMemoryError} propagate.
 */
public final class ImageDecoder {
    /**
     * Largest image accepted (width x height). Decoding is bounded by {@link #DECODE_PIXELS} and these
     * readers stream rows, so a larger image costs time rather than memory: a 484-megapixel grey PNG
     * of 0.5 MB decodes in about a second. This keeps 200-megapixel phone photos readable.
     */
    public static final long MAX_PIXELS = 500_000_000L;
    /**
     * Largest progressive or multi-scan JPEG accepted. libjpeg decodes these through a whole-image
     * buffer of DCT coefficients in native memory (2 bytes per sample, 2 to 8 bytes per pixel) that
     * subsampling does not reduce, so they keep the former limit: at most about 400 MB off the heap.
     */
    public static final long MAX_BUFFERED_JPEG_PIXELS = 50_000_000L;
    /** Largest decoded image (width x height): larger images are subsampled down to it (4 to 32 MB). */
    public static final long DECODE_PIXELS = 4_000_000L;
    /**
     * Most scans of a progressive JPEG: each costs a pass over the whole coefficient buffer, so a small
     * file of thousands of scans would take minutes. Encoders write about 10.
     */
    public static final int MAX_JPEG_SCANS = 100;
    /**
     * Most bytes of GIF extensions (comments, application data) before the first frame: the JDK's GIF
     * reader copies them in time quadratic in their size (1 MB takes about a second, 8 MB 40 s).
     */
    public static final int MAX_GIF_EXTENSION_BYTES = 1 << 20;

    /** The JDK's readers, the most frequent format first: a file is offered to them in this order. */
    private static final List<ImageReaderSpi> READERS = jdkReaders("png", "jpeg", "gif", "bmp");
    /** BMP compressions whose pixels are a whole embedded file, read into an array of the header's size. */
    private static final int BI_JPEG = 4;
    private static final int BI_PNG = 5;
    private static final byte[] ADOBE = {'A', 'd', 'o', 'b', 'e'};
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private ImageDecoder() {
    }

    /**
     * Decodes {@code bytes}, the content of the file named {@code name}.
     *
     * @throws UnreadableImageException if the bytes are empty, not a PNG, JPEG, BMP or GIF image, of a
     *                                  size out of range, truncated or corrupt
     */
    public static GrayImage decode(String name, byte[] bytes) throws UnreadableImageException {
        if (bytes.length == 0) {
            throw new UnreadableImageException(name + ": expected an image, found an empty file");
        }
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = readerFor(name, bytes.length, in);
            try {
                reader.setInput(in, true, true);
                return read(name, bytes, reader);
            } finally {
                reader.dispose();
            }
        } catch (UnreadableImageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Image readers signal corrupt data with IIOException but also with runtime exceptions.
            throw failure(name, bytes.length, e);
        }
    }

    /**
     * Whether {@code bytes} start as a PNG, JPEG, GIF or BMP file does: the format's signature,
     * and for a BMP (whose signature is two letters) also the header's file size equal to the
     * length. Lets a binary column hold either image files or 784 raw pixels.
     */
    public static boolean isImageFile(byte[] bytes) {
        int n = bytes.length;
        if (n >= 8 && Arrays.equals(bytes, 0, 8, PNG_SIGNATURE, 0, 8)) {
            return true;
        }
        if (n >= 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
            return true;
        }
        if (n >= 6 && bytes[0] == 'G' && bytes[1] == 'I' && bytes[2] == 'F' && bytes[3] == '8'
                && (bytes[4] == '7' || bytes[4] == '9') && bytes[5] == 'a') {
            return true;
        }
        return n >= 26 && bytes[0] == 'B' && bytes[1] == 'M' && littleEndianInt(bytes, 2) == n;
    }

    /**
     * The grey levels of an image in the layout of Spark's {@code image} source: rows of
     * {@code channels} interleaved bytes, in OpenCV's order (grey; blue, green, red; or blue,
     * green, red, alpha), converted as {@link #decode} converts files.
     *
     * @throws UnreadableImageException naming {@code name} if the sizes and data do not match
     */
    public static GrayImage fromInterleaved(String name, int width, int height, int channels, byte[] data)
            throws UnreadableImageException {
        if (width < 1 || height < 1 || (channels != 1 && channels != 3 && channels != 4)
                || (long) width * height > MAX_PIXELS || data == null
                || data.length != (long) width * height * channels) {
            throw new UnreadableImageException(name + ": expected an image of 1, 3 or 4 channels with width x height x"
                    + " channels bytes, found " + width + "x" + height + "x" + channels + " and "
                    + (data == null ? "no" : String.valueOf(data.length)) + " bytes");
        }
        if (channels == 1) {
            return new GrayImage(width, height, data.clone());
        }
        byte[] out = new byte[width * height];
        for (int i = 0, j = 0; i < out.length; i++, j += channels) {
            out[i] = lumaOverBlack(data[j + 2] & 0xFF, data[j + 1] & 0xFF, data[j] & 0xFF,
                    channels == 4 ? data[j + 3] & 0xFF : 255);
        }
        return new GrayImage(width, height, out);
    }

    private static ImageReader readerFor(String name, int length, ImageInputStream in) throws IOException {
        for (ImageReaderSpi spi : READERS) {
            if (spi.canDecodeInput(in)) {
                return spi.createReaderInstance();
            }
        }
        throw new UnreadableImageException(name + ": expected a PNG, JPEG, BMP or GIF image, found " + length
                + " bytes in none of these formats");
    }

    private static GrayImage read(String name, byte[] bytes, ImageReader reader) throws IOException {
        String format = reader.getFormatName().toLowerCase(Locale.ROOT);
        JpegFrame jpeg = format.equals("jpeg") ? JpegFrame.of(bytes) : null;
        if (jpeg != null && jpeg.truncated()) {
            throw new UnreadableImageException(name + ": expected a complete image, found truncated data (the file ends"
                    + " after " + bytes.length + " bytes, before its first scan)");
        }
        if (format.equals("bmp")) {
            checkBmpCompression(name, bytes);
        } else if (format.equals("gif")) {
            checkGifExtensions(name, bytes);
        }
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (jpeg != null && jpeg.buffered()) {
            checkSize(name, "a progressive or multi-scan JPEG", width, height, MAX_BUFFERED_JPEG_PIXELS);
            if (jpeg.scans() > MAX_JPEG_SCANS) {
                throw new UnreadableImageException(name + ": expected a JPEG of at most " + MAX_JPEG_SCANS
                        + " scans, found " + jpeg.scans());
            }
        } else {
            checkSize(name, "an image", width, height, MAX_PIXELS);
        }
        ImageReadParam param = reader.getDefaultReadParam();
        int factor = subsampling(width, height);
        if (factor > 1) {
            param.setSourceSubsampling(factor, factor, 0, 0);
        }
        return jpeg == null ? ownedGray(reader.read(0, param)) : readJpeg(name, reader, param, jpeg);
    }

    private static GrayImage readJpeg(String name, ImageReader reader, ImageReadParam param, JpegFrame jpeg)
            throws IOException {
        // libjpeg completes a truncated JPEG with grey and only warns; stop there and refuse it.
        String[] truncation = new String[1];
        reader.addIIOReadWarningListener((source, warning) -> {
            String w = warning.toLowerCase(Locale.ROOT);
            if (truncation[0] == null && (w.contains("truncated") || w.contains("premature end of jpeg file"))) {
                truncation[0] = warning;
                source.abort();
            }
        });
        GrayImage image = jpeg.components() == 4 ? cmykToGray(reader.readRaster(0, param), jpeg)
                : ownedGray(reader.read(0, param));
        if (truncation[0] != null) {
            throw new UnreadableImageException(name + ": expected a complete image, found truncated data ("
                    + oneLine(truncation[0]) + ")");
        }
        return image;
    }

    private static void checkSize(String name, String kind, int width, int height, long max)
            throws UnreadableImageException {
        if (width < 1 || height < 1 || (long) width * height > max) {
            throw new UnreadableImageException(name + ": expected " + kind + " of 1 to " + max + " pixels, found "
                    + width + "x" + height);
        }
    }

    /** The JDK's BMP reader allocates an embedded JPEG or PNG at the size its header claims, unchecked. */
    private static void checkBmpCompression(String name, byte[] bytes) throws UnreadableImageException {
        int headerSize = bytes.length < 34 ? 0 : littleEndianInt(bytes, 14);
        int compression = headerSize >= 40 ? littleEndianInt(bytes, 30) : 0;
        if (compression == BI_JPEG || compression == BI_PNG) {
            throw new UnreadableImageException(name + ": expected a BMP with uncompressed or RLE pixels, found an"
                    + " embedded " + (compression == BI_JPEG ? "JPEG" : "PNG") + " (convert it to PNG or JPEG)");
        }
    }

    /** The JDK's GIF reader joins the sub-blocks of an extension by copying them all each time: quadratic. */
    private static void checkGifExtensions(String name, byte[] b) throws UnreadableImageException {
        // Header (6), logical screen descriptor (7), global colour table; then blocks up to the first frame.
        int i = b.length < 13 ? b.length : 13 + ((b[10] & 0x80) == 0 ? 0 : 3 << ((b[10] & 7) + 1));
        long extensions = 0;
        while (i + 2 < b.length && b[i] == 0x21) {
            for (i += 2; i < b.length && b[i] != 0; i += 1 + (b[i] & 0xFF)) {
                extensions += b[i] & 0xFF;
            }
            i++;
        }
        if (extensions > MAX_GIF_EXTENSION_BYTES) {
            throw new UnreadableImageException(name + ": expected at most " + MAX_GIF_EXTENSION_BYTES
                    + " bytes of extensions (comments, application data) before the first frame, found " + extensions);
        }
    }

    /** The smallest source subsampling factor, the same on both axes, that decodes at most {@link #DECODE_PIXELS}. */
    static int subsampling(int width, int height) {
        int factor = Math.max(1, (int) Math.sqrt((double) width * height / DECODE_PIXELS));
        while ((long) ceilDiv(width, factor) * ceilDiv(height, factor) > DECODE_PIXELS) {
            factor++;
        }
        return factor;
    }

    private static UnreadableImageException failure(String name, int length, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException) {
                String detail = t.getMessage() == null ? "the file ends after " + length + " bytes" : t.getMessage();
                return new UnreadableImageException(name + ": expected a complete image, found truncated data ("
                        + oneLine(detail) + ")", e);
            }
        }
        StringBuilder detail = new StringBuilder(e instanceof RuntimeException ? e.getClass().getSimpleName() : "");
        int depth = 0;
        for (Throwable t = e; t != null && depth++ < 8; t = t.getCause()) {
            if (t.getMessage() != null && detail.indexOf(t.getMessage()) < 0) {
                detail.append(detail.length() == 0 ? "" : ": ").append(t.getMessage());
            }
        }
        return new UnreadableImageException(name + ": expected a readable image, found corrupt data ("
                + oneLine(detail.length() == 0 ? e.getClass().getSimpleName() : detail.toString()) + ")", e);
    }

    /** The grey levels of a decoded image (see the class comment for the conversion); never shares its pixels. */
    public static GrayImage toGray(BufferedImage image) {
        byte[] samples = plainGraySamples(image);
        return samples != null ? new GrayImage(image.getWidth(), image.getHeight(), samples.clone()) : convert(image);
    }

    /** {@link #toGray} of an image nobody else holds: plain 8-bit grey pixels are taken without a copy. */
    private static GrayImage ownedGray(BufferedImage image) {
        byte[] samples = plainGraySamples(image);
        return samples != null ? new GrayImage(image.getWidth(), image.getHeight(), samples) : convert(image);
    }

    /** The pixel array of an 8-bit grey image stored row by row from index 0, else null. */
    private static byte[] plainGraySamples(BufferedImage image) {
        Raster raster = image.getRaster();
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY && raster.getDataBuffer() instanceof DataBufferByte buffer
                && raster.getSampleModel() instanceof ComponentSampleModel model
                && model.getPixelStride() == 1 && model.getScanlineStride() == image.getWidth()
                && model.getBandOffsets()[0] == 0 && buffer.getOffset() == 0
                && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0
                && buffer.getData().length == image.getWidth() * image.getHeight()) {
            return buffer.getData();
        }
        return null;
    }

    private static GrayImage convert(BufferedImage image) {
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
                out[y * w + x] = lumaOverBlack((p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF, p >>> 24);
            }
        }
    }

    /** Rounded luma {@code 0.299R + 0.587G + 0.114B} of a pixel, composited over black by its alpha (0-255). */
    private static byte lumaOverBlack(int r, int g, int b, int alpha) {
        int luma = (299 * r + 587 * g + 114 * b + 500) / 1000;
        return (byte) ((luma * alpha + 127) / 255);
    }

    /**
     * Luma of a 4-band JPEG raster. Samples are made "paper" levels (255 - ink): YCCK is first turned
     * back into CMYK as libjpeg would, and samples without an Adobe marker are inverted. Then
     * {@code R = paperC * paperK / 255} and so on.
     */
    private static GrayImage cmykToGray(Raster raster, JpegFrame jpeg) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        boolean ycck = jpeg.adobeTransform() > 0; // libjpeg reads every Adobe transform but 0 as YCCK
        boolean inverted = jpeg.adobeTransform() >= 0;
        byte[] out = new byte[w * h];
        int[] px = new int[4 * w];
        for (int y = 0; y < h; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, px);
            for (int x = 0; x < w; x++) {
                int i = 4 * x;
                int c = px[i];
                int m = px[i + 1];
                int ye = px[i + 2];
                if (ycck) {
                    double cb = m - 128;
                    double cr = ye - 128;
                    m = 255 - clamp(c - 0.344136 * cb - 0.714136 * cr);
                    ye = 255 - clamp(c + 1.772 * cb);
                    c = 255 - clamp(c + 1.402 * cr);
                }
                int k = px[i + 3];
                if (!inverted) {
                    c = 255 - c;
                    m = 255 - m;
                    ye = 255 - ye;
                    k = 255 - k;
                }
                out[y * w + x] = (byte) (((299 * c + 587 * m + 114 * ye) * k + 127_500) / 255_000);
            }
        }
        return new GrayImage(w, h, out);
    }

    /**
     * What the decoder needs from a JPEG's markers, found the way libjpeg finds them (bytes between
     * segments are skipped): -1 as transform when there is no Adobe marker, whether the file ends
     * before its first scan, and for a buffered JPEG its number of scans (SOS markers).
     */
    private record JpegFrame(int components, boolean buffered, int adobeTransform, boolean truncated, int scans) {
        static JpegFrame of(byte[] b) {
            int components = 0;
            boolean progressive = false;
            int adobe = -1;
            int i = 2;
            while (true) {
                while (i < b.length && b[i] != (byte) 0xFF) {
                    i++;
                }
                while (i < b.length && b[i] == (byte) 0xFF) {
                    i++;
                }
                if (i + 3 > b.length) {
                    return new JpegFrame(components, progressive, adobe, true, 0);
                }
                int marker = b[i] & 0xFF;
                int length = (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF);
                int data = i + 3;
                if (marker == 0 || marker == 1 || (marker >= 0xD0 && marker <= 0xD8)) {
                    i++; // stuffed zero or a marker without a length
                    continue;
                } else if (marker == 0xD9 || length < 2) {
                    return new JpegFrame(components, progressive, adobe, false, 0);
                } else if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
                        && data + 6 <= b.length) {
                    components = b[data + 5] & 0xFF;
                    progressive = (marker & 3) == 2; // SOF2, SOF6, SOF10, SOF14
                } else if (marker == 0xEE && length >= 14 && data + 12 <= b.length
                        && Arrays.equals(b, data, data + 5, ADOBE, 0, 5)) {
                    adobe = b[data + 11] & 0xFF;
                } else if (marker == 0xDA) {
                    // A first scan without every component means more scans: libjpeg buffers those too.
                    boolean buffered = progressive || (data < b.length ? b[data] & 0xFF : 0) < components;
                    return new JpegFrame(components, buffered, adobe, data + length - 2 > b.length,
                            buffered ? scans(b, i - 1) : 1);
                }
                i = data + length - 2;
            }
        }

        /** SOS markers from {@code from} on: entropy-coded data escapes every 0xFF, so none is a false one. */
        private static int scans(byte[] b, int from) {
            int scans = 0;
            for (int i = from; i < b.length - 1; i++) {
                if (b[i] == (byte) 0xFF && b[i + 1] == (byte) 0xDA) {
                    scans++;
                }
            }
            return scans;
        }
    }

    private static List<ImageReaderSpi> jdkReaders(String... formats) {
        List<ImageReaderSpi> readers = new ArrayList<>();
        for (String format : formats) {
            Iterator<ImageReaderSpi> spis =
                    IIORegistry.getDefaultInstance().getServiceProviders(ImageReaderSpi.class, true);
            while (spis.hasNext()) {
                ImageReaderSpi spi = spis.next();
                if (spi.getClass().getModule() == ImageIO.class.getModule()
                        && Arrays.asList(spi.getFormatNames()).contains(format)) {
                    readers.add(spi);
                }
            }
        }
        return List.copyOf(readers);
    }

    private static int littleEndianInt(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    private static int ceilDiv(int a, int b) {
        return (a - 1) / b + 1;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }
}
