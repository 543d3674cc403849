package io.fashionspark.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fashionspark.files.FileTree;
import io.fashionspark.files.Location;
import io.fashionspark.files.Locations;
import io.fashionspark.model.Classifier;
import io.fashionspark.score.FolderScorer;
import io.fashionspark.score.GrayImage;
import io.fashionspark.score.ImageDecoder;
import io.fashionspark.score.ImagePreprocessor;
import io.fashionspark.score.PartitionScorer;
import io.fashionspark.score.PrepareOptions;
import io.fashionspark.score.ScoreFormat;
import io.fashionspark.score.ScoreRequest;
import io.fashionspark.score.ScoreSummary;
import io.fashionspark.score.UnreadableImageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Scoring throughput on one folder of images: the single-thread floor against the Spark job.
 *
 * <p>The floor runs in this JVM, on the calling thread, without Spark: it lists the folder as
 * {@code score} does ({@link FileTree}) and scores every file through the scorer's own partition
 * code ({@link PartitionScorer}: read, decode, prepare, predict in batches of
 * {@link FolderScorer#BATCH}). A breakdown pass times each step alone, file by file. The Spark
 * case runs {@link FolderScorer#score} into CSV on the given session, as the {@code score}
 * command does after start-up: listing, the scoring job, the summary and the write. Each case
 * runs {@code repeats} times after one warm-up pass; the table gives the median.
 */
public final class ScoringBench {
    private ScoringBench() {
    }

    /**
     * One case's passes.
     *
     * @param name    the case
     * @param files   files per pass
     * @param seconds wall time of each measured pass
     */
    public record Case(String name, long files, List<Double> seconds) {
        /** The median pass. */
        public double medianSeconds() {
            return CaseRunner.median(seconds.stream().mapToDouble(Double::doubleValue).toArray());
        }

        /** Files per second of the median pass. */
        public double filesPerSecond() {
            return files / medianSeconds();
        }
    }

    /**
     * Microseconds per file of each step, timed alone over the whole folder in one thread.
     *
     * @param list    listing the folder
     * @param read    reading a file's bytes
     * @param decode  decoding them
     * @param prepare preparing the 28x28 input
     * @param predict the network, in batches
     */
    public record Breakdown(double list, double read, double decode, double prepare, double predict) {
    }

    /**
     * Everything measured.
     *
     * @param folder    the folder scored
     * @param floor     the single-thread floor
     * @param spark     the Spark job
     * @param breakdown the floor's steps
     */
    public record Result(String folder, Case floor, Case spark, Breakdown breakdown) {
        /** The table printed by {@code bench --scoring}. */
        public String format() {
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "scoring %,d files in %s%n", floor.files(), folder));
            out.append("| case | files | median s | files/s | x floor |\n|---|---|---|---|---|\n");
            for (Case c : List.of(floor, spark)) {
                out.append(String.format(Locale.ROOT, "| %s | %,d | %.2f | %,.0f | %.2f |%n", c.name(), c.files(),
                        c.medianSeconds(), c.filesPerSecond(), c.filesPerSecond() / floor.filesPerSecond()));
            }
            out.append(String.format(Locale.ROOT,
                    "floor per file: list %.1f us, read %.1f us, decode %.1f us, prepare %.1f us, predict %.1f us%n",
                    breakdown.list(), breakdown.read(), breakdown.decode(), breakdown.prepare(), breakdown.predict()));
            return out.toString();
        }

        /** Every figure, for the bench's JSON file. */
        public ObjectNode toJson() {
            ObjectNode doc = JsonNodeFactory.instance.objectNode();
            doc.put("folder", folder);
            ArrayNode cases = doc.putArray("cases");
            for (Case c : List.of(floor, spark)) {
                ObjectNode n = cases.addObject();
                n.put("case", c.name());
                n.put("files", c.files());
                n.put("median_s", c.medianSeconds());
                n.put("files_per_s", c.filesPerSecond());
                n.put("vs_floor", c.filesPerSecond() / floor.filesPerSecond());
                ArrayNode s = n.putArray("seconds");
                c.seconds().forEach(s::add);
            }
            doc.putObject("floor_us_per_file").put("list", breakdown.list()).put("read", breakdown.read())
                    .put("decode", breakdown.decode()).put("prepare", breakdown.prepare())
                    .put("predict", breakdown.predict());
            return doc;
        }
    }

    /**
     * Measures the floor and the Spark job on {@code folder} (local, or any Hadoop file system
     * for the Spark case) with the default preparation.
     *
     * @param work a folder for the Spark case's outputs, created; each pass writes a new one in it
     */
    public static Result measure(SparkSession spark, Classifier model, Location folder, Path work, int repeats)
            throws IOException {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Locations locations = new Locations(conf);
        List<FileTree.Entry> entries = FileTree.list(folder, null);
        List<Double> floor = new ArrayList<>();
        for (int pass = 0; pass <= repeats; pass++) {
            long t0 = System.nanoTime();
            long rows = floorPass(model, folder, conf);
            double s = (System.nanoTime() - t0) / 1e9;
            if (rows != entries.size()) {
                throw new IllegalStateException("floor: scored " + rows + " of " + entries.size() + " files");
            }
            if (pass > 0) {
                floor.add(s);
            }
        }
        Breakdown breakdown = breakdown(model, folder, locations, entries);
        Files.createDirectories(work);
        List<Double> job = new ArrayList<>();
        for (int pass = 0; pass <= repeats; pass++) {
            Path out = work.resolve("pass-" + pass);
            long t0 = System.nanoTime();
            ScoreSummary summary = FolderScorer.score(spark, model, new ScoreRequest(folder, locations.local(out),
                    ScoreFormat.CSV, PrepareOptions.DEFAULTS, null), locations.local(out));
            double s = (System.nanoTime() - t0) / 1e9;
            if (summary.files() != entries.size()) {
                throw new IllegalStateException("spark: scored " + summary.files() + " of " + entries.size() + " files");
            }
            if (pass > 0) {
                job.add(s);
            }
        }
        return new Result(folder.toString(), new Case("floor, 1 thread, no Spark", entries.size(), floor),
                new Case("Spark " + spark.sparkContext().master() + ", score job", entries.size(), job), breakdown);
    }

    /** Lists and scores the folder on this thread as a scoring task would; returns the rows made. */
    private static long floorPass(Classifier model, Location folder, Configuration conf) throws IOException {
        List<FileTree.Entry> entries = FileTree.list(folder, null);
        Iterator<String[]> paths = entries.stream().map(e -> new String[] {e.path(), e.problem()}).iterator();
        Iterator<Row> rows = PartitionScorer.score(model, PrepareOptions.DEFAULTS, FolderScorer.BATCH, conf, paths, null);
        long n = 0;
        while (rows.hasNext()) {
            rows.next();
            n++;
        }
        return n;
    }

    /** Each step alone over the folder, one after the other, all files in memory between steps. */
    private static Breakdown breakdown(Classifier model, Location folder, Locations locations,
                                       List<FileTree.Entry> entries)
            throws IOException {
        long t0 = System.nanoTime();
        FileTree.list(folder, null);
        double list = (System.nanoTime() - t0) / 1e3;
        List<byte[]> bytes = new ArrayList<>(entries.size());
        t0 = System.nanoTime();
        for (FileTree.Entry e : entries) {
            if (e.problem() == null) {
                bytes.add(locations.listed(e.path()).readAtMost(Integer.MAX_VALUE - 8));
            }
        }
        double read = (System.nanoTime() - t0) / 1e3;
        List<GrayImage> decoded = new ArrayList<>(bytes.size());
        t0 = System.nanoTime();
        for (byte[] b : bytes) {
            try {
                decoded.add(ImageDecoder.decode("bench", b));
            } catch (UnreadableImageException e) {
                // Counted in the other steps as a file that was read; not decoded.
            }
        }
        double decode = (System.nanoTime() - t0) / 1e3;
        List<byte[]> inputs = new ArrayList<>(decoded.size());
        t0 = System.nanoTime();
        for (GrayImage image : decoded) {
            inputs.add(ImagePreprocessor.prepare(image, PrepareOptions.DEFAULTS).pixels());
        }
        double prepare = (System.nanoTime() - t0) / 1e3;
        t0 = System.nanoTime();
        for (int from = 0; from < inputs.size(); from += FolderScorer.BATCH) {
            model.probabilities(inputs.subList(from, Math.min(inputs.size(), from + FolderScorer.BATCH)));
        }
        double predict = (System.nanoTime() - t0) / 1e3;
        double n = Math.max(1, entries.size());
        return new Breakdown(list / n, read / n, decode / n, prepare / n, predict / n);
    }
}
