package io.fashionspark.bench;

import io.fashionspark.score.GrayImage;
import io.fashionspark.score.ImagePreprocessor;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.random.RandomGenerator;

/**
 * Turns a light-on-black grey item (an IDX image, or any grey drawing) into an RGB product photo:
 * the item is cut to its bounding box, enlarged with Java2D's bicubic interpolation until its
 * longest edge has a random size, placed on a canvas with four independent random margins, and
 * coloured: each channel is the background's times {@code 1 - d + d * colour / 255}, where
 * {@code d} is the item's grey level over 255 and the colour is a random saturated one dark enough
 * to read as a dark item (luma at most {@value #MAX_ITEM_LUMA}). Pure Java, deterministic given
 * the random generator.
 */
public final class PhotoRenderer {
    /** Darkest luma an item colour may have at full strength. */
    static final int MAX_ITEM_LUMA = 110;
    /** Amplitude of the paper texture in grey levels. */
    static final double PAPER_AMPLITUDE = 6;

    private PhotoRenderer() {
    }

    /** The photo of {@code item} in {@code style}, drawing every random choice from {@code random}. */
    public static BufferedImage render(GrayImage item, PhotoStyle style, RandomGenerator random) {
        int[] box = ImagePreprocessor.contentBox(item, 0, 0);
        if (box == null) {
            box = new int[] {0, 0, item.width() - 1, item.height() - 1};
        }
        int boxW = box[2] - box[0] + 1;
        int boxH = box[3] - box[1] + 1;
        int edge = style.edgeMin() + random.nextInt(style.edgeMax() - style.edgeMin() + 1);
        double scale = (double) edge / Math.max(boxW, boxH);
        int itemW = Math.max(1, (int) Math.round(boxW * scale));
        int itemH = Math.max(1, (int) Math.round(boxH * scale));
        int[] margins = new int[4];
        for (int i = 0; i < 4; i++) {
            margins[i] = (int) Math.round(edge * (style.marginMin()
                    + random.nextDouble() * (style.marginMax() - style.marginMin())));
        }
        int width = margins[0] + itemW + margins[1];
        int height = margins[2] + itemH + margins[3];
        int[] darkness = enlarge(item, box, margins[0], margins[2], (double) itemW / boxW, (double) itemH / boxH,
                width, height);
        int[] colour = itemColour(random);
        Background background = Background.of(style.background(), random);
        double sigma = style.noise() ? 3 + 2 * random.nextDouble() : 0;
        BufferedImage photo = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        int[] bg = new int[3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double d = darkness[y * width + x] / 255.0;
                background.at(x, y, bg);
                int rgb = 0;
                for (int c = 0; c < 3; c++) {
                    double v = bg[c] * (1 - d + d * colour[c] / 255.0);
                    if (sigma > 0) {
                        v += sigma * random.nextGaussian();
                    }
                    rgb = (rgb << 8) | (int) Math.max(0, Math.min(255, Math.round(v)));
                }
                row[x] = rgb;
            }
            photo.setRGB(0, y, width, 1, row, 0, width);
        }
        return photo;
    }

    /**
     * The item's grey levels (0 nothing, 255 full item) on a {@code width x height} canvas: the
     * source box's top-left corner at ({@code left}, {@code top}), scaled by {@code sx, sy}.
     */
    private static int[] enlarge(GrayImage item, int[] box, int left, int top, double sx, double sy, int width,
                                 int height) {
        BufferedImage source = new BufferedImage(item.width(), item.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < item.height(); y++) {
            for (int x = 0; x < item.width(); x++) {
                int v = item.at(x, y);
                source.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        AffineTransform t = new AffineTransform();
        t.translate(left, top);
        t.scale(sx, sy);
        t.translate(-box[0], -box[1]);
        g.drawImage(source, t, null);
        g.dispose();
        int[] out = new int[width * height];
        int[] rgb = canvas.getRGB(0, 0, width, height, null, 0, width);
        for (int i = 0; i < out.length; i++) {
            out[i] = rgb[i] & 0xFF;
        }
        return out;
    }

    /** A random saturated colour whose luma is at most {@link #MAX_ITEM_LUMA}, as {r, g, b}. */
    static int[] itemColour(RandomGenerator random) {
        while (true) {
            float hue = random.nextFloat();
            float saturation = 0.55f + 0.45f * random.nextFloat();
            float brightness = 0.25f + 0.45f * random.nextFloat();
            int rgb = Color.HSBtoRGB(hue, saturation, brightness);
            int[] c = {(rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF};
            if (luma(c) <= MAX_ITEM_LUMA) {
                return c;
            }
        }
    }

    /** Rounded luma {@code 0.299R + 0.587G + 0.114B}, as the scorer's decoder computes it. */
    static int luma(int[] c) {
        return (299 * c[0] + 587 * c[1] + 114 * c[2] + 500) / 1000;
    }

    /** The background colour at each pixel. */
    private record Background(int[] base, double[] wave) {
        static Background of(PhotoStyle.Background kind, RandomGenerator random) {
            return switch (kind) {
                case WHITE -> new Background(new int[] {255, 255, 255}, null);
                case GREY -> new Background(tinted(215 + random.nextInt(31), 6, random), null);
                case PAPER -> new Background(tinted(240 + random.nextInt(11), 3, random), waves(random));
            };
        }

        private static int[] tinted(int level, int spread, RandomGenerator random) {
            int[] c = new int[3];
            for (int i = 0; i < 3; i++) {
                c[i] = Math.min(255, level + random.nextInt(2 * spread + 1) - spread);
            }
            return c;
        }

        /** Two plane waves of 40-160 px wavelength in random directions: {kx, ky, phase} each. */
        private static double[] waves(RandomGenerator random) {
            double[] w = new double[6];
            for (int i = 0; i < 2; i++) {
                double angle = random.nextDouble() * Math.PI;
                double k = 2 * Math.PI / (40 + 120 * random.nextDouble());
                w[3 * i] = k * Math.cos(angle);
                w[3 * i + 1] = k * Math.sin(angle);
                w[3 * i + 2] = random.nextDouble() * 2 * Math.PI;
            }
            return w;
        }

        void at(int x, int y, int[] out) {
            double t = wave == null ? 0 : PAPER_AMPLITUDE * (0.6 * Math.sin(wave[0] * x + wave[1] * y + wave[2])
                    + 0.4 * Math.sin(wave[3] * x + wave[4] * y + wave[5]));
            for (int c = 0; c < 3; c++) {
                out[c] = (int) Math.max(0, Math.min(255, Math.round(base[c] + t)));
            }
        }
    }
}
