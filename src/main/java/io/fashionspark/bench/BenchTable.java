package io.fashionspark.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * Derived figures and the printed table of a benchmark run. Training efficiency is
 * {@code 6 x parameters x training examples/s} (forward 2, backward 4 FLOPs per parameter and
 * example) over the machine's all-core matrix-multiply GFLOP/s.
 */
public final class BenchTable {
    private BenchTable() {
    }

    /**
     * Adds {@code train_examples_per_s}, {@code efficiency} and {@code vs_floor} to each training
     * case of {@code cases}, from its {@code train_rows} per epoch and the gemm and floor cases.
     */
    public static void derive(List<ObjectNode> cases, long parameters) {
        double gflops = cases.stream().filter(c -> c.path("case").asText().equals("gemm-all-cores"))
                .mapToDouble(c -> c.path("gflops_2048").asDouble()).findFirst().orElse(Double.NaN);
        double floor = floorEpochSeconds(cases);
        double torch = medianEpochSeconds(cases, PyTorchCase.NAME);
        for (ObjectNode c : cases) {
            if (!c.has("median_epoch_s")) {
                continue;
            }
            double perSecond = c.path("train_rows").asDouble() / c.path("median_epoch_s").asDouble();
            c.put("train_examples_per_s", perSecond);
            c.put("efficiency", 6.0 * parameters * perSecond / (gflops * 1e9));
            c.put("vs_floor", c.path("median_epoch_s").asDouble() / floor);
            if (Double.isFinite(torch)) {
                c.put("vs_pytorch", c.path("median_epoch_s").asDouble() / torch);
            }
        }
    }

    /** The single-process floor's median epoch seconds, or NaN when the run has no floor case. */
    public static double floorEpochSeconds(List<? extends JsonNode> cases) {
        return medianEpochSeconds(cases, "floor");
    }

    /** The median epoch seconds of the first case of {@code kind}, or NaN when the run has none. */
    private static double medianEpochSeconds(List<? extends JsonNode> cases, String kind) {
        return cases.stream().filter(c -> c.path("kind").asText().equals(kind))
                .mapToDouble(c -> c.path("median_epoch_s").asDouble()).findFirst().orElse(Double.NaN);
    }

    /** The table, one line per case. */
    public static String format(List<ObjectNode> cases) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-16s %5s %8s %8s %9s %9s %9s %8s %8s %6s %5s %7s%n", "case", "freq",
                "s/epoch", "x floor", "x pytorch", "train ex/s", "val img/s", "test i/s", "start s", "RSS GB", "eff%",
                "GFLOP/s"));
        for (JsonNode c : cases) {
            b.append(String.format(Locale.ROOT, "%-16s %5s %8s %8s %9s %9s %9s %8s %8s %6s %5s %7s%n",
                    c.path("case").asText(),
                    c.has("averaging_frequency") ? c.get("averaging_frequency").asText() : "-",
                    num(c, "median_epoch_s", "%.2f", 1), num(c, "vs_floor", "%.2f", 1), num(c, "vs_pytorch", "%.2f", 1),
                    num(c, "train_examples_per_s", "%.0f", 1), num(c, "validation_images_per_s", "%.0f", 1),
                    num(c, "test_images_per_s", "%.0f", 1), num(c, "start_to_first_epoch_s", "%.1f", 1),
                    num(c, "peak_rss_bytes", "%.2f", 1e-9), num(c, "efficiency", "%.1f", 100),
                    c.has("gflops_2048") ? String.format(Locale.ROOT, "%.0f", c.get("gflops_2048").asDouble()) : "-"));
        }
        return b.toString();
    }

    private static String num(JsonNode c, String field, String format, double scale) {
        JsonNode v = c.get(field);
        return v == null || !v.isNumber() || !Double.isFinite(v.asDouble()) ? "-"
                : String.format(Locale.ROOT, format, v.asDouble() * scale);
    }
}
