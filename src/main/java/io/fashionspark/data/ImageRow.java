package io.fashionspark.data;

import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * One image as it travels between Spark stages: its id (index in the IDX file), label and
 * raw 0-255 pixels. A plain class rather than a record: Spark's Kryo (4.x) cannot build Java
 * records, and rows are shuffled with Kryo on a cluster.
 */
public final class ImageRow implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    private final long id;
    private final int label;
    private final byte[] pixels;

    public ImageRow(long id, int label, byte[] pixels) {
        this.id = id;
        this.label = label;
        this.pixels = pixels;
    }

    public long id() {
        return id;
    }

    public int label() {
        return label;
    }

    /** The pixel bytes themselves (not a copy). */
    public byte[] pixels() {
        return pixels;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageRow other && other.id == id && other.label == label
                && Arrays.equals(other.pixels, pixels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, label) * 31 + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "ImageRow[id=" + id + ", label=" + label + ", pixels=" + pixels.length + " bytes]";
    }
}
