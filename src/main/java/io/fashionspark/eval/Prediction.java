package io.fashionspark.eval;

/** The model's answer for one image next to the truth. */
public record Prediction(int index, int trueLabel, String trueName, int predictedLabel, String predictedName,
                         double probability) {
    public boolean correct() {
        return trueLabel == predictedLabel;
    }
}
