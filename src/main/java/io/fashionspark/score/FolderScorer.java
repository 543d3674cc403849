package io.fashionspark.score;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import io.fashionspark.model.Classifier;
import io.fashionspark.files.Location;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Scores every file under a folder with Spark and writes one {@link ScoreTable} row per file.
 *
 * <p>Driver: broadcasts the {@link Classifier} once; Spark lists the folder
 * recursively (Spark's {@code binaryFile} source; names matching the glob; names starting with
 * {@code .} or {@code _} are skipped, as by every Spark file source). Executors: read each file's
 * bytes, decode, prepare and score them in batches of {@link #BATCH} ({@link PartitionScorer});
 * no image reaches the driver. Spark packs small files into many small partitions, so they are
 * coalesced (no shuffle) to at most {@link #PARTITIONS_PER_CORE} per core, which keeps batches
 * full. CSV is written as one file (the small result rows are shuffled into one partition after
 * scoring, so scoring stays parallel), Parquet and JSON as one part file per scoring partition;
 * rows are sorted by path within each file. The written output is then read back to count the
 * scored and failed files: two numbers and up to three error messages are all that is collected.
 */
public final class FolderScorer {
    /** Images per INDArray in inference (memory-bound, not a hyperparameter). */
    public static final int BATCH = 256;
    /** Upper bound of scoring partitions per core of the cluster. */
    public static final int PARTITIONS_PER_CORE = 4;
    private static final int SAMPLE_ERRORS = 3;

    private FolderScorer() {
    }

    /**
     * Scores {@code request.input()} with {@code classifier} and writes the rows to
     * {@code folder}, which must not exist. Runs the scoring job and one or two small jobs
     * counting the output.
     */
    public static ScoreSummary score(SparkSession spark, Classifier classifier, ScoreRequest request, Location folder) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<Classifier> model = sc.broadcast(classifier);
        try {
            Dataset<Row> files = listFiles(spark, request);
            int partitions = Math.max(1, Math.min(files.rdd().getNumPartitions(),
                    PARTITIONS_PER_CORE * sc.defaultParallelism()));
            InvertMode invert = request.invert();
            JavaRDD<Row> rows = files.coalesce(partitions).javaRDD()
                    .mapPartitions(it -> PartitionScorer.score(model.value(), invert, BATCH, it));
            Dataset<Row> scored = spark.createDataFrame(rows, ScoreTable.SCHEMA);
            write(request.format() == ScoreFormat.CSV ? scored.repartition(1) : scored, request.format(), folder);
            return summarize(spark, request.format(), folder);
        } finally {
            model.destroy();
        }
    }

    /**
     * The (path, content) rows of the files to score. Lists the folder on the driver (Spark runs a
     * listing job instead when there are many subfolders); no file is read until a job runs.
     */
    static Dataset<Row> listFiles(SparkSession spark, ScoreRequest request) {
        DataFrameReader reader = spark.read().format("binaryFile").option("recursiveFileLookup", "true");
        if (request.glob() != null) {
            reader = reader.option("pathGlobFilter", request.glob());
        }
        return reader.load(request.input().uri()).select("path", "content");
    }

    private static void write(Dataset<Row> rows, ScoreFormat format, Location folder) {
        DataFrameWriter<Row> writer = rows.sortWithinPartitions(ScoreTable.PATH).write()
                .mode(SaveMode.ErrorIfExists).format(format.label());
        if (format == ScoreFormat.CSV) {
            writer = writer.option("header", "true");
        } else if (format == ScoreFormat.JSON) {
            writer = writer.option("ignoreNullFields", "false");
        }
        writer.save(folder.uri());
    }

    /** Reads a scoring output back (any format) with its schema. */
    public static Dataset<Row> read(SparkSession spark, ScoreFormat format, Location folder) {
        return spark.read().schema(ScoreTable.SCHEMA).format(format.label()).option("header", "true")
                .load(folder.uri());
    }

    private static ScoreSummary summarize(SparkSession spark, ScoreFormat format, Location folder) {
        Dataset<Row> written = read(spark, format, folder);
        Row counts = written.agg(count(lit(1)), count(col(ScoreTable.LABEL))).first();
        long files = counts.getLong(0);
        long scored = counts.getLong(1);
        List<String> errors = files == scored ? List.of() : written.filter(col(ScoreTable.ERROR).isNotNull())
                .orderBy(ScoreTable.PATH).select(ScoreTable.ERROR).limit(SAMPLE_ERRORS)
                .as(Encoders.STRING()).collectAsList();
        return new ScoreSummary(files, scored, errors);
    }
}
