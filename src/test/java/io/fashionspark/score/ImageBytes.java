package io.fashionspark.score;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Image files for the decoder's tests, made in the test: encodings by the JDK's own writers (not a
 * plug-in's from the class path), and raw-byte edits of their headers.
 */
final class ImageBytes {
    private ImageBytes() {
    }

    /** {@code image} as a baseline or progressive JPEG (quality 0.95) by the JDK's writer. */
    static byte[] jpeg(BufferedImage image, boolean progressive) throws IOException {
        ImageWriter writer = jdkWriter("jpeg");
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.95f);
        if (progressive) {
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        }
        return write(writer, new IIOImage(image, null, null), param);
    }

    /** A 4-band raster's samples as a JPEG of 4 components, without colour conversion or an Adobe marker. */
    static byte[] jpeg(Raster raster) throws IOException {
        ImageWriter writer = jdkWriter("jpeg");
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.95f);
        return write(writer, new IIOImage(raster, null, null), param);
    }

    /** {@code frames} as an animated GIF by the JDK's writer. */
    static byte[] gif(List<BufferedImage> frames) throws IOException {
        ImageWriter writer = jdkWriter("gif");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.prepareWriteSequence(null);
            for (BufferedImage frame : frames) {
                writer.writeToSequence(new IIOImage(frame, null, null), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** {@code jpeg} with an Adobe APP14 marker (version 100, as Photoshop writes it) right after SOI. */
    static byte[] withAdobeMarker(byte[] jpeg, int transform) {
        byte[] app14 = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, (byte) transform};
        byte[] out = new byte[jpeg.length + app14.length];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(app14, 0, out, 2, app14.length);
        System.arraycopy(jpeg, 2, out, 2 + app14.length, jpeg.length - 2);
        return out;
    }

    /** {@code jpeg} with the height and width of its frame header (SOF0 or SOF2) replaced. */
    static byte[] withJpegSize(byte[] jpeg, int width, int height) {
        byte[] out = jpeg.clone();
        int sof = segment(out, 0xC0) >= 0 ? segment(out, 0xC0) : segment(out, 0xC2);
        // FF Cn, length (2), precision (1), height (2), width (2).
        ByteBuffer.wrap(out).putShort(sof + 5, (short) height).putShort(sof + 7, (short) width);
        return out;
    }

    /** {@code jpeg} with its last scan (SOS header and data) repeated {@code copies} more times before EOI. */
    static byte[] withRepeatedLastScan(byte[] jpeg, int copies) {
        int last = 0;
        for (int i = 2; i < jpeg.length - 1; i++) {
            if (jpeg[i] == (byte) 0xFF && jpeg[i + 1] == (byte) 0xDA) {
                last = i;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, jpeg.length - 2);
        for (int c = 0; c < copies; c++) {
            out.write(jpeg, last, jpeg.length - 2 - last);
        }
        out.write(jpeg, jpeg.length - 2, 2);
        return out.toByteArray();
    }

    /** {@code gif} with a comment extension of {@code size} bytes before its first frame. */
    static byte[] withGifComment(byte[] gif, int size) {
        int packed = gif[10] & 0xFF;
        int at = 13 + ((packed & 0x80) == 0 ? 0 : 3 << ((packed & 7) + 1));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(gif, 0, at);
        out.write(0x21);
        out.write(0xFE);
        for (int left = size; left > 0; left -= 255) {
            int block = Math.min(255, left);
            out.write(block);
            out.write(new byte[block], 0, block);
        }
        out.write(0);
        out.write(gif, at, gif.length - at);
        return out.toByteArray();
    }

    /** The offset just past the header of the first scan (SOS) of {@code jpeg}: where its pixel data starts. */
    static int jpegPixelData(byte[] jpeg) {
        int sos = segment(jpeg, 0xDA);
        return sos + 2 + ((jpeg[sos + 2] & 0xFF) << 8 | (jpeg[sos + 3] & 0xFF));
    }

    /** {@code png} with the IHDR width and height replaced (and its CRC fixed). */
    static byte[] withPngSize(byte[] png, int width, int height) {
        byte[] out = png.clone();
        ByteBuffer b = ByteBuffer.wrap(out);
        // Signature (8), IHDR length (4), "IHDR" (4), then width and height; CRC over type + 13 data bytes.
        b.putInt(16, width).putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(out, 12, 17);
        b.putInt(29, (int) crc.getValue());
        return out;
    }

    /** {@code bmp} (BITMAPINFOHEADER) with its width and height replaced. */
    static byte[] withBmpSize(byte[] bmp, int width, int height) {
        byte[] out = bmp.clone();
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(18, width).putInt(22, height);
        return out;
    }

    /** A one-frame GIF of {@code width x height} whose pixel data is a few black pixels. */
    static byte[] gifOfSize(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        b.put("GIF89a".getBytes(StandardCharsets.US_ASCII));
        // Logical screen: size, a global table of 2 colours (black, white), background 0, no aspect ratio.
        b.putShort((short) width).putShort((short) height).put((byte) 0x80).put((byte) 0).put((byte) 0);
        b.put(new byte[] {0, 0, 0, (byte) 255, (byte) 255, (byte) 255});
        // Image descriptor at 0,0 of the same size, no local table; LZW minimum code size 2, one block.
        b.put((byte) 0x2C).putShort((short) 0).putShort((short) 0).putShort((short) width).putShort((short) height)
                .put((byte) 0);
        b.put((byte) 2).put((byte) 2).put((byte) 0x44).put((byte) 0x01).put((byte) 0).put((byte) 0x3B);
        return Arrays.copyOf(b.array(), b.position());
    }

    /**
     * A BMP header (BITMAPINFOHEADER) of a 4x4 image whose pixels are an embedded file of
     * {@code compression} (4 JPEG, 5 PNG) claiming {@code imageSize} bytes, followed by 64 zero bytes.
     */
    static byte[] bmpWithEmbeddedImage(int compression, long imageSize) {
        ByteBuffer b = ByteBuffer.allocate(54 + 64).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(54 + 64).putInt(0).putInt(54);
        b.putInt(40).putInt(4).putInt(4).putShort((short) 1).putShort((short) 0).putInt(compression)
                .putInt((int) imageSize).putInt(2835).putInt(2835).putInt(0).putInt(0);
        return b.array();
    }

    /** {@code bytes} decoded in full by the JDK's reader for their format. */
    static BufferedImage readWithJdk(byte[] bytes) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            while (readers.hasNext()) {
                ImageReader reader = readers.next();
                if (reader.getClass().getModule() == ImageIO.class.getModule()) {
                    reader.setInput(in);
                    return reader.read(0);
                }
            }
        }
        throw new IOException("no JDK reader for these bytes");
    }

    /** The offset of the first {@code FF marker} of {@code jpeg} after SOI, or -1. */
    private static int segment(byte[] jpeg, int marker) {
        int i = 2;
        while (i + 4 <= jpeg.length && (jpeg[i] & 0xFF) == 0xFF) {
            if ((jpeg[i + 1] & 0xFF) == marker) {
                return i;
            }
            i += 2 + ((jpeg[i + 2] & 0xFF) << 8 | (jpeg[i + 3] & 0xFF));
        }
        return -1;
    }

    private static byte[] write(ImageWriter writer, IIOImage image, ImageWriteParam param) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, image, param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static ImageWriter jdkWriter(String format) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
        while (writers.hasNext()) {
            ImageWriter writer = writers.next();
            if (writer.getClass().getModule() == ImageIO.class.getModule()) {
                return writer;
            }
        }
        throw new IllegalStateException("no JDK " + format + " writer");
    }
}
