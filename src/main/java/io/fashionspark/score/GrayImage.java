package io.fashionspark.score;

import java.util.Objects;

/**
 * An 8-bit grey image of any size: {@code pixels[y * width + x]}, unsigned, 0 black to 255 white.
 * The array is shared, not copied.
 *
 * @param width  width in pixels, at least 1
 * @param height height in pixels, at least 1
 * @param pixels {@code width * height} unsigned grey levels, row by row
 */
public record GrayImage(int width, int height, byte[] pixels) {
    /**
     * Validates the shape.
     *
     * @throws IllegalArgumentException if a side is not positive or the pixel count differs from {@code width * height}
     */
    public GrayImage {
        Objects.requireNonNull(pixels, "pixels");
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image: expected positive sides, found " + width + "x" + height);
        }
        if (pixels.length != (long) width * height) {
            throw new IllegalArgumentException("image: expected " + (long) width * height + " pixels for "
                    + width + "x" + height + ", found " + pixels.length);
        }
    }

    /** The grey level (0-255) at column {@code x}, row {@code y}. */
    public int at(int x, int y) {
        return pixels[y * width + x] & 0xFF;
    }
}
