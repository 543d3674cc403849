package io.fashionspark.ml;

import io.fashionspark.config.ModelConfig;
import io.fashionspark.config.OptimizerConfig;
import io.fashionspark.config.RunConfig;
import io.fashionspark.config.TrainConfig;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;

/**
 * The label column and hyperparameters of {@link FashionClassifier}, with their getters and the
 * {@link RunConfig} they give. Ranges are those of the configuration records; the architecture,
 * learning-rate schedule and Adam constants stay the recipe's.
 */
public interface FashionTrainingParams extends FashionClassifierParams {
    /** Default input column of class indices. */
    String DEFAULT_LABEL_COL = "label";

    /** Input column of class indices 0..9, any numeric type with integer values. */
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

    /**
     * The training configuration these params give: the recipe with these hyperparameters.
     *
     * @throws IllegalArgumentException naming the configuration key of a value out of range
     */
    default RunConfig runConfig() {
        RunConfig d = RunConfig.DEFAULTS;
        OptimizerConfig o = d.optimizer();
        return new RunConfig(d.data(),
                new ModelConfig(d.model().hidden(), getDropout(), d.model().dropoutLayers(), getL2()),
                new OptimizerConfig(getLearningRate(), o.schedule(), o.beta1(), o.beta2(), o.epsilon()),
                new TrainConfig(getEpochs(), getBatchSize(), getAveragingFrequency(), getWorkers(), getSeed()));
    }

    // Factories: each creates one of owner's params and sets its default from RunConfig.DEFAULTS.

    static Param<String> labelColParam(Params owner) {
        Param<String> p = new Param<>(owner, "labelCol", "input column of class indices 0..9 (any numeric type)");
        owner.setDefault(p, DEFAULT_LABEL_COL);
        return p;
    }

    static IntParam epochsParam(Params owner) {
        IntParam p = new IntParam(owner, "epochs", "passes over the data, in [1, 100000]",
                ParamValidators.inRange(1, 100_000));
        owner.setDefault(p, RunConfig.DEFAULTS.train().epochs());
        return p;
    }

    static IntParam batchSizeParam(Params owner) {
        IntParam p = new IntParam(owner, "batchSize", "minibatch size per worker, in [1, 1000000]",
                ParamValidators.inRange(1, 1_000_000));
        owner.setDefault(p, RunConfig.DEFAULTS.train().batchSize());
        return p;
    }

    static DoubleParam learningRateParam(Params owner) {
        DoubleParam p = new DoubleParam(owner, "learningRate",
                "Adam's base learning rate (> 0), decayed linearly to 0 over the epochs", ParamValidators.gt(0));
        owner.setDefault(p, RunConfig.DEFAULTS.optimizer().learningRate());
        return p;
    }

    static IntParam averagingFrequencyParam(Params owner) {
        IntParam p = new IntParam(owner, "averagingFrequency",
                "minibatches each worker fits between parameter averagings, in [1, 1000000]",
                ParamValidators.inRange(1, 1_000_000));
        owner.setDefault(p, RunConfig.DEFAULTS.train().averagingFrequency());
        return p;
    }

    static DoubleParam dropoutParam(Params owner) {
        DoubleParam p = new DoubleParam(owner, "dropout",
                "probability of dropping a unit after the first two hidden layers, in [0, 1)",
                ParamValidators.inRange(0, 1, true, false));
        owner.setDefault(p, RunConfig.DEFAULTS.model().dropout());
        return p;
    }

    static DoubleParam l2Param(Params owner) {
        DoubleParam p = new DoubleParam(owner, "l2", "L2 coefficient on weights (TF l2_loss semantics), >= 0",
                ParamValidators.gtEq(0));
        owner.setDefault(p, RunConfig.DEFAULTS.model().l2());
        return p;
    }

    static LongParam seedParam(Params owner) {
        LongParam p = new LongParam(owner, "seed", "seed of weights, dropout and every epoch's split");
        owner.setDefault(p, RunConfig.DEFAULTS.train().seed());
        return p;
    }

    static IntParam workersParam(Params owner) {
        IntParam p = new IntParam(owner, "workers", "training partitions, in [0, 100000]; 0 = Spark's default parallelism",
                ParamValidators.inRange(0, 100_000));
        owner.setDefault(p, RunConfig.DEFAULTS.train().workers());
        return p;
    }
}
