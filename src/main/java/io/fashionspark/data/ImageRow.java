package io.fashionspark.data;

import java.io.Serializable;

/**
 * One image as it travels between Spark stages: its id (index in the IDX file), label and
 * raw 0-255 pixels. Serializable so it can be shuffled.
 */
public record ImageRow(long id, int label, byte[] pixels) implements Serializable {
}
