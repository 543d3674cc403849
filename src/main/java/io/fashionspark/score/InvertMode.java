package io.fashionspark.score;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Whether an image's grey levels are inverted so that it becomes light-on-black, like Fashion-MNIST. */
public enum InvertMode {
    /** Invert when the image's border (outer ring of pixels) is light: mean grey level above 127.5. */
    AUTO,
    /** Always invert. */
    ALWAYS,
    /** Never invert. */
    NEVER;

    /**
     * Parses {@code auto}, {@code always} or {@code never} (any case).
     *
     * @throws IllegalArgumentException naming {@code --invert}, the allowed values and {@code value}
     */
    public static InvertMode parse(String value) {
        for (InvertMode m : values()) {
            if (m.label().equalsIgnoreCase(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("--invert: expected one of " + Arrays.stream(values())
                .map(InvertMode::label).collect(Collectors.joining(", ")) + ", found " + value);
    }

    /** The lower-case name used on the command line and in manifests. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
