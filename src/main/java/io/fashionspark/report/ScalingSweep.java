package io.fashionspark.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fashionspark.files.JsonFiles;
import io.fashionspark.files.Location;
import io.fashionspark.run.RunRecord;
import io.fashionspark.train.EpochMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A worker-count sweep's results, read from its finished run folders: for each worker count the
 * test accuracy of its seeds (mean, min, max), the epoch at which validation accuracy first
 * reached {@link #THRESHOLD}, and the averaging frequency and rounds per epoch the runs used.
 * Written as {@code sweep.json} with two charts beside it ({@code sweep-accuracy.svg},
 * {@code sweep-validation.svg}) and both side by side as {@code sweep.png}. Runs on the driver,
 * after the runs.
 *
 * @param runs one point per run folder, ordered by workers then seed
 */
public record ScalingSweep(List<Run> runs) {
    /** The validation accuracy whose first epoch the sweep reports. */
    public static final double THRESHOLD = 0.88;
    /** File names written by {@link #write}. */
    public static final String JSON = "sweep.json";
    public static final String ACCURACY_SVG = "sweep-accuracy.svg";
    public static final String VALIDATION_SVG = "sweep-validation.svg";
    public static final String PNG = "sweep.png";

    /**
     * One finished run of the sweep.
     *
     * @param workers            training partitions (workers) of the run
     * @param seed               its {@code train.seed}
     * @param name               its folder's name
     * @param testAccuracy       test accuracy
     * @param firstEpochAtThreshold 1-based epoch whose validation accuracy first reached {@link #THRESHOLD}; 0 if none did
     * @param averagingFrequency minibatches per worker between averagings, as the run used them
     * @param roundsPerEpoch     averaging rounds of the run's last epoch
     * @param medianEpochSeconds median wall time of an epoch after the first (on the machine that ran it)
     * @param parametersSha256   the final parameters' digest
     * @param valAccuracy        validation accuracy of every epoch
     */
    public record Run(int workers, long seed, String name, double testAccuracy, int firstEpochAtThreshold,
                      int averagingFrequency, int roundsPerEpoch, double medianEpochSeconds, String parametersSha256,
                      double[] valAccuracy) {
        /** The point of a finished run folder's record. */
        public static Run of(RunRecord r) {
            if (r.test() == null || r.provenance() == null || r.epochs().isEmpty()) {
                throw new IllegalArgumentException(r.folder() + ": not a finished run");
            }
            List<EpochMetrics> epochs = r.epochs();
            double[] val = epochs.stream().mapToDouble(EpochMetrics::valAccuracy).toArray();
            int first = 0;
            for (int e = 0; e < val.length && first == 0; e++) {
                first = val[e] >= THRESHOLD ? e + 1 : 0;
            }
            EpochMetrics last = epochs.get(epochs.size() - 1);
            double[] seconds = epochs.stream().skip(epochs.size() > 1 ? 1 : 0).mapToDouble(EpochMetrics::seconds)
                    .sorted().toArray();
            double median = (seconds[(seconds.length - 1) / 2] + seconds[seconds.length / 2]) / 2;
            return new Run(r.provenance().workers(), Long.parseLong(r.config().get("train.seed")), r.name(),
                    r.test().accuracy(), first, last.averagingFrequency(), last.rounds(), median,
                    r.provenance().parametersSha256(), val);
        }
    }

    /** Orders the runs by workers, then seed. */
    public ScalingSweep {
        runs = runs.stream().sorted(Comparator.comparingInt(Run::workers).thenComparingLong(Run::seed)).toList();
    }

    /** The runs of each worker count, by worker count. */
    public Map<Integer, List<Run>> byWorkers() {
        Map<Integer, List<Run>> by = new TreeMap<>();
        for (Run r : runs) {
            by.computeIfAbsent(r.workers(), k -> new ArrayList<>()).add(r);
        }
        return by;
    }

    /** Mean, min and max test accuracy of {@code runs}. */
    static double[] accuracy(List<Run> runs) {
        double[] a = runs.stream().mapToDouble(Run::testAccuracy).toArray();
        return new double[] {Arrays.stream(a).average().orElse(Double.NaN), Arrays.stream(a).min().orElse(Double.NaN),
                Arrays.stream(a).max().orElse(Double.NaN)};
    }

    /** sweep.json's content: a summary row per worker count, then every run. */
    public ObjectNode toJson() {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("validation_threshold", THRESHOLD);
        ArrayNode rows = doc.putArray("by_workers");
        byWorkers().forEach((n, rs) -> {
            double[] acc = accuracy(rs);
            ObjectNode row = rows.addObject();
            row.put("workers", n);
            row.put("runs", rs.size());
            ObjectNode a = row.putObject("test_accuracy");
            a.put("mean", acc[0]);
            a.put("min", acc[1]);
            a.put("max", acc[2]);
            ArrayNode first = row.putArray("first_epoch_validation_at_threshold");
            rs.forEach(r -> {
                if (r.firstEpochAtThreshold() > 0) {
                    first.add(r.firstEpochAtThreshold());
                } else {
                    first.addNull();
                }
            });
            row.put("averaging_frequency", rs.get(0).averagingFrequency());
            row.put("rounds_per_epoch", rs.get(0).roundsPerEpoch());
        });
        ArrayNode all = doc.putArray("runs");
        for (Run r : runs) {
            ObjectNode o = all.addObject();
            o.put("workers", r.workers());
            o.put("seed", r.seed());
            o.put("run", r.name());
            o.put("test_accuracy", r.testAccuracy());
            if (r.firstEpochAtThreshold() > 0) {
                o.put("first_epoch_validation_at_threshold", r.firstEpochAtThreshold());
            } else {
                o.putNull("first_epoch_validation_at_threshold");
            }
            o.put("averaging_frequency", r.averagingFrequency());
            o.put("rounds_per_epoch", r.roundsPerEpoch());
            o.put("median_epoch_s", r.medianEpochSeconds());
            o.put("parameters_sha256", r.parametersSha256());
            ArrayNode val = o.putArray("validation_accuracy");
            Arrays.stream(r.valAccuracy()).forEach(val::add);
        }
        return doc;
    }

    /** The summary as a console table. */
    public String table() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%7s %5s %8s %8s %8s %16s %3s %7s%n",
                "workers", "runs", "mean", "min", "max", "val>=0.88 epoch", "F", "rounds"));
        byWorkers().forEach((n, rs) -> {
            double[] acc = accuracy(rs);
            String first = String.join(",", rs.stream()
                    .map(r -> r.firstEpochAtThreshold() > 0 ? Integer.toString(r.firstEpochAtThreshold()) : "-").toList());
            b.append(String.format(Locale.ROOT, "%7d %5d %8.4f %8.4f %8.4f %16s %3d %7d%n", n, rs.size(), acc[0],
                    acc[1], acc[2], first, rs.get(0).averagingFrequency(), rs.get(0).roundsPerEpoch()));
        });
        return b.toString();
    }

    /** Test accuracy (mean, min, max over seeds) against the worker count. */
    public LineChart accuracyChart() {
        Map<Integer, List<Run>> by = byWorkers();
        double[] x = by.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
        double[][] y = new double[3][x.length];
        int i = 0;
        for (List<Run> rs : by.values()) {
            double[] acc = accuracy(rs);
            for (int k = 0; k < 3; k++) {
                y[k][i] = acc[k];
            }
            i++;
        }
        return new LineChart("sweep-accuracy", "Test accuracy by workers (seeds: mean, min, max)", "workers",
                "test accuracy", List.of(new LineChart.Series("mean", LineChart.COLORS.get(0), x, y[0]),
                new LineChart.Series("min", LineChart.COLORS.get(1), x, y[1]),
                new LineChart.Series("max", LineChart.COLORS.get(2), x, y[2])));
    }

    /** Validation accuracy by epoch, the mean over seeds of each worker count. */
    public LineChart validationChart() {
        List<LineChart.Series> series = new ArrayList<>();
        int c = 0;
        for (Map.Entry<Integer, List<Run>> e : byWorkers().entrySet()) {
            int epochs = e.getValue().stream().mapToInt(r -> r.valAccuracy().length).min().orElse(0);
            double[] x = new double[epochs];
            double[] y = new double[epochs];
            for (int k = 0; k < epochs; k++) {
                x[k] = k + 1;
                final int epoch = k;
                y[k] = e.getValue().stream().mapToDouble(r -> r.valAccuracy()[epoch]).average().orElse(Double.NaN);
            }
            series.add(new LineChart.Series(e.getKey() + (e.getKey() == 1 ? " worker" : " workers"),
                    LineChart.COLORS.get(c++ % LineChart.COLORS.size()),
                    x, y));
        }
        return new LineChart("sweep-validation", "Validation accuracy by epoch (mean over seeds)", "epoch",
                "validation accuracy", series);
    }

    /** Writes sweep.json, the two charts and their PNG into {@code dir}, each file atomically. */
    public void write(Location dir) throws IOException {
        dir.resolve(JSON).writeAtomically(JsonFiles.pretty(toJson()));
        dir.resolve(ACCURACY_SVG).writeAtomically(SvgCharts.line(accuracyChart(), 640, 360)
                .getBytes(StandardCharsets.UTF_8));
        dir.resolve(VALIDATION_SVG).writeAtomically(SvgCharts.line(validationChart(), 640, 360)
                .getBytes(StandardCharsets.UTF_8));
        dir.resolve(PNG).writeAtomically(PngCharts.encode(PngCharts.lines(List.of(accuracyChart(), validationChart()),
                640, 400)));
    }
}
