package io.fashionspark.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fashionspark.data.ImageTable;
import io.fashionspark.data.LabeledImages;
import io.fashionspark.eval.DistributedEvaluator;
import io.fashionspark.eval.EvaluationReport;
import io.fashionspark.files.Location;
import io.fashionspark.model.Classifier;
import io.fashionspark.score.FitMode;
import io.fashionspark.score.FolderScorer;
import io.fashionspark.score.InvertMode;
import io.fashionspark.score.PrepareOptions;
import io.fashionspark.score.ScoreFormat;
import io.fashionspark.score.ScoreRequest;
import io.fashionspark.score.ScoreTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Accuracy of a model on the photo sets of {@link PhotoSets}, through the scorer's one inference
 * path ({@link FolderScorer#score}) with each {@link #PREPARATIONS preparation}, next to its
 * accuracy on the IDX test images the photos were made from.
 *
 * <p>Per preparation, one scoring job reads every set under the photo folder and writes Parquet
 * to {@code work/<preparation>} (kept, for looking at single predictions); a small aggregation
 * job then counts, per set, the rows whose label equals the folder name above the file (an
 * error row counts as wrong) and the error rows. Only these counts reach the driver. Two more
 * jobs evaluate the model on the first N and on all IDX test images.
 */
public final class PhotoAccuracy {
    /** The preparations compared: the old default, the new one, the new one sharpened, and stretching. */
    public static final List<Preparation> PREPARATIONS = List.of(
            new Preparation("pad", new PrepareOptions(InvertMode.AUTO, FitMode.PAD, false)),
            new Preparation("trim", new PrepareOptions(InvertMode.AUTO, FitMode.TRIM, false)),
            new Preparation("trim+sharpen", new PrepareOptions(InvertMode.AUTO, FitMode.TRIM, true)),
            new Preparation("stretch", new PrepareOptions(InvertMode.AUTO, FitMode.STRETCH, false)));
    private static final String SET = "set";

    private PhotoAccuracy() {
    }

    /**
     * A named way of preparing images.
     *
     * @param name    the column name in the table
     * @param options the scorer's options
     */
    public record Preparation(String name, PrepareOptions options) {
    }

    /**
     * How one preparation did on one set.
     *
     * @param set         the set's folder name
     * @param preparation the preparation's name
     * @param files       files scored or failed
     * @param correct     rows whose label is the folder's
     * @param errors      rows with an error (counted as wrong)
     */
    public record Cell(String set, String preparation, long files, long correct, long errors) {
        /** {@code correct / files}, NaN for an empty set. */
        public double accuracy() {
            return files == 0 ? Double.NaN : (double) correct / files;
        }
    }

    /**
     * The model's accuracy on IDX test images, as they are (28x28, no preparation).
     *
     * @param images   images evaluated
     * @param accuracy share predicted correctly
     */
    public record IdxAccuracy(long images, double accuracy) {
        static IdxAccuracy of(EvaluationReport report) {
            return new IdxAccuracy(report.examples(), report.accuracy());
        }
    }

    /**
     * Scores each of {@code sets} under {@code photoDir} with every preparation and evaluates the
     * model on the first {@code count} and all images of {@code test}.
     *
     * @param work a folder for the scoring outputs; {@code work/<preparation>} must not exist
     * @throws IOException if an output cannot be written
     */
    public static Result measure(SparkSession spark, Classifier model, Location photoDir, List<String> sets,
                                      LabeledImages test, int count, Location work) throws IOException {
        List<Cell> cells = new ArrayList<>();
        Map<String, Double> seconds = new HashMap<>();
        for (Preparation p : PREPARATIONS) {
            Location out = work.resolve(p.name());
            long t0 = System.nanoTime();
            FolderScorer.score(spark, model, new ScoreRequest(photoDir, out, ScoreFormat.PARQUET, p.options(), null),
                    out);
            seconds.put(p.name(), (System.nanoTime() - t0) / 1e9);
            Map<String, Cell> bySet = countBySet(spark, p.name(), out);
            for (String set : sets) {
                cells.add(bySet.getOrDefault(set, new Cell(set, p.name(), 0, 0, 0)));
            }
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        IdxAccuracy first = IdxAccuracy.of(evaluate(sc, model, firstImages(test, count)));
        IdxAccuracy all = IdxAccuracy.of(evaluate(sc, model, test));
        return new Result(sets, PREPARATIONS.stream().map(Preparation::name).toList(), cells, seconds, first, all);
    }

    /** Per set (the folder two levels above each file), the counts of one scoring output. */
    static Map<String, Cell> countBySet(SparkSession spark, String preparation, Location out) {
        Column parts = split(col(ScoreTable.PATH), "/");
        Column truth = element_at(parts, -2);
        List<Row> rows = FolderScorer.read(spark, ScoreFormat.PARQUET, out)
                .groupBy(element_at(parts, -3).as(SET))
                .agg(count(lit(1)),
                        sum(when(col(ScoreTable.LABEL).cast("string").equalTo(truth), 1).otherwise(0)),
                        sum(when(col(ScoreTable.ERROR).isNotNull(), 1).otherwise(0)))
                .collectAsList();
        Map<String, Cell> bySet = new HashMap<>();
        for (Row r : rows) {
            bySet.put(r.getString(0), new Cell(r.getString(0), preparation, r.getLong(1), r.getLong(2), r.getLong(3)));
        }
        return bySet;
    }

    private static EvaluationReport evaluate(JavaSparkContext sc, Classifier model, LabeledImages images) {
        return DistributedEvaluator.evaluateRows(sc, model, ImageTable.imageRows(sc, images, sc.defaultParallelism()));
    }

    /** The first {@code count} images of {@code images} (all when there are fewer). */
    static LabeledImages firstImages(LabeledImages images, int count) {
        int n = Math.min(count, images.count());
        return new LabeledImages(images.source() + " (first " + n + ")", images.rows(), images.cols(),
                Arrays.copyOf(images.pixels(), n * images.imageSize()), Arrays.copyOf(images.labels(), n));
    }

    /**
     * Everything measured.
     *
     * @param sets         the sets, in table order
     * @param preparations the preparations, in table order
     * @param cells        one per set and preparation
     * @param seconds      wall time of each preparation's scoring job (all sets)
     * @param idxFirst     the model on the IDX test images the photos were made from
     * @param idxAll       the model on every IDX test image
     */
    public record Result(List<String> sets, List<String> preparations, List<Cell> cells, Map<String, Double> seconds,
                         IdxAccuracy idxFirst, IdxAccuracy idxAll) {
        /** Copies the collections. */
        public Result {
            sets = List.copyOf(sets);
            preparations = List.copyOf(preparations);
            cells = List.copyOf(cells);
            seconds = Map.copyOf(seconds);
        }

        /** The cell of {@code set} and {@code preparation}. */
        public Cell cell(String set, String preparation) {
            return cells.stream().filter(c -> c.set().equals(set) && c.preparation().equals(preparation)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no result for " + set + ", " + preparation));
        }

        /** The table: one line per set, one accuracy column per preparation, then the IDX lines. */
        public String format() {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-16s %6s", "photo set", "files"));
            preparations.forEach(p -> b.append(String.format(Locale.ROOT, " %12s", p)));
            b.append(String.format(Locale.ROOT, " %7s%n", "errors"));
            for (String set : sets) {
                b.append(String.format(Locale.ROOT, "%-16s %6d", set, cell(set, preparations.get(0)).files()));
                preparations.forEach(p -> b.append(String.format(Locale.ROOT, " %12.4f", cell(set, p).accuracy())));
                b.append(String.format(Locale.ROOT, " %7s%n", String.join("/", preparations.stream()
                        .map(p -> Long.toString(cell(set, p).errors())).distinct().toList())));
            }
            b.append(String.format(Locale.ROOT, "%-16s %6d %12.4f   (28x28 IDX, the photos' sources)%n", "IDX test",
                    idxFirst.images(), idxFirst.accuracy()));
            b.append(String.format(Locale.ROOT, "%-16s %6d %12.4f%n", "IDX test, all", idxAll.images(),
                    idxAll.accuracy()));
            b.append(String.format(Locale.ROOT, "scoring jobs (all sets): %s%n", String.join(", ", preparations.stream()
                    .map(p -> String.format(Locale.ROOT, "%s %.1f s", p, seconds.get(p))).toList())));
            return b.toString();
        }

        /** The result as JSON: preparations with their options and times, sets with their cells, IDX accuracies. */
        public ObjectNode toJson() {
            ObjectNode doc = JsonNodeFactory.instance.objectNode();
            ArrayNode preps = doc.putArray("preparations");
            for (Preparation p : PREPARATIONS) {
                if (preparations.contains(p.name())) {
                    preps.addObject().put("name", p.name()).put("invert", p.options().invert().label())
                            .put("fit", p.options().fit().label()).put("sharpen", p.options().sharpen())
                            .put("seconds", seconds.get(p.name()));
                }
            }
            ArrayNode list = doc.putArray("sets");
            for (String set : sets) {
                ObjectNode s = list.addObject().put("set", set);
                PhotoStyle.standard().stream().filter(st -> st.name().equals(set)).findFirst()
                        .ifPresent(st -> s.put("style", st.describe()));
                ObjectNode results = s.putObject("results");
                for (String p : preparations) {
                    Cell c = cell(set, p);
                    results.putObject(p).put("accuracy", c.accuracy()).put("files", c.files())
                            .put("correct", c.correct()).put("errors", c.errors());
                }
            }
            ObjectNode idx = doc.putObject("idx_test");
            idx.putObject("first").put("images", idxFirst.images()).put("accuracy", idxFirst.accuracy());
            idx.putObject("all").put("images", idxAll.images()).put("accuracy", idxAll.accuracy());
            return doc;
        }
    }
}
