package io.fashionspark.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImagePreprocessorTest {
    private static PrepareOptions pad(InvertMode invert) {
        return new PrepareOptions(invert, FitMode.PAD, false);
    }

    private static PrepareOptions trim(InvertMode invert) {
        return new PrepareOptions(invert, FitMode.TRIM, false);
    }
    /** A random image whose border ring is dark (below 100) and interior anything. */
    private static GrayImage darkBordered(int w, int h, long seed) {
        Random random = new Random(seed);
        byte[] px = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean border = x == 0 || y == 0 || x == w - 1 || y == h - 1;
                px[y * w + x] = (byte) random.nextInt(border ? 100 : 256);
            }
        }
        return new GrayImage(w, h, px);
    }

    @Test
    void imageOf28x28ComesOutByteIdenticalInEveryMode() {
        for (long seed = 0; seed < 20; seed++) {
            GrayImage image = darkBordered(28, 28, seed);
            for (FitMode fit : FitMode.values()) {
                for (boolean sharpen : new boolean[] {false, true}) {
                    PreparedImage auto = ImagePreprocessor.prepare(image, new PrepareOptions(InvertMode.AUTO, fit, sharpen));
                    PreparedImage never = ImagePreprocessor.prepare(image, new PrepareOptions(InvertMode.NEVER, fit, sharpen));

                    assertArrayEquals(image.pixels(), auto.pixels(), fit + " " + sharpen);
                    assertArrayEquals(image.pixels(), never.pixels(), fit + " " + sharpen);
                    assertFalse(auto.inverted());
                    assertEquals(28, auto.width());
                    assertEquals(28, auto.height());
                }
            }
        }
    }

    @ParameterizedTest(name = "x{0}")
    @ValueSource(ints = {2, 3, 5})
    void nearestNeighbourEnlargementGivesTheOriginalBack(int factor) {
        GrayImage image = darkBordered(28, 28, factor);

        PreparedImage enlarged = ImagePreprocessor.prepare(ImageFiles.nearest(image, factor), pad(InvertMode.AUTO));

        assertArrayEquals(image.pixels(), enlarged.pixels());
        assertEquals(28 * factor, enlarged.width());
    }

    @Test
    void areaAveragingRoundsTheMeanOfEachBlockHalfUp() {
        byte[] px = new byte[56 * 56];
        for (int y = 0; y < 56; y++) {
            for (int x = 0; x < 56; x++) {
                // Blocks of (0, 1 / 2, 3): mean 1.5, rounded to 2; the other row pattern (0, 255 / 0, 0): 63.75 -> 64.
                boolean upper = (y / 2) % 2 == 0;
                int v = upper ? (x % 2) + 2 * (y % 2) : (x % 2 == 1 && y % 2 == 0 ? 255 : 0);
                px[y * 56 + x] = (byte) v;
            }
        }

        byte[] out = ImagePreprocessor.resize(new GrayImage(56, 56, px), 0, 28);

        for (int y = 0; y < 28; y++) {
            assertEquals(y % 2 == 0 ? 2 : 64, out[y * 28 + 5] & 0xFF, "row " + y);
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"42,42", "30,17", "13,40", "100,100", "1,1", "1,50", "50,1", "27,29", "9,9"})
    void resizeEqualsAnExactBoxFilterOfThePaddedSquare(int w, int h) {
        GrayImage image = darkBordered(w, h, w * 1000L + h);
        int background = 37;

        byte[] out = ImagePreprocessor.resize(image, background, 28);

        double[] reference = referenceBoxFilter(image, background, 28);
        for (int i = 0; i < out.length; i++) {
            double r = reference[i];
            boolean tie = Math.abs(r - Math.floor(r) - 0.5) < 1e-6;
            long expected = (long) Math.floor(r + 0.5);
            assertTrue(tie ? Math.abs((out[i] & 0xFF) - expected) <= 1 : (out[i] & 0xFF) == expected,
                    "pixel " + i + ": " + (out[i] & 0xFF) + " vs " + r);
        }
    }

    /** The padded square materialised, each output pixel the area-weighted mean in doubles. */
    private static double[] referenceBoxFilter(GrayImage image, int background, int side) {
        int s = Math.max(image.width(), image.height());
        int offX = (s - image.width()) / 2;
        int offY = (s - image.height()) / 2;
        double[] square = new double[s * s];
        java.util.Arrays.fill(square, background);
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                square[(y + offY) * s + x + offX] = image.at(x, y);
            }
        }
        double scale = (double) s / side;
        double[] out = new double[side * side];
        for (int oy = 0; oy < side; oy++) {
            for (int ox = 0; ox < side; ox++) {
                double sum = 0;
                for (int y = 0; y < s; y++) {
                    double wy = Math.max(0, Math.min(y + 1, (oy + 1) * scale) - Math.max(y, oy * scale));
                    for (int x = 0; wy > 0 && x < s; x++) {
                        double wx = Math.max(0, Math.min(x + 1, (ox + 1) * scale) - Math.max(x, ox * scale));
                        sum += wx * wy * square[y * s + x];
                    }
                }
                out[oy * side + ox] = sum / (scale * scale);
            }
        }
        return out;
    }

    @Test
    void paddingToASquareKeepsTheAspectRatioAndUsesTheBorderMean() {
        // 56 wide, 28 high: a ring of 20 around an interior of 200.
        byte[] px = new byte[56 * 28];
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 56; x++) {
                px[y * 56 + x] = (byte) (x == 0 || y == 0 || x == 55 || y == 27 ? 20 : 200);
            }
        }

        byte[] out = ImagePreprocessor.prepare(new GrayImage(56, 28, px), pad(InvertMode.AUTO)).pixels();

        for (int x = 0; x < 28; x++) {
            for (int y : new int[] {0, 6, 21, 27}) {
                assertEquals(20, out[y * 28 + x] & 0xFF, "padding row " + y);
            }
            assertEquals(x == 0 || x == 27 ? 110 : 200, out[14 * 28 + x] & 0xFF, "middle row");
        }
    }

    @Test
    void autoInvertsOnlyImagesWithALightBorder() {
        GrayImage image = darkBordered(28, 28, 7);
        GrayImage negative = ImagePreprocessor.invert(image);

        PreparedImage auto = ImagePreprocessor.prepare(negative, trim(InvertMode.AUTO));
        PreparedImage never = ImagePreprocessor.prepare(negative, trim(InvertMode.NEVER));
        PreparedImage always = ImagePreprocessor.prepare(image, trim(InvertMode.ALWAYS));

        assertTrue(auto.inverted());
        assertArrayEquals(image.pixels(), auto.pixels());
        assertFalse(never.inverted());
        assertArrayEquals(negative.pixels(), never.pixels());
        assertTrue(always.inverted());
        assertArrayEquals(negative.pixels(), always.pixels());
    }

    @Test
    void borderMeanIsTheMeanOfTheOuterRing() {
        byte[] ring = {9, 9, 9, 9, (byte) 255, 9, 9, 9, 9};
        assertEquals(9.0, ImagePreprocessor.borderMean(new GrayImage(3, 3, ring)));
        assertEquals(2.5, ImagePreprocessor.borderMean(new GrayImage(4, 1, new byte[] {1, 2, 3, 4})));
        assertEquals(2.5, ImagePreprocessor.borderMean(new GrayImage(1, 4, new byte[] {1, 2, 3, 4})));
        assertEquals(7.0, ImagePreprocessor.borderMean(new GrayImage(1, 1, new byte[] {7})));
    }

    @Test
    void anImageExactlyMidGreyAtTheBorderIsNotInverted() {
        byte[] px = new byte[4 * 4];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i % 2 == 0 ? 127 : 128);
        }
        GrayImage image = new GrayImage(4, 4, px);
        assertEquals(127.5, ImagePreprocessor.borderMean(image));
        assertFalse(ImagePreprocessor.prepare(image, trim(InvertMode.AUTO)).inverted());
    }

    /** A Fashion-MNIST-like 28x28 item: black background, an item 28 wide and 20 high, centred. */
    private static GrayImage item() {
        Random random = new Random(5);
        byte[] px = new byte[28 * 28];
        for (int y = 4; y < 24; y++) {
            for (int x = 0; x < 28; x++) {
                px[y * 28 + x] = (byte) (60 + random.nextInt(196));
            }
        }
        return new GrayImage(28, 28, px);
    }

    /** {@code image} on a larger canvas of {@code background}, with the given margins. */
    private static GrayImage onCanvas(GrayImage image, int background, int left, int top, int right, int bottom) {
        int w = image.width() + left + right;
        int h = image.height() + top + bottom;
        byte[] px = new byte[w * h];
        java.util.Arrays.fill(px, (byte) background);
        for (int y = 0; y < image.height(); y++) {
            System.arraycopy(image.pixels(), y * image.width(), px, (y + top) * w + left, image.width());
        }
        return new GrayImage(w, h, px);
    }

    @ParameterizedTest(name = "x{0}")
    @ValueSource(ints = {2, 3, 7})
    void trimGivesBackAnItemEnlargedAndSetOnUnevenMargins(int factor) {
        GrayImage item = item();
        // Black margins: the photo as Fashion-MNIST's conversion would have seen it, light-on-black.
        GrayImage photo = onCanvas(ImageFiles.nearest(item, factor), 0, 40, 7, 13, 90);

        assertArrayEquals(item.pixels(), ImagePreprocessor.prepare(photo, trim(InvertMode.AUTO)).pixels());
        // The same photo as a dark item on white is inverted first, then trimmed.
        PreparedImage light = ImagePreprocessor.prepare(ImagePreprocessor.invert(photo), trim(InvertMode.AUTO));
        assertTrue(light.inverted());
        assertArrayEquals(item.pixels(), light.pixels());
        // pad keeps the margins: the item no longer spans the 28 columns.
        int[] padded = ImagePreprocessor.contentBox(new GrayImage(28, 28,
                ImagePreprocessor.prepare(photo, pad(InvertMode.AUTO)).pixels()), 0, ImagePreprocessor.TRIM_TOLERANCE);
        assertTrue(padded[2] - padded[0] + 1 < 28, "padded item narrower than 28: " + java.util.Arrays.toString(padded));
    }

    @Test
    void trimStretchesTheLevelsSoALightGreyBackgroundBecomesBlack() {
        // A 20x10 item of grey 50 on a background of 230, with margins: inverted, 205 on 25.
        byte[] inner = new byte[20 * 10];
        java.util.Arrays.fill(inner, (byte) 50);
        GrayImage photo = onCanvas(new GrayImage(20, 10, inner), 230, 30, 11, 5, 17);

        PreparedImage prepared = ImagePreprocessor.prepare(photo, trim(InvertMode.AUTO));

        assertTrue(prepared.inverted());
        byte[] out = prepared.pixels();
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                // Longest edge 20 -> 28: the item is 28 wide and 14 high, rows 7 to 20; (205 - 25) * 255 / 230 = 200.
                assertEquals(y >= 7 && y < 21 ? 200 : 0, out[y * 28 + x] & 0xFF, "(" + x + ", " + y + ")");
            }
        }
    }

    @Test
    void marginsWithinFivePercentOfTheCornersAreTrimmedAndOthersAreNot() {
        byte[] inner = new byte[10 * 10];
        java.util.Arrays.fill(inner, (byte) 200);
        GrayImage photo = onCanvas(new GrayImage(10, 10, inner), 0, 20, 20, 20, 20);
        byte[] px = photo.pixels().clone();
        px[3 * photo.width() + 3] = 12;   // within 12 of the background: margin
        assertArrayEquals(new int[] {20, 20, 29, 29},
                ImagePreprocessor.contentBox(new GrayImage(photo.width(), photo.height(), px), 0, ImagePreprocessor.TRIM_TOLERANCE));
        px[3 * photo.width() + 3] = 13;   // more than 5% of 255 away: part of the item
        assertArrayEquals(new int[] {3, 3, 29, 29},
                ImagePreprocessor.contentBox(new GrayImage(photo.width(), photo.height(), px), 0, ImagePreprocessor.TRIM_TOLERANCE));
        assertEquals(null, ImagePreprocessor.contentBox(new GrayImage(5, 5, new byte[25]), 0, 12), "all background");
    }

    @Test
    void onANoisyBackgroundTheMarginsAreStillFound() {
        // An item of 60 on a 245 background with Gaussian noise of sigma 5 and a slow +-6 ripple.
        java.util.Random random = new java.util.Random(3);
        int w = 300;
        int h = 200;
        byte[] px = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean item = x >= 70 && x < 190 && y >= 40 && y < 170;
                double v = item ? 60 : 245 + 6 * Math.sin(x / 40.0) * Math.cos(y / 30.0) + 5 * random.nextGaussian();
                px[y * w + x] = (byte) Math.max(0, Math.min(255, Math.round(v)));
            }
        }
        GrayImage photo = ImagePreprocessor.invert(new GrayImage(w, h, px));
        int background = ImagePreprocessor.cornerLevel(photo);
        double noise = ImagePreprocessor.borderNoise(photo, background);
        assertTrue(noise > 4 && noise < 10, "noise " + noise);
        // Five-percent tolerance alone: noise pixels reach every edge, nothing is trimmed.
        assertArrayEquals(new int[] {0, 0, w - 1, h - 1},
                ImagePreprocessor.contentBox(photo, background, ImagePreprocessor.TRIM_TOLERANCE));
        int tolerance = (int) Math.ceil(ImagePreprocessor.NOISE_SIGMAS * noise);
        assertArrayEquals(new int[] {70, 40, 189, 169}, ImagePreprocessor.contentBox(photo, background, tolerance,
                ImagePreprocessor.NOISY_MIN_PIXELS));
        // trim uses that box: the item (120 x 130) fills 26 of 28 columns and all rows.
        byte[] out = ImagePreprocessor.prepare(new GrayImage(w, h, px), trim(InvertMode.AUTO)).pixels();
        assertArrayEquals(new int[] {1, 0, 26, 27}, ImagePreprocessor.contentBox(new GrayImage(28, 28, out), 0, 100));
        // A clean background keeps the five-percent tolerance and single-pixel sensitivity.
        assertEquals(0.0, ImagePreprocessor.borderNoise(new GrayImage(5, 5, new byte[25]), 0));
    }

    @Test
    void anImageWithoutAnItemComesOutUniform() {
        byte[] px = new byte[40 * 30];
        java.util.Arrays.fill(px, (byte) 9);
        for (FitMode fit : FitMode.values()) {
            byte[] out = ImagePreprocessor.prepare(new GrayImage(40, 30, px), new PrepareOptions(InvertMode.AUTO, fit, true))
                    .pixels();
            int first = out[0] & 0xFF;
            for (byte b : out) {
                assertEquals(first, b & 0xFF, fit.label());
            }
        }
    }

    @Test
    void cornerLevelIsTheMedianOfTheFourCorners() {
        byte[] px = new byte[3 * 3];
        px[0] = 10;
        px[2] = (byte) 200;
        px[6] = 20;
        px[8] = 25;
        assertEquals(23, ImagePreprocessor.cornerLevel(new GrayImage(3, 3, px)), "(20 + 25) / 2, rounded half up");
    }

    @Test
    void stretchShrinksEachSideOnItsOwn() {
        // 56 x 28: columns alternate 0 and 100, so each output pixel averages one of each.
        byte[] px = new byte[56 * 28];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) ((i % 56) % 2 == 0 ? 0 : 100);
        }
        byte[] out = ImagePreprocessor.prepare(new GrayImage(56, 28, px), new PrepareOptions(InvertMode.NEVER,
                FitMode.STRETCH, false)).pixels();
        for (byte b : out) {
            assertEquals(50, b & 0xFF);
        }
    }

    @Test
    void sharpeningLeavesFlatAreasAndSteepensEdgesWithinTheRange() {
        byte[] px = new byte[28 * 28];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i % 28 < 14 ? 40 : 240);
        }
        byte[] out = ImagePreprocessor.sharpen(px, 28);
        assertEquals(40, out[5 * 28 + 3] & 0xFF, "flat");
        assertEquals(240, out[5 * 28 + 20] & 0xFF, "flat");
        // Blur at x = 13: (40 * 3 + 240) / 4 = 90, so 2 * 40 - 90 < 0 clamps to 0; at x = 14: 2 * 240 - 190 = 290 -> 255.
        assertEquals(0, out[5 * 28 + 13] & 0xFF, "dark side of the edge");
        assertEquals(255, out[5 * 28 + 14] & 0xFF, "light side of the edge");
    }
}
