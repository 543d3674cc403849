package io.fashionspark.score;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How an image that is not 28x28 is brought to 28x28. Images that already are 28x28 are taken as
 * they are in every mode.
 */
public enum FitMode {
    /**
     * Fashion-MNIST's own conversion of its product photos: trim the margins (edges whose grey
     * level is within 5% of the corners'), fit the longest edge to 28, centre the item on the
     * background, and stretch the levels so the background becomes black.
     */
    TRIM,
    /** Pad the whole image, margins included, to a centred square of its border's grey, then shrink it. */
    PAD,
    /** Shrink each side to 28 on its own: the aspect ratio is not kept. */
    STRETCH;

    /**
     * Parses {@code trim}, {@code pad} or {@code stretch} (any case).
     *
     * @throws IllegalArgumentException naming {@code --fit}, the allowed values and {@code value}
     */
    public static FitMode parse(String value) {
        for (FitMode m : values()) {
            if (m.label().equalsIgnoreCase(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("--fit: expected one of " + Arrays.stream(values())
                .map(FitMode::label).collect(Collectors.joining(", ")) + ", found " + value);
    }

    /** The lower-case name used on the command line, in Spark ML params and in manifests. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
