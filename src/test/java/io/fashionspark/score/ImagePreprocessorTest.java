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
    void imageOf28x28ComesOutByteIdentical() {
        for (long seed = 0; seed < 20; seed++) {
            GrayImage image = darkBordered(28, 28, seed);

            PreparedImage auto = ImagePreprocessor.prepare(image, InvertMode.AUTO);
            PreparedImage never = ImagePreprocessor.prepare(image, InvertMode.NEVER);

            assertArrayEquals(image.pixels(), auto.pixels());
            assertArrayEquals(image.pixels(), never.pixels());
            assertFalse(auto.inverted());
            assertEquals(28, auto.width());
            assertEquals(28, auto.height());
        }
    }

    @ParameterizedTest(name = "x{0}")
    @ValueSource(ints = {2, 3, 5})
    void nearestNeighbourEnlargementGivesTheOriginalBack(int factor) {
        GrayImage image = darkBordered(28, 28, factor);

        PreparedImage enlarged = ImagePreprocessor.prepare(ImageFiles.nearest(image, factor), InvertMode.AUTO);

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

        byte[] out = ImagePreprocessor.prepare(new GrayImage(56, 28, px), InvertMode.AUTO).pixels();

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

        PreparedImage auto = ImagePreprocessor.prepare(negative, InvertMode.AUTO);
        PreparedImage never = ImagePreprocessor.prepare(negative, InvertMode.NEVER);
        PreparedImage always = ImagePreprocessor.prepare(image, InvertMode.ALWAYS);

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
        assertFalse(ImagePreprocessor.prepare(image, InvertMode.AUTO).inverted());
    }
}
