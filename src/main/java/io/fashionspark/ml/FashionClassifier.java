package io.fashionspark.ml;

import io.fashionspark.config.RunConfig;
import io.fashionspark.model.Classifier;
import io.fashionspark.train.EpochMetrics;
import io.fashionspark.train.RunObserver;
import io.fashionspark.train.TrainedNetwork;
import io.fashionspark.train.TrainingRun;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the recipe's network (784-512-256-128-64-32-10, fixed) in a Spark ML {@code Pipeline}
 * from a label column (numeric, integer values 0..n-1 for n {@link #classNames()}) and a features column of 784 raw pixel
 * intensities 0..255 (see {@link #featuresCol()}); the stage scales them to {@code 2*x/255 - 1}
 * itself. Hyperparameters default to {@link RunConfig#DEFAULTS} (see {@link FashionTrainingParams}).
 *
 * <p>{@link #fit} runs on the driver: it checks the schema before any job, numbers and converts
 * the rows on the executors into a cached image table, runs the project's epoch loop on it
 * (parameter averaging; each epoch holds out a sixth of the rows, drawn afresh every epoch, for
 * validation metrics that are logged) and unpersists the table. Only parameters and per-epoch
 * metrics reach the driver. Saved in Spark's default params format ({@code metadata/}).
 */
public final class FashionClassifier extends Estimator<FashionClassifierModel>
        implements FashionTrainingParams, DefaultParamsWritable {
    private static final Logger LOG = LoggerFactory.getLogger(FashionClassifier.class);

    private final String uid;
    private final Param<String> labelCol;
    private final Param<String> featuresCol;
    private final Param<String> predictionCol;
    private final Param<String> probabilityCol;
    private final Param<String> classNameCol;
    private final Param<String> fit;
    private final Param<String> invert;
    private final BooleanParam sharpen;
    private final IntParam epochs;
    private final IntParam batchSize;
    private final DoubleParam learningRate;
    private final IntParam averagingFrequency;
    private final DoubleParam dropout;
    private final DoubleParam l2;
    private final LongParam seed;
    private final IntParam workers;
    private final StringArrayParam classNames;

    public FashionClassifier() {
        this(Identifiable.randomUID("fashionClassifier"));
    }

    /** A classifier with this uid and default params; Spark's persistence calls this reflectively. */
    public FashionClassifier(String uid) {
        this.uid = uid;
        labelCol = FashionTrainingParams.labelColParam(this);
        featuresCol = FashionClassifierParams.featuresColParam(this);
        predictionCol = FashionClassifierParams.predictionColParam(this);
        probabilityCol = FashionClassifierParams.probabilityColParam(this);
        classNameCol = FashionClassifierParams.classNameColParam(this);
        fit = FashionClassifierParams.fitParam(this);
        invert = FashionClassifierParams.invertParam(this);
        sharpen = FashionClassifierParams.sharpenParam(this);
        epochs = FashionTrainingParams.epochsParam(this);
        batchSize = FashionTrainingParams.batchSizeParam(this);
        learningRate = FashionTrainingParams.learningRateParam(this);
        averagingFrequency = FashionTrainingParams.averagingFrequencyParam(this);
        dropout = FashionTrainingParams.dropoutParam(this);
        l2 = FashionTrainingParams.l2Param(this);
        seed = FashionTrainingParams.seedParam(this);
        workers = FashionTrainingParams.workersParam(this);
        classNames = FashionTrainingParams.classNamesParam(this);
    }

    /** Reads a classifier saved with {@code write().save(path)} (also how {@code Pipeline.load} finds it). */
    public static MLReader<FashionClassifier> read() {
        return new DefaultParamsReadable<FashionClassifier>() { }.read();
    }

    /** {@code read().load(path)}. */
    public static FashionClassifier load(String path) {
        return read().load(path);
    }

    @Override
    public String uid() {
        return uid;
    }

    /**
     * Trains on {@code dataset}'s label and features columns (see the class comment for what
     * runs where). The model has this estimator's uid and column params.
     *
     * @throws IllegalArgumentException for a bad schema or a hyperparameter out of range (both
     *                                  before any job), too few rows, or the first bad label or
     *                                  pixel value, naming its column
     */
    @Override
    public FashionClassifierModel fit(Dataset<?> dataset) {
        StructType schema = dataset.schema();
        transformSchema(schema, true);
        RunConfig config = runConfig();
        TrainingTable table = TrainingTable.cache(dataset, getLabelCol(), config.data().classes(),
                StageSchema.features(schema, this));
        try {
            table.requireEnoughRows(config.data());
            TrainedNetwork trained = TrainingRun.train(dataset.sparkSession(), config, table.table(), table.rows(),
                    new EpochLog(uid, config.train().epochs()));
            FashionClassifierModel model = new FashionClassifierModel(uid,
                    Classifier.of(trained.network(), config.data().classNames()), trained.epochs());
            return copyValues(model, ParamMap.empty()).setParent(this);
        } finally {
            table.table().unpersist(false);
        }
    }

    /** Checks the label, features and output columns and returns the model's output schema; runs no job. */
    @Override
    public StructType transformSchema(StructType schema) {
        List<String> names = runConfig().data().classNames();
        StageSchema.requireLabel(schema, getLabelCol(), names.size());
        return StageSchema.withPredictions(schema, this, names);
    }

    @Override
    public FashionClassifier copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    /** Logs each epoch on the driver as the loop reports it. */
    private record EpochLog(String uid, int epochs) implements RunObserver {
        @Override
        public void epochDone(EpochMetrics m) {
            LOG.info(String.format(Locale.ROOT,
                    "%s: epoch %d/%d: train loss %.4f, validation loss %.4f, validation accuracy %.4f, %.1f s",
                    uid, m.epoch() + 1, epochs, m.trainLoss(), m.valLoss(), m.valAccuracy(), m.seconds()));
        }
    }

    // Setters, as Spark's stages have them: each returns this.

    public FashionClassifier setLabelCol(String value) {
        set(labelCol, value);
        return this;
    }

    public FashionClassifier setFeaturesCol(String value) {
        set(featuresCol, value);
        return this;
    }

    public FashionClassifier setPredictionCol(String value) {
        set(predictionCol, value);
        return this;
    }

    public FashionClassifier setProbabilityCol(String value) {
        set(probabilityCol, value);
        return this;
    }

    public FashionClassifier setClassNameCol(String value) {
        set(classNameCol, value);
        return this;
    }

    public FashionClassifier setEpochs(int value) {
        set(epochs, value);
        return this;
    }

    public FashionClassifier setBatchSize(int value) {
        set(batchSize, value);
        return this;
    }

    public FashionClassifier setLearningRate(double value) {
        set(learningRate, value);
        return this;
    }

    public FashionClassifier setAveragingFrequency(int value) {
        set(averagingFrequency, value);
        return this;
    }

    public FashionClassifier setDropout(double value) {
        set(dropout, value);
        return this;
    }

    public FashionClassifier setL2(double value) {
        set(l2, value);
        return this;
    }

    public FashionClassifier setSeed(long value) {
        set(seed, value);
        return this;
    }

    public FashionClassifier setWorkers(int value) {
        set(workers, value);
        return this;
    }

    public FashionClassifier setClassNames(String... value) {
        set(classNames, value);
        return this;
    }

    // Params: Spark finds them through these public no-argument accessors.

    @Override
    public Param<String> labelCol() {
        return labelCol;
    }

    @Override
    public Param<String> featuresCol() {
        return featuresCol;
    }

    @Override
    public Param<String> predictionCol() {
        return predictionCol;
    }

    @Override
    public Param<String> probabilityCol() {
        return probabilityCol;
    }

    @Override
    public Param<String> classNameCol() {
        return classNameCol;
    }

    @Override
    public IntParam epochs() {
        return epochs;
    }

    @Override
    public IntParam batchSize() {
        return batchSize;
    }

    @Override
    public DoubleParam learningRate() {
        return learningRate;
    }

    @Override
    public IntParam averagingFrequency() {
        return averagingFrequency;
    }

    @Override
    public DoubleParam dropout() {
        return dropout;
    }

    @Override
    public DoubleParam l2() {
        return l2;
    }

    @Override
    public LongParam seed() {
        return seed;
    }

    @Override
    public IntParam workers() {
        return workers;
    }

    @Override
    public StringArrayParam classNames() {
        return classNames;
    }

    /** See {@link FashionClassifierParams#fit()}. */
    public FashionClassifier setFit(String value) {
        set(fit, value);
        return this;
    }

    /** See {@link FashionClassifierParams#invert()}. */
    public FashionClassifier setInvert(String value) {
        set(invert, value);
        return this;
    }

    /** See {@link FashionClassifierParams#sharpen()}. */
    public FashionClassifier setSharpen(boolean value) {
        set(sharpen, value);
        return this;
    }

    @Override
    public Param<String> fit() {
        return fit;
    }

    @Override
    public Param<String> invert() {
        return invert;
    }

    @Override
    public BooleanParam sharpen() {
        return sharpen;
    }
}
