package io.fashionspark.score;

import io.fashionspark.data.LabeledImages;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Turns a grey image of any size into the 28x28 light-on-black grey levels the network was
 * trained on. Pure Java; the scoring job, the Spark ML model and the SQL function run it on the
 * executors. The training scaling ({@code 2*x/255 - 1}) is applied afterwards, to these bytes, by
 * the same code as in training.
 *
 * <ol>
 *   <li>Inversion ({@link InvertMode}): {@code auto} inverts an image whose border ring is light.</li>
 *   <li>An image that is 28x28 stops here: it comes out byte-identical (inverted if asked).</li>
 *   <li>Fit ({@link FitMode}). {@code trim} follows the conversion Fashion-MNIST's authors applied
 *       to their product photos: the background is the median grey of the four corners; rows and
 *       columns at the edges whose pixels are all within 5% of 255 of it are cut off (on a noisy
 *       background, within {@link #NOISE_SIGMAS} times its noise, and a row or column needs
 *       {@link #NOISY_MIN_PIXELS} pixels beyond that to count as the item's); the rest is
 *       centred on a square of the background and shrunk, so its longest edge spans 28 pixels;
 *       then the levels are stretched so the background becomes 0 (Fashion-MNIST's background
 *       is black, and a light grey photo background would otherwise come out dark grey).
 *       {@code pad} centres the whole image on a square of its border's mean grey and shrinks it.
 *       {@code stretch} shrinks each side to 28.</li>
 *   <li>Shrinking is area averaging, an exact box filter in integer arithmetic: each output pixel
 *       is the mean of the area it covers, partial pixels weighted by their covered fraction,
 *       rounded half up. An image enlarged by an integer factor with nearest-neighbour sampling
 *       gives the original back.</li>
 *   <li>Optional sharpening ({@link PrepareOptions#sharpen()}): an unsharp mask of the 28x28
 *       result.</li>
 * </ol>
 */
public final class ImagePreprocessor {
    /** {@link InvertMode#AUTO} inverts an image whose border mean is above this (mid-grey). */
    public static final double LIGHT_BORDER = 127.5;
    /** {@link FitMode#TRIM}: a pixel is margin when it differs from the corners' grey by at most this (5% of 255). */
    public static final int TRIM_TOLERANCE = 12;
    /**
     * {@link FitMode#TRIM} on a noisy background: the tolerance grows to this many times the
     * background's noise (a robust standard deviation of the outer ring), and a row or column is
     * content only when {@link #NOISY_MIN_PIXELS} of its pixels are beyond it, since single noise
     * pixels pass any tolerance.
     */
    public static final double NOISE_SIGMAS = 4.0;
    /** See {@link #NOISE_SIGMAS}. */
    public static final int NOISY_MIN_PIXELS = 3;
    private static final int SIDE = LabeledImages.SIDE;

    private ImagePreprocessor() {
    }

    /** The network's 28x28 input bytes of {@code image}. */
    public static PreparedImage prepare(GrayImage image, PrepareOptions options) {
        double border = borderMean(image);
        InvertMode mode = options.invert();
        boolean invert = mode == InvertMode.ALWAYS || (mode == InvertMode.AUTO && border > LIGHT_BORDER);
        GrayImage oriented = invert ? invert(image) : image;
        byte[] pixels;
        if (image.width() == SIDE && image.height() == SIDE) {
            pixels = oriented.pixels();
        } else {
            pixels = switch (options.fit()) {
                case TRIM -> trim(oriented);
                case PAD -> resize(oriented, (int) Math.round(invert ? 255 - border : border), SIDE);
                case STRETCH -> resample(oriented, 0, oriented.width(), oriented.height(), 0, 0, SIDE);
            };
            if (options.sharpen()) {
                pixels = sharpen(pixels, SIDE);
            }
        }
        return new PreparedImage(pixels, image.width(), image.height(), invert);
    }

    /** Mean grey level of the outer ring of pixels (every pixel of an image one pixel wide or high). */
    public static double borderMean(GrayImage image) {
        long[] sumAndCount = new long[2];
        forEachRingPixel(image, v -> {
            sumAndCount[0] += v;
            sumAndCount[1]++;
        });
        return (double) sumAndCount[0] / sumAndCount[1];
    }

    /** Calls {@code visit} with the grey level of each pixel of the outer ring, each pixel once. */
    private static void forEachRingPixel(GrayImage image, IntConsumer visit) {
        int w = image.width();
        int h = image.height();
        for (int x = 0; x < w; x++) {
            visit.accept(image.at(x, 0));
            if (h > 1) {
                visit.accept(image.at(x, h - 1));
            }
        }
        for (int y = 1; y < h - 1; y++) {
            visit.accept(image.at(0, y));
            if (w > 1) {
                visit.accept(image.at(w - 1, y));
            }
        }
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

    /** The median of the four corner pixels (the mean of the middle two, rounded half up). */
    public static int cornerLevel(GrayImage image) {
        int w = image.width() - 1;
        int h = image.height() - 1;
        int[] c = {image.at(0, 0), image.at(w, 0), image.at(0, h), image.at(w, h)};
        Arrays.sort(c);
        return (c[1] + c[2] + 1) / 2;
    }

    /**
     * The smallest rectangle holding every pixel that differs from {@code background} by more
     * than {@code tolerance}, as {x0, y0, x1, y1} (inclusive); null when there is none.
     */
    public static int[] contentBox(GrayImage image, int background, int tolerance) {
        return contentBox(image, background, tolerance, 1);
    }

    /**
     * The rectangle from the first to the last row, and from the first to the last column, that
     * has at least {@code minPixels} pixels differing from {@code background} by more than
     * {@code tolerance}, as {x0, y0, x1, y1} (inclusive); null when there is none.
     */
    public static int[] contentBox(GrayImage image, int background, int tolerance, int minPixels) {
        int w = image.width();
        int h = image.height();
        byte[] px = image.pixels();
        int[] rows = new int[h];
        int[] cols = new int[w];
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                if (Math.abs((px[row + x] & 0xFF) - background) > tolerance) {
                    rows[y]++;
                    cols[x]++;
                }
            }
        }
        int y0 = first(rows, minPixels);
        int x0 = first(cols, minPixels);
        if (y0 < 0 || x0 < 0) {
            return null;
        }
        return new int[] {x0, y0, last(cols, minPixels), last(rows, minPixels)};
    }

    private static int first(int[] counts, int min) {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] >= min) {
                return i;
            }
        }
        return -1;
    }

    private static int last(int[] counts, int min) {
        for (int i = counts.length - 1; i >= 0; i--) {
            if (counts[i] >= min) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The noise of the background: 1.4826 times the median absolute difference between the outer
     * ring's pixels and {@code background} (a standard deviation for Gaussian noise; robust to an
     * item covering less than half of the ring).
     */
    public static double borderNoise(GrayImage image, int background) {
        int[] histogram = new int[256];
        long[] count = new long[1];
        forEachRingPixel(image, v -> {
            histogram[Math.abs(v - background)]++;
            count[0]++;
        });
        long seen = 0;
        for (int d = 0; d < 256; d++) {
            seen += histogram[d];
            if (2 * seen >= count[0]) {
                return 1.4826 * d;
            }
        }
        return 0;
    }

    /** {@link FitMode#TRIM} of an image already light-on-dark (see the class comment). */
    static byte[] trim(GrayImage image) {
        int background = cornerLevel(image);
        int tolerance = Math.max(TRIM_TOLERANCE, (int) Math.ceil(NOISE_SIGMAS * borderNoise(image, background)));
        int[] box = contentBox(image, background, tolerance, tolerance == TRIM_TOLERANCE ? 1 : NOISY_MIN_PIXELS);
        GrayImage item = box == null ? image : crop(image, box[0], box[1], box[2] - box[0] + 1, box[3] - box[1] + 1);
        byte[] out = resize(item, background, SIDE);
        if (background > 0 && background < 255) {
            for (int i = 0; i < out.length; i++) {
                int v = (out[i] & 0xFF) - background;
                out[i] = (byte) (v <= 0 ? 0 : (v * 255 + (255 - background) / 2) / (255 - background));
            }
        }
        return out;
    }

    /** The {@code w x h} part of {@code image} whose top-left pixel is ({@code x0}, {@code y0}). */
    static GrayImage crop(GrayImage image, int x0, int y0, int w, int h) {
        if (x0 == 0 && y0 == 0 && w == image.width() && h == image.height()) {
            return image;
        }
        byte[] out = new byte[w * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(image.pixels(), (y0 + y) * image.width() + x0, out, y * w, w);
        }
        return new GrayImage(w, h, out);
    }

    /**
     * Resizes {@code image}, centred on a square of side {@code max(width, height)} filled with
     * {@code background}, to {@code side x side} by area averaging. The padded square is never
     * materialised, so a long thin image costs no more memory than its own pixels.
     */
    public static byte[] resize(GrayImage image, int background, int side) {
        int s = Math.max(image.width(), image.height());
        return resample(image, background, s, s, (s - image.width()) / 2, (s - image.height()) / 2, side);
    }

    /**
     * Area-averages a {@code regionW x regionH} canvas of {@code background} with {@code image} at
     * ({@code offX}, {@code offY}) to {@code side x side}: each output pixel is the mean of the
     * canvas area it covers, rounded half up. Overlaps are counted in units of 1/side of a source
     * pixel, so every bound is an integer and the result is exact.
     */
    static byte[] resample(GrayImage image, int background, int regionW, int regionH, int offX, int offY, int side) {
        long area = (long) regionW * regionH;
        long[] sums = new long[side * side];
        long[] row = new long[side];
        for (int y = 0; y < image.height(); y++) {
            // Row y spread over the output columns, in differences from the background: the canvas adds nothing.
            Arrays.fill(row, 0);
            for (int x = 0; x < image.width(); x++) {
                addSpread(row, image.at(x, y) - background, offX + x, regionW, side);
            }
            int src = offY + y;
            for (int out = firstOut(src, regionH, side); out <= lastOut(src, regionH, side); out++) {
                long w = overlap(out, src, regionH, side);
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

    /**
     * An unsharp mask of a {@code side x side} image: {@code v + (v - blur(v))}, clamped to
     * 0..255, where blur is a 3x3 Gaussian of standard deviation 1 (weights 1 2 1 / 2 4 2 / 1 2 1
     * rounded from it), edges repeated.
     */
    static byte[] sharpen(byte[] pixels, int side) {
        byte[] out = new byte[pixels.length];
        int[] k = {1, 2, 1};
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int sum = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    int yy = Math.min(side - 1, Math.max(0, y + dy));
                    for (int dx = -1; dx <= 1; dx++) {
                        int xx = Math.min(side - 1, Math.max(0, x + dx));
                        sum += k[dy + 1] * k[dx + 1] * (pixels[yy * side + xx] & 0xFF);
                    }
                }
                int v = pixels[y * side + x] & 0xFF;
                int sharpened = 2 * v - (sum + 8) / 16;
                out[y * side + x] = (byte) Math.min(255, Math.max(0, sharpened));
            }
        }
        return out;
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
