package io.fashionspark.score;

import io.fashionspark.files.FileTree;
import io.fashionspark.files.Location;
import io.fashionspark.files.Locations;
import io.fashionspark.model.Classifier;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.SerializableConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores every file under a folder with Spark and writes one {@link ScoreTable} row per file.
 *
 * <p>Driver: lists the folder ({@link FileTree}: recursive, names starting with {@code .} or
 * {@code _} skipped, an optional glob; a folder it cannot read or a symbolic-link loop becomes an
 * error row), sorts the paths, broadcasts the {@link Classifier} and the Hadoop configuration
 * once, and hands each task a contiguous slice of at most {@link #FILES_PER_TASK} paths, a
 * multiple of the cores in number. Executors read, decode, prepare and score the files in
 * batches of {@link #BATCH} ({@link PartitionScorer}); no image reaches the driver. The rows are
 * cached and counted (the driver collects one small summary per task), then written from the
 * cache: CSV as one file {@code part-00000.csv}, by one task reading the cached rows in order;
 * JSON Lines as one {@code part-NNNNN.json} per task; Parquet by Spark's writer, one part file per
 * task; and an empty {@code _SUCCESS}, as Spark's writers leave. Rows are in path order within each file. A named accumulator counts files
 * as they are done ({@link #FILES_ACCUMULATOR}), for progress displays.
 */
public final class FolderScorer {
    /** Images per INDArray in inference (memory-bound, not a hyperparameter). */
    public static final int BATCH = 256;
    /** Most files one task scores: small enough for progress to move and for the cores to finish together. */
    public static final int FILES_PER_TASK = 2_000;
    /**
     * Most files {@code score} scores in process, without starting Spark, when everything is
     * local ({@link #inProcess}): about 1 s of work, less than Spark's start-up.
     */
    public static final int IN_PROCESS_MAX = 1_000;
    /** Name of the accumulator counting the files scored so far (with or without an error). */
    public static final String FILES_ACCUMULATOR = "fashion-spark score: files";
    /** Local property of the scoring job: how many files (and listing problems) it scores, for progress displays. */
    public static final String FILES_PROPERTY = "fashion-spark.score.files";
    private static final int SAMPLE_ERRORS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(FolderScorer.class);

    private FolderScorer() {
    }

    /**
     * Scores {@code request.input()} with {@code classifier} and writes the rows to
     * {@code folder}, which must not exist. Lists the input on the driver, then runs the scoring
     * job and one small job over the cached rows to count them.
     *
     * @throws UncheckedIOException if the input folder cannot be listed
     */
    public static ScoreSummary score(SparkSession spark, Classifier classifier, ScoreRequest request, Location folder) {
        long t0 = System.nanoTime();
        List<FileTree.Entry> listed = list(request);
        LOG.debug("listed {} files in {} ms", listed.size(), (System.nanoTime() - t0) / 1_000_000);
        return score(spark, classifier, request, listed, folder);
    }

    /** {@link #score} of files already listed by {@link #list}. */
    public static ScoreSummary score(SparkSession spark, Classifier classifier, ScoreRequest request,
                                     List<FileTree.Entry> listed, Location folder) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<String[]> entries = pairs(listed);
        Broadcast<Classifier> model = sc.broadcast(classifier);
        // Spark's own carrier of a Hadoop configuration (what its file sources broadcast): each
        // executor deserializes it once, not once per task.
        Broadcast<SerializableConfiguration> conf =
                sc.broadcast(new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
        LongAccumulator done = spark.sparkContext().longAccumulator(FILES_ACCUMULATOR);
        PrepareOptions prepare = request.prepare();
        JavaRDD<Row> rows = sc.parallelize(entries, tasks(entries.size(), sc.defaultParallelism()))
                .mapPartitions(it -> PartitionScorer.score(model.value(), prepare, BATCH, conf.value().value(), it, done));
        rows.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            // Scoring runs here, in parallel; the writing jobs read the cached rows.
            sc.setLocalProperty(FILES_PROPERTY, String.valueOf(entries.size()));
            ScoreSummary summary;
            long t1 = System.nanoTime();
            try {
                summary = summarize(rows);
            } finally {
                sc.setLocalProperty(FILES_PROPERTY, null);
            }
            long t2 = System.nanoTime();
            LOG.debug("scored {} files in {} tasks in {} ms", entries.size(), rows.getNumPartitions(),
                    (t2 - t1) / 1_000_000);
            write(spark, rows, request.format(), folder, conf);
            LOG.debug("wrote {} in {} ms", request.format().label(), (System.nanoTime() - t2) / 1_000_000);
            return summary;
        } finally {
            rows.unpersist(false);
            model.destroy();
            conf.destroy();
        }
    }

    /**
     * Scores files already listed by {@link #list} on this thread, without Spark, into
     * {@code folder}, which must not exist: the same {@link PartitionScorer} and the same CSV or
     * JSON writer as the Spark job, and the same rows. For a handful of local files, where
     * starting Spark would take longer than the scoring itself (see {@link #IN_PROCESS_MAX}).
     *
     * @throws IllegalArgumentException for Parquet, which only Spark writes
     * @throws UncheckedIOException     if the output cannot be written
     */
    public static ScoreSummary scoreInProcess(Classifier classifier, ScoreRequest request, List<FileTree.Entry> listed,
                                              Location folder) {
        if (request.format() == ScoreFormat.PARQUET) {
            throw new IllegalArgumentException("--format: parquet is written by Spark, not in process");
        }
        List<Row> rows = new ArrayList<>(listed.size());
        PartitionScorer.score(classifier, request.prepare(), BATCH, request.input().configuration(),
                pairs(listed).iterator(), null).forEachRemaining(rows::add);
        try {
            folder.mkdirs();
            if (!rows.isEmpty() || request.format() == ScoreFormat.CSV) {
                try (OutputStream out = folder.resolve("part-00000." + request.format().label()).createFast()) {
                    RowFiles.write(rows.iterator(), request.format(), out);
                }
            }
            markDone(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return merge(List.of(partSummary(rows.iterator())));
    }

    /**
     * Files and listing problems as the tasks take them, {path, null} or {path, problem}: plain
     * arrays, which Kryo ships without knowing the record type.
     */
    private static List<String[]> pairs(List<FileTree.Entry> listed) {
        return listed.stream().map(e -> new String[] {e.path(), e.problem()}).toList();
    }

    /** The empty {@code _SUCCESS} Spark's writers leave, for tools that wait for it; the folder is committed by a rename. */
    private static void markDone(Location folder) throws IOException {
        folder.resolve("_SUCCESS").createFast().close();
    }

    /**
     * Whether a request is better scored in process ({@link #scoreInProcess}) than by a Spark
     * job: at most {@link #IN_PROCESS_MAX} files, input and output on the local file system, a
     * local master, and not Parquet.
     */
    public static boolean inProcess(ScoreRequest request, int files, String master) {
        return files <= IN_PROCESS_MAX && request.format() != ScoreFormat.PARQUET && request.input().isLocal()
                && request.output().isLocal() && master.startsWith("local");
    }

    /**
     * How many tasks score {@code files} files on {@code cores} cores: a multiple of the cores, so
     * they finish together, with at most {@link #FILES_PER_TASK} files each; one for none.
     */
    static int tasks(int files, int cores) {
        if (files == 0) {
            return 1;
        }
        int rounds = (int) Math.ceil(files / (double) ((long) cores * FILES_PER_TASK));
        return Math.min(files, Math.max(1, cores) * rounds);
    }

    /**
     * The files (and listing problems) under the request's input, in path order: what
     * {@link #score} scores. Runs on the driver.
     *
     * @throws UncheckedIOException if the input folder cannot be listed
     */
    public static List<FileTree.Entry> list(ScoreRequest request) {
        try {
            return FileTree.list(request.input(), request.glob());
        } catch (IOException e) {
            throw new UncheckedIOException(request.input() + ": could not be listed: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the cached rows into {@code folder}. Each task's rows are in path order and the tasks
     * follow each other in path order, so the one CSV file is the tasks' rows in turn, written by
     * one task (no shuffle, no sort); JSON gets one part file per task. Both are written by
     * {@link RowFiles} from the tasks, without a Spark SQL query; Parquet by Spark's writer.
     */
    private static void write(SparkSession spark, JavaRDD<Row> rows, ScoreFormat format, Location folder,
                              Broadcast<SerializableConfiguration> conf) {
        if (format == ScoreFormat.PARQUET) {
            spark.createDataFrame(rows, ScoreTable.SCHEMA).write().mode(SaveMode.ErrorIfExists).parquet(folder.uri());
            return;
        }
        try {
            folder.mkdirs();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String dir = folder.uri();
        (format == ScoreFormat.CSV ? rows.coalesce(1) : rows).foreachPartition(it -> {
            if (format == ScoreFormat.JSON && !it.hasNext()) {
                return;
            }
            String name = String.format(Locale.ROOT, "part-%05d.%s", TaskContext.getPartitionId(), format.label());
            try (OutputStream out = new Locations(conf.value().value()).listed(dir + "/" + name).createFast()) {
                RowFiles.write(it, format, out);
            }
        });
        try {
            markDone(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a scoring output back (any format) with its schema; CSV with {@code multiLine}, since
     * a quoted path may hold a line break.
     */
    public static Dataset<Row> read(SparkSession spark, ScoreFormat format, Location folder) {
        return spark.read().schema(ScoreTable.SCHEMA).format(format.label()).option("header", "true")
                .option("multiLine", String.valueOf(format == ScoreFormat.CSV)).load(folder.uri());
    }

    /** Counts the cached rows: one (files, scored, first errors by path) row per task, merged here. */
    private static ScoreSummary summarize(JavaRDD<Row> rows) {
        return merge(rows.mapPartitions(it -> List.of(partSummary(it)).iterator()).collect());
    }

    /** One task's (files, scored, first errors by path) row. */
    private static Row partSummary(Iterator<Row> it) {
        int errorColumn = ScoreTable.SCHEMA.fieldIndex(ScoreTable.ERROR);
        long files = 0;
        long ok = 0;
        List<Row> errors = new ArrayList<>();
        while (it.hasNext()) {
            Row r = it.next();
            files++;
            if (r.isNullAt(errorColumn)) {
                ok++;
            } else {
                errors.add(r);
                errors.sort(Comparator.comparing(e -> e.getString(0)));
                if (errors.size() > SAMPLE_ERRORS) {
                    errors.remove(SAMPLE_ERRORS);
                }
            }
        }
        Object[] sample = errors.stream().map(e -> e.getString(0) + "\t" + e.getString(errorColumn)).toArray();
        return RowFactory.create(files, ok, sample);
    }

    /** The tasks' summary rows merged. */
    private static ScoreSummary merge(List<Row> parts) {
        long files = 0;
        long scored = 0;
        List<String> sample = new ArrayList<>();
        for (Row p : parts) {
            files += p.getLong(0);
            scored += p.getLong(1);
            for (Object e : (Object[]) p.get(2)) {
                sample.add((String) e);
            }
        }
        List<String> first = sample.stream().sorted().limit(SAMPLE_ERRORS)
                .map(e -> e.substring(e.indexOf('\t') + 1)).toList();
        return new ScoreSummary(files, scored, first);
    }
}
