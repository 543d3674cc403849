package io.fashionspark.model;

import io.fashionspark.config.DataConfig;
import io.fashionspark.config.ModelConfig;
import io.fashionspark.config.OptimizerConfig;
import io.fashionspark.config.RunConfig;
import io.fashionspark.config.TrainConfig;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Variations of the recipe configuration and tiny made-up batches for the model tests. */
final class Configs {
    private Configs() {
    }

    /** The recipe with another model section. */
    static RunConfig withModel(List<Integer> hidden, double dropout, int dropoutLayers, double l2) {
        RunConfig d = RunConfig.DEFAULTS;
        return new RunConfig(d.data(), new ModelConfig(hidden, dropout, dropoutLayers, l2), d.optimizer(), d.train());
    }

    /** The recipe's layer sizes without dropout or L2, so one update depends only on data and optimizer. */
    static RunConfig plain() {
        return withModel(ModelConfig.DEFAULTS.hidden(), 0.0, 0, 0.0);
    }

    /** The recipe with another optimizer and number of epochs. */
    static RunConfig withOptimizer(OptimizerConfig optimizer, int epochs) {
        RunConfig d = RunConfig.DEFAULTS;
        TrainConfig t = d.train();
        return new RunConfig(DataConfig.DEFAULTS, d.model(), optimizer,
                new TrainConfig(epochs, t.batchSize(), t.averagingFrequency(), t.workers(), t.seed()));
    }

    /** Pixel-like inputs in [0, 1) from a fixed seed. */
    static INDArray inputs(int rows, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, rows, NetworkFactory.INPUTS);
    }

    /** A batch whose row i has label i mod 10 (the recipe's classes). */
    static DataSet batch(int rows, long seed) {
        int classes = DataConfig.DEFAULTS.classes();
        INDArray labels = Nd4j.zeros(DataType.FLOAT, rows, classes);
        for (int i = 0; i < rows; i++) {
            labels.putScalar(i, i % classes, 1f);
        }
        return new DataSet(inputs(rows, seed), labels);
    }
}
