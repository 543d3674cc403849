package io.fashionspark.ml;

import io.fashionspark.model.Classifier;
import io.fashionspark.train.EpochMetrics;
import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A trained {@link FashionClassifier}: a Transformer that keeps every input column and appends
 * the predicted class index (double), the class probabilities (ML vector) and the predicted
 * class name (from the class names it was trained with), computed from the features column as
 * the network was trained (see {@link FashionClassifierParams#featuresCol()}).
 *
 * <p>{@link #transform} checks the schema on the driver before any job and is lazy. The network
 * is broadcast once per model and Spark context as a {@link Classifier}; each executor JVM
 * rebuilds it once, and each partition is predicted in minibatches of 500 rows; nothing is
 * collected. Saved as Spark's params metadata plus the DL4J model zip (see {@link #write()}).
 */
public final class FashionClassifierModel extends Model<FashionClassifierModel>
        implements FashionClassifierParams, DefaultParamsWritable {
    private final String uid;
    private final Param<String> featuresCol;
    private final Param<String> predictionCol;
    private final Param<String> probabilityCol;
    private final Param<String> classNameCol;
    private final Param<String> fit;
    private final Param<String> invert;
    private final BooleanParam sharpen;
    private final Classifier classifier;
    private final transient List<EpochMetrics> epochs;
    private transient Broadcast<Classifier> shipped;
    private transient SparkContext shippedTo;

    /**
     * A model without a network, with default params: only for Spark's reflective persistence
     * ({@link #read()} attaches the network); transforming with it throws.
     */
    public FashionClassifierModel(String uid) {
        this(uid, null, List.of());
    }

    FashionClassifierModel(String uid, Classifier classifier, List<EpochMetrics> epochs) {
        this.uid = uid;
        this.classifier = classifier;
        this.epochs = List.copyOf(epochs);
        featuresCol = FashionClassifierParams.featuresColParam(this);
        predictionCol = FashionClassifierParams.predictionColParam(this);
        probabilityCol = FashionClassifierParams.probabilityColParam(this);
        classNameCol = FashionClassifierParams.classNameColParam(this);
        fit = FashionClassifierParams.fitParam(this);
        invert = FashionClassifierParams.invertParam(this);
        sharpen = FashionClassifierParams.sharpenParam(this);
    }

    /**
     * Reads a model saved with {@code write().save(path)}; {@code PipelineModel.load} finds it
     * through this method. Runs on the driver; the network file is read there.
     */
    public static MLReader<FashionClassifierModel> read() {
        return new ModelPersistence.Reader();
    }

    /** {@code read().load(path)}. */
    public static FashionClassifierModel load(String path) {
        return read().load(path);
    }

    /**
     * A writer of this model to a directory of any Hadoop file system (plain local paths work):
     * {@code metadata/} in Spark's default params format and {@code data/model.zip}, the DL4J
     * model without updater state.
     */
    @Override
    public MLWriter write() {
        return new ModelPersistence.Writer(this);
    }

    /** Spark's own writer of this model's params metadata, which {@link #write()} extends with the network. */
    MLWriter paramsWriter() {
        return DefaultParamsWritable.super.write();
    }

    @Override
    public String uid() {
        return uid;
    }

    /** The trained network and its class names: what {@link #transform} predicts with. */
    public Classifier classifier() {
        return requireClassifier();
    }

    /** A copy of the trained network, for the caller alone. */
    public MultiLayerNetwork network() {
        return requireClassifier().network();
    }

    /** The class names, by label, as the {@code className} column gives them. */
    public List<String> classNames() {
        return requireClassifier().classNames();
    }

    /** Metrics of each training epoch; empty for a loaded model. */
    public List<EpochMetrics> trainingEpochs() {
        return epochs == null ? List.of() : epochs;
    }

    /**
     * Appends the prediction columns to {@code dataset}, lazily, in per-partition minibatches on
     * the executors.
     *
     * @throws IllegalArgumentException for a bad schema, before any job; a features value of the
     *                                  wrong size or range fails the job with a message naming the column
     */
    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType schema = dataset.schema();
        StructType output = transformSchema(schema, true);
        PixelColumn pixels = StageSchema.features(schema, this);
        BatchPredictor predictor = new BatchPredictor(shipped(dataset.sparkSession().sparkContext()), pixels,
                schema.fieldIndex(getFeaturesCol()));
        return withMetadata(dataset.toDF().mapPartitions(predictor, Encoders.row(output)), output);
    }

    /**
     * {@code rows} with each column's metadata from {@code schema}, which a row encoder drops;
     * columns are addressed by position, so duplicate input names survive.
     */
    private static Dataset<Row> withMetadata(Dataset<Row> rows, StructType schema) {
        StructField[] fields = schema.fields();
        String[] positional = new String[fields.length];
        for (int i = 0; i < fields.length; i++) {
            positional[i] = "_" + i;
        }
        Dataset<Row> renamed = rows.toDF(positional);
        Column[] restored = new Column[fields.length];
        for (int i = 0; i < fields.length; i++) {
            restored[i] = renamed.col(positional[i]).as(fields[i].name(), fields[i].metadata());
        }
        return renamed.select(restored);
    }

    /** Checks the features and output columns and returns the output schema; runs no job. */
    @Override
    public StructType transformSchema(StructType schema) {
        return StageSchema.withPredictions(schema, this, requireClassifier().classNames());
    }

    @Override
    public FashionClassifierModel copy(ParamMap extra) {
        return copyValues(new FashionClassifierModel(uid, classifier, trainingEpochs()), extra).setParent(parent());
    }

    /** The network broadcast to {@code sc}'s executors, made on first use per Spark context. */
    synchronized Broadcast<Classifier> shipped(SparkContext sc) {
        if (shipped == null || shippedTo != sc) {
            shipped = JavaSparkContext.fromSparkContext(sc).broadcast(requireClassifier());
            shippedTo = sc;
        }
        return shipped;
    }

    private Classifier requireClassifier() {
        if (classifier == null) {
            throw new IllegalStateException(uid + ": this model has no network; fit a FashionClassifier "
                    + "or load a saved model with FashionClassifierModel.load");
        }
        return classifier;
    }

    public FashionClassifierModel setFeaturesCol(String value) {
        set(featuresCol, value);
        return this;
    }

    public FashionClassifierModel setPredictionCol(String value) {
        set(predictionCol, value);
        return this;
    }

    public FashionClassifierModel setProbabilityCol(String value) {
        set(probabilityCol, value);
        return this;
    }

    public FashionClassifierModel setClassNameCol(String value) {
        set(classNameCol, value);
        return this;
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

    /** See {@link FashionClassifierParams#fit()}. */
    public FashionClassifierModel setFit(String value) {
        set(fit, value);
        return this;
    }

    /** See {@link FashionClassifierParams#invert()}. */
    public FashionClassifierModel setInvert(String value) {
        set(invert, value);
        return this;
    }

    /** See {@link FashionClassifierParams#sharpen()}. */
    public FashionClassifierModel setSharpen(boolean value) {
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
