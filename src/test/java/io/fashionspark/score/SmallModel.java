package io.fashionspark.score;

import io.fashionspark.config.DataConfig;
import io.fashionspark.config.OptimizerConfig;
import io.fashionspark.config.RunConfig;
import io.fashionspark.data.ImageRow;
import io.fashionspark.data.LabeledImages;
import io.fashionspark.data.PixelBatch;
import io.fashionspark.model.Classifier;
import io.fashionspark.model.NetworkFactory;
import io.fashionspark.testing.SyntheticFashion;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The recipe's network fitted for a few local epochs on generated data: a model that beats chance,
 * made once per JVM. It learns at 0.002 instead of the recipe's 0.01: 60 Adam steps at 0.01 on
 * 1,000 generated images end near chance for some dropout seeds (with DL4J's stock layers too).
 */
public final class SmallModel {
    private static final int TRAIN = 1000;
    private static final int EPOCHS = 3;
    private static final int BATCH = 50;
    /** The class names the model is saved and scored with: Fashion-MNIST's. */
    public static final List<String> NAMES = DataConfig.FASHION_MNIST_CLASSES;
    private static MultiLayerNetwork net;

    private SmallModel() {
    }

    /** The fitted network; callers must not fit it further. */
    public static synchronized MultiLayerNetwork get() {
        if (net == null) {
            LabeledImages train = SyntheticFashion.generate(TRAIN, 11L);
            RunConfig d = RunConfig.DEFAULTS;
            OptimizerConfig o = d.optimizer();
            MultiLayerNetwork n = NetworkFactory.create(new RunConfig(d.data(), d.model(),
                    new OptimizerConfig(0.002, o.schedule(), o.beta1(), o.beta2(), o.epsilon()), d.train()));
            for (int epoch = 0; epoch < EPOCHS; epoch++) {
                for (int from = 0; from < TRAIN; from += BATCH) {
                    List<ImageRow> rows = new ArrayList<>(BATCH);
                    for (int i = from; i < from + BATCH; i++) {
                        rows.add(new ImageRow(i, train.label(i), train.image(i)));
                    }
                    n.fit(PixelBatch.of(rows, NAMES.size()).toDataSet());
                }
            }
            net = n;
        }
        return net;
    }

    /** The fitted network as a {@link Classifier} of {@link #NAMES}. */
    public static Classifier classifier() {
        return Classifier.of(get(), NAMES);
    }
}
