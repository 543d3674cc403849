package io.fashionspark.report;

/**
 * A test image shown in the report's grid, with the model's answer.
 *
 * @param index          position in the test set
 * @param pixels         28x28 grey pixels, row by row
 * @param trueLabel      its class
 * @param predictedLabel the model's class
 * @param probability    the model's probability of its class
 */
public record GridImage(int index, byte[] pixels, int trueLabel, int predictedLabel, double probability) {
    /** True when the model was right. */
    public boolean correct() {
        return trueLabel == predictedLabel;
    }
}
