package io.fashionspark.score;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * How image files become network inputs; the same choice for {@code score}, the Spark ML model
 * and the SQL function. Serializable: it travels to the executors with the scoring tasks.
 *
 * @param invert  when grey levels are inverted to light-on-black
 * @param fit     how an image that is not 28x28 becomes 28x28
 * @param sharpen whether the 28x28 result is sharpened (an unsharp mask of radius 1), as
 *                Fashion-MNIST's conversion did; applies to {@link FitMode#TRIM} and the other
 *                modes alike, never to images that were 28x28
 */
public record PrepareOptions(InvertMode invert, FitMode fit, boolean sharpen) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The defaults: {@code --invert auto --fit trim}, no sharpening. */
    public static final PrepareOptions DEFAULTS = new PrepareOptions(InvertMode.AUTO, FitMode.TRIM, false);

    /** Checks for nulls. */
    public PrepareOptions {
        Objects.requireNonNull(invert, "invert");
        Objects.requireNonNull(fit, "fit");
    }
}
