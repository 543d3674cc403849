package io.fashionspark.score;

import io.fashionspark.data.LabeledImages;
import java.util.Arrays;

/**
 * Turns a grey image of any size into the 28x28 light-on-black grey levels the network was
 * trained on: inversion (see {@link InvertMode}), padding to a centred square with the background
 * value (the mean of the border ring, after inversion), then an area-averaging resize, an exact
 * box filter in integer arithmetic. A 28x28 image that is not inverted comes out byte-identical,
 * and an image enlarged by an integer factor with nearest-neighbour sampling gives back the
 * original. Pure Java; the scoring job runs it on the executors. The training scaling
 * ({@code 2*x/255 - 1}) is applied afterwards, to these bytes, by the same code as in training.
 */
public final class ImagePreprocessor {
    /** {@link InvertMode#AUTO} inverts an image whose border mean is above this (mid-grey). */
    public static final double LIGHT_BORDER = 127.5;
    private static final int SIDE = LabeledImages.SIDE;

    private ImagePreprocessor() {
    }

    /** The network's 28x28 input bytes of {@code image}. */
    public static PreparedImage prepare(GrayImage image, InvertMode mode) {
        double border = borderMean(image);
        boolean invert = mode == InvertMode.ALWAYS || (mode == InvertMode.AUTO && border > LIGHT_BORDER);
        GrayImage oriented = invert ? invert(image) : image;
        int background = (int) Math.round(invert ? 255 - border : border);
        return new PreparedImage(resize(oriented, background, SIDE), image.width(), image.height(), invert);
    }

    /** Mean grey level of the outer ring of pixels (every pixel of an image one pixel wide or high). */
    public static double borderMean(GrayImage image) {
        int w = image.width();
        int h = image.height();
        long sum = 0;
        long count = 0;
        for (int x = 0; x < w; x++) {
            sum += image.at(x, 0) + (h > 1 ? image.at(x, h - 1) : 0);
            count += h > 1 ? 2 : 1;
        }
        for (int y = 1; y < h - 1; y++) {
            sum += image.at(0, y) + (w > 1 ? image.at(w - 1, y) : 0);
            count += w > 1 ? 2 : 1;
        }
        return (double) sum / count;
    }

    /** A copy of {@code image} with every grey level {@code v} replaced by {@code 255 - v}. */
    public static GrayImage invert(GrayImage image) {
        byte[] in = image.pixels();
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = (byte) (255 - (in[i] & 0xFF));
        }
        return new GrayImage(image.width(), image.height(), out);
    }

    /**
     * Resizes {@code image}, centred on a square of side {@code max(width, height)} filled with
     * {@code background}, to {@code side x side} by area averaging: each output pixel is the mean
     * of the square's area it covers, partial pixels weighted by their covered fraction, rounded
     * half up. The padded square is never materialised, so a long thin image costs no more memory
     * than its own pixels.
     */
    public static byte[] resize(GrayImage image, int background, int side) {
        int s = Math.max(image.width(), image.height());
        int offX = (s - image.width()) / 2;
        int offY = (s - image.height()) / 2;
        long area = (long) s * s;
        long[] sums = new long[side * side];
        long[] row = new long[side];
        for (int y = 0; y < image.height(); y++) {
            // Row y spread over the output columns, in differences from the background: padding adds nothing.
            Arrays.fill(row, 0);
            for (int x = 0; x < image.width(); x++) {
                addSpread(row, image.at(x, y) - background, offX + x, s, side);
            }
            int src = offY + y;
            for (int out = firstOut(src, s, side); out <= lastOut(src, s, side); out++) {
                long w = overlap(out, src, s, side);
                for (int i = 0; i < side; i++) {
                    sums[out * side + i] += w * row[i];
                }
            }
        }
        byte[] result = new byte[side * side];
        for (int i = 0; i < result.length; i++) {
            result[i] = (byte) ((background * area + sums[i] + area / 2) / area);
        }
        return result;
    }

    /** Adds {@code v} times its overlap with each output pixel of source pixel {@code src}. */
    private static void addSpread(long[] row, int v, int src, int s, int side) {
        if (v == 0) {
            return;
        }
        for (int out = firstOut(src, s, side); out <= lastOut(src, s, side); out++) {
            row[out] += v * overlap(out, src, s, side);
        }
    }

    /** First output pixel that source pixel {@code src} of a row of {@code s} overlaps. */
    private static int firstOut(int src, int s, int side) {
        return (int) ((long) src * side / s);
    }

    /** Last output pixel that source pixel {@code src} of a row of {@code s} overlaps. */
    private static int lastOut(int src, int s, int side) {
        return (int) Math.min(side - 1, ((src + 1) * (long) side - 1) / s);
    }

    /**
     * Length of the overlap of output pixel {@code out} and source pixel {@code src}, in units of
     * 1/side of a source pixel (= 1/s of an output pixel): both then have integer bounds.
     */
    private static long overlap(int out, int src, int s, int side) {
        long lo = Math.max((long) out * s, (long) src * side);
        long hi = Math.min((long) (out + 1) * s, (long) (src + 1) * side);
        return Math.max(0, hi - lo);
    }
}
