package io.fashionspark.config;

import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Shape and regularisation of the MLP.
 *
 * @param hidden        sizes of the hidden ReLU layers (recipe: 512,256,128,64,32)
 * @param dropout       probability of DROPPING a unit, as in TensorFlow (recipe: 0.2)
 * @param dropoutLayers how many leading hidden layers are followed by dropout (recipe: 2)
 * @param l2            TF {@code l2_loss} coefficient on weights: penalty l2 * sum(w^2) / 2
 */
public record ModelConfig(List<Integer> hidden, double dropout, int dropoutLayers, double l2) {
    public static final String HIDDEN = "model.hidden";
    public static final String DROPOUT = "model.dropout";
    public static final String DROPOUT_LAYERS = "model.dropout.layers";
    public static final String L2 = "model.l2";
    public static final Range DROPOUT_RANGE = new Range(DROPOUT, 0, true, 1, false, "a drop probability in [0, 1)");
    public static final Range L2_RANGE = new Range(L2, 0, true, Double.POSITIVE_INFINITY, false, "a finite value >= 0");
    public static final ModelConfig DEFAULTS = new ModelConfig(List.of(512, 256, 128, 64, 32), 0.2, 2, 1e-4);

    public ModelConfig {
        PropertyReader.check(hidden != null && !hidden.isEmpty() && hidden.stream().allMatch(java.util.Objects::nonNull),
                HIDDEN, "at least one layer size", hidden);
        hidden = List.copyOf(hidden);
        for (int size : hidden) {
            PropertyReader.check(size >= 1 && size <= 65536, HIDDEN, "layer sizes in [1, 65536]", hidden);
        }
        DROPOUT_RANGE.check(dropout);
        PropertyReader.check(dropoutLayers >= 0 && dropoutLayers <= hidden.size(), DROPOUT_LAYERS,
                "a count in [0, " + hidden.size() + "]", dropoutLayers);
        L2_RANGE.check(l2);
    }

    static ModelConfig fromProperties(Properties p) {
        PropertyReader r = new PropertyReader(p);
        return new ModelConfig(
                r.integers(HIDDEN, DEFAULTS.hidden),
                r.number(DROPOUT, DEFAULTS.dropout),
                r.integer(DROPOUT_LAYERS, DEFAULTS.dropoutLayers),
                r.number(L2, DEFAULTS.l2));
    }

    void toProperties(Properties p) {
        p.setProperty(HIDDEN, hidden.stream().map(String::valueOf).collect(Collectors.joining(",")));
        p.setProperty(DROPOUT, Double.toString(dropout));
        p.setProperty(DROPOUT_LAYERS, Integer.toString(dropoutLayers));
        p.setProperty(L2, Double.toString(l2));
    }
}
