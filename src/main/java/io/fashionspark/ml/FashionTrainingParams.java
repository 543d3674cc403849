package io.fashionspark.ml;

import io.fashionspark.config.DataConfig;
import io.fashionspark.config.ModelConfig;
import io.fashionspark.config.OptimizerConfig;
import io.fashionspark.config.Range;
import io.fashionspark.config.RunConfig;
import io.fashionspark.config.TrainConfig;
import java.util.Arrays;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.param.StringArrayParam;

/**
 * The label column and hyperparameters of {@link FashionClassifier}, with their getters and the
 * {@link RunConfig} they give. Ranges are those of the configuration records; the architecture,
 * learning-rate schedule and Adam constants stay the recipe's.
 */
public interface FashionTrainingParams extends FashionClassifierParams {
    /** Default input column of class indices. */
    String DEFAULT_LABEL_COL = "label";

    /** Input column of class indices 0..n-1 (n class names), any numeric type with integer values. */
    Param<String> labelCol();

    /** Passes over the data (default 20). */
    IntParam epochs();

    /** Minibatch size per worker (default 128). */
    IntParam batchSize();

    /** Adam's base learning rate, decayed linearly to 0 over the epochs (default 0.01). */
    DoubleParam learningRate();

    /** Minibatches each worker fits between two parameter averagings (default 10). */
    IntParam averagingFrequency();

    /** Probability of dropping a unit after the first two hidden layers (default 0.2). */
    DoubleParam dropout();

    /** L2 coefficient on weights, TF {@code l2_loss} semantics (default 1e-4). */
    DoubleParam l2();

    /** Seed of weights, dropout and every epoch's split (default 42). */
    LongParam seed();

    /** Training partitions; 0 means Spark's default parallelism (the default). */
    IntParam workers();

    /** The name of each class, by label (default Fashion-MNIST's ten); their number is the number of classes. */
    StringArrayParam classNames();

    default String getLabelCol() {
        return getOrDefault(labelCol());
    }

    default int getEpochs() {
        return (Integer) getOrDefault(epochs());
    }

    default int getBatchSize() {
        return (Integer) getOrDefault(batchSize());
    }

    default double getLearningRate() {
        return (Double) getOrDefault(learningRate());
    }

    default int getAveragingFrequency() {
        return (Integer) getOrDefault(averagingFrequency());
    }

    default double getDropout() {
        return (Double) getOrDefault(dropout());
    }

    default double getL2() {
        return (Double) getOrDefault(l2());
    }

    default long getSeed() {
        return (Long) getOrDefault(seed());
    }

    default int getWorkers() {
        return (Integer) getOrDefault(workers());
    }

    default String[] getClassNames() {
        return getOrDefault(classNames());
    }

    /**
     * The training configuration these params give: the recipe with these hyperparameters.
     *
     * @throws IllegalArgumentException naming the configuration key of a value out of range
     */
    default RunConfig runConfig() {
        RunConfig d = RunConfig.DEFAULTS;
        OptimizerConfig o = d.optimizer();
        DataConfig data = new DataConfig(d.data().dir(), d.data().validationFraction(), d.data().downloadUrl(),
                Arrays.asList(getClassNames()));
        return new RunConfig(data,
                new ModelConfig(d.model().hidden(), getDropout(), d.model().dropoutLayers(), getL2()),
                new OptimizerConfig(getLearningRate(), o.schedule(), o.beta1(), o.beta2(), o.epsilon()),
                new TrainConfig(getEpochs(), getBatchSize(), getAveragingFrequency(), getWorkers(), getSeed()));
    }

    // Factories: each creates one of owner's params, checked against the configuration's own
    // range for it, with its default from RunConfig.DEFAULTS.

    static Param<String> labelColParam(Params owner) {
        Param<String> p = new Param<>(owner, "labelCol", "input column of class indices 0..n-1 (any numeric type),"
                + " n the number of class names");
        owner.setDefault(p, DEFAULT_LABEL_COL);
        return p;
    }

    static StringArrayParam classNamesParam(Params owner) {
        StringArrayParam p = new StringArrayParam(owner, "classNames", "the name of each class, by label: "
                + "2 to 256 different names (" + DataConfig.CLASS_NAMES + ")",
                (scala.Function1<String[], Object> & java.io.Serializable) FashionTrainingParams::validClassNames);
        owner.setDefault(p, DataConfig.DEFAULTS.classNames().toArray(String[]::new));
        return p;
    }

    static IntParam epochsParam(Params owner) {
        return intParam(owner, "epochs", "passes over the data", TrainConfig.EPOCHS_RANGE,
                RunConfig.DEFAULTS.train().epochs());
    }

    static IntParam batchSizeParam(Params owner) {
        return intParam(owner, "batchSize", "minibatch size per worker", TrainConfig.BATCH_SIZE_RANGE,
                RunConfig.DEFAULTS.train().batchSize());
    }

    static DoubleParam learningRateParam(Params owner) {
        return doubleParam(owner, "learningRate", "Adam's base learning rate, decayed linearly to 0 over the epochs",
                OptimizerConfig.LEARNING_RATE_RANGE, RunConfig.DEFAULTS.optimizer().learningRate());
    }

    static IntParam averagingFrequencyParam(Params owner) {
        return intParam(owner, "averagingFrequency",
                "minibatches each worker fits between parameter averagings, 0 = auto (by the worker count)",
                TrainConfig.AVERAGING_FREQUENCY_OR_AUTO_RANGE, RunConfig.DEFAULTS.train().averagingFrequency());
    }

    static DoubleParam dropoutParam(Params owner) {
        return doubleParam(owner, "dropout", "probability of dropping a unit after the first two hidden layers",
                ModelConfig.DROPOUT_RANGE, RunConfig.DEFAULTS.model().dropout());
    }

    static DoubleParam l2Param(Params owner) {
        return doubleParam(owner, "l2", "L2 coefficient on weights (TF l2_loss semantics)", ModelConfig.L2_RANGE,
                RunConfig.DEFAULTS.model().l2());
    }

    static LongParam seedParam(Params owner) {
        LongParam p = new LongParam(owner, "seed", "seed of weights, dropout and every epoch's split");
        owner.setDefault(p, RunConfig.DEFAULTS.train().seed());
        return p;
    }

    static IntParam workersParam(Params owner) {
        return intParam(owner, "workers", "training partitions; 0 = Spark's default parallelism",
                TrainConfig.WORKERS_RANGE, RunConfig.DEFAULTS.train().workers());
    }

    private static IntParam intParam(Params owner, String name, String doc, Range range, int value) {
        IntParam p = new IntParam(owner, name, doc + ": " + range.expected() + " (" + range.key() + ")",
                ParamValidators.inRange(range.min(), range.max(), range.minIncluded(), range.maxIncluded()));
        owner.setDefault(p, value);
        return p;
    }

    private static DoubleParam doubleParam(Params owner, String name, String doc, Range range, double value) {
        DoubleParam p = new DoubleParam(owner, name, doc + ": " + range.expected() + " (" + range.key() + ")",
                ParamValidators.inRange(range.min(), range.max(), range.minIncluded(), range.maxIncluded()));
        owner.setDefault(p, value);
        return p;
    }

    private static boolean validClassNames(String[] names) {
        try {
            DataConfig.checkClassNames(Arrays.asList(names));
            return true;
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }
}
