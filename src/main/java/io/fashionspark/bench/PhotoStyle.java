package io.fashionspark.bench;

import java.util.List;
import java.util.Locale;

/**
 * How the photos of one photo set look: item size, margins, background, disturbances and file
 * format. Sets that share a {@code scene} get the same pixels for the same image (the same random
 * draws), so they differ only in how they are encoded.
 *
 * @param name       the set's folder name
 * @param scene      the key of the random draws (item size, margins, colours)
 * @param edgeMin    smallest longest item edge in pixels
 * @param edgeMax    largest longest item edge in pixels
 * @param marginMin  smallest margin per side, as a fraction of the longest item edge
 * @param marginMax  largest margin per side (0 and 0: the item fills the frame)
 * @param background the background kind
 * @param noise      whether Gaussian noise of sigma 3-5 levels is added to every pixel
 * @param quality    JPEG quality 1-100, or 0 for a lossless PNG
 */
public record PhotoStyle(String name, String scene, int edgeMin, int edgeMax, double marginMin, double marginMax,
                         Background background, boolean noise, int quality) {
    /** The background under and around the item. */
    public enum Background {
        /** Pure white (255, 255, 255). */
        WHITE,
        /** One light grey or off-white level of 215-245, each channel shifted by up to 6 levels. */
        GREY,
        /** Near-white paper: 240-250 with a low-frequency sinusoidal texture of +-6 levels. */
        PAPER
    }

    /** Validates the ranges. */
    public PhotoStyle {
        if (edgeMin < 8 || edgeMax < edgeMin) {
            throw new IllegalArgumentException(name + ": expected 8 <= edgeMin <= edgeMax, found " + edgeMin + ", "
                    + edgeMax);
        }
        if (marginMin < 0 || marginMax < marginMin) {
            throw new IllegalArgumentException(name + ": expected 0 <= marginMin <= marginMax, found " + marginMin
                    + ", " + marginMax);
        }
        if (quality < 0 || quality > 100) {
            throw new IllegalArgumentException(name + ": expected a JPEG quality of 1-100 or 0 (PNG), found " + quality);
        }
    }

    /** The standard sets, in the order of the table. */
    public static List<PhotoStyle> standard() {
        Background w = Background.WHITE;
        return List.of(
                new PhotoStyle("clean-png", "clean", 100, 500, 0.10, 0.60, w, false, 0),
                new PhotoStyle("clean-jpeg95", "clean", 100, 500, 0.10, 0.60, w, false, 95),
                new PhotoStyle("clean-jpeg75", "clean", 100, 500, 0.10, 0.60, w, false, 75),
                new PhotoStyle("clean-jpeg40", "clean", 100, 500, 0.10, 0.60, w, false, 40),
                new PhotoStyle("grey-background", "grey", 100, 500, 0.10, 0.60, Background.GREY, false, 90),
                new PhotoStyle("paper-noise", "paper", 100, 500, 0.10, 0.60, Background.PAPER, true, 90),
                new PhotoStyle("small", "small", 40, 90, 0.10, 0.60, w, false, 90),
                new PhotoStyle("no-margins", "tight", 100, 500, 0, 0, w, false, 90));
    }

    /** The standard set called {@code name}. */
    public static PhotoStyle named(String name) {
        return standard().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("photo set: unknown set " + name + "; expected one of "
                        + standard().stream().map(PhotoStyle::name).toList()));
    }

    /** File extension of the photos: {@code png} or {@code jpg}. */
    public String extension() {
        return quality == 0 ? "png" : "jpg";
    }

    /** One line for tables and the docs, e.g. {@code JPEG 90, grey background, 100-500 px, margins 10-60%}. */
    public String describe() {
        return String.format(Locale.ROOT, "%s, %s background%s, %d-%d px, %s", quality == 0 ? "PNG" : "JPEG " + quality,
                background.name().toLowerCase(Locale.ROOT), noise ? " + noise" : "", edgeMin, edgeMax,
                marginMax == 0 ? "no margins" : String.format(Locale.ROOT, "margins %.0f-%.0f%%", marginMin * 100,
                        marginMax * 100));
    }
}
