package io.fashionspark.report;

import io.fashionspark.train.EpochMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One self-contained HTML page comparing runs: every run's validation accuracy and loss on one
 * chart each (a line per run, labelled with its folder name), a summary table and the settings
 * in which the runs differ.
 */
public final class ComparePage {
    private ComparePage() {
    }

    /** The comparison page of {@code runs}, in the order given. */
    public static String html(List<ReportContent> runs) {
        StringBuilder body = new StringBuilder("<h1>Run comparison</h1>\n<p class=\"summary\">")
                .append(runs.size()).append(" runs: ")
                .append(String.join(", ", runs.stream().map(r -> "<code>" + Html.esc(r.title()) + "</code>").toList()))
                .append("</p>\n<h2>Learning curves</h2>\n<div class=\"charts\">")
                .append(SvgCharts.line(Curves.compare(Curves.COMPARE_ACCURACY_ID, "Validation accuracy", "accuracy",
                        runs, EpochMetrics::valAccuracy), ReportPage.CHART_WIDTH, ReportPage.CHART_HEIGHT))
                .append(SvgCharts.line(Curves.compare(Curves.COMPARE_LOSS_ID, "Validation loss", "loss",
                        runs, EpochMetrics::valLoss), ReportPage.CHART_WIDTH, ReportPage.CHART_HEIGHT))
                .append("</div>\n<h2>Summary</h2>\n").append(summary(runs))
                .append("<h2>Settings that differ</h2>\n").append(differences(runs))
                .append("<footer>Generated ").append(Instant.now().toString().replaceAll("\\.\\d+Z$", "Z"))
                .append("</footer>\n");
        return ReportPage.document("fashion-spark run comparison", body.toString());
    }

    private static String summary(List<ReportContent> runs) {
        List<List<String>> rows = new ArrayList<>();
        for (ReportContent r : runs) {
            List<EpochMetrics> e = r.epochs();
            EpochMetrics last = e.isEmpty() ? null : e.get(e.size() - 1);
            double best = e.stream().mapToDouble(EpochMetrics::valAccuracy).filter(Double::isFinite).max().orElse(Double.NaN);
            double total = r.provenance() == null ? Double.NaN
                    : r.provenance().timings().getOrDefault("total_seconds", Double.NaN);
            rows.add(List.of(Html.esc(r.title()), Integer.toString(e.size()),
                    Html.num(last == null ? Double.NaN : last.valAccuracy(), 4), Html.num(best, 4),
                    Html.num(last == null ? Double.NaN : last.valLoss(), 4),
                    Html.num(r.test() == null ? Double.NaN : r.test().accuracy(), 4),
                    Html.num(r.test() == null ? Double.NaN : r.test().loss(), 4), Html.num(total, 1)));
        }
        return Html.table("grid num", List.of("run", "epochs", "last val acc", "best val acc", "last val loss",
                "test accuracy", "test loss", "total seconds"), rows);
    }

    private static String differences(List<ReportContent> runs) {
        TreeSet<String> keys = new TreeSet<>();
        runs.forEach(r -> keys.addAll(r.config().keySet()));
        List<List<String>> rows = new ArrayList<>();
        for (String key : keys) {
            String first = runs.get(0).config().get(key);
            if (runs.stream().allMatch(r -> Objects.equals(first, r.config().get(key)))) {
                continue;
            }
            List<String> row = new ArrayList<>();
            row.add("<code>" + Html.esc(key) + "</code>");
            runs.forEach(r -> row.add(Html.esc(Objects.requireNonNullElse(r.config().get(key), "\u2013"))));
            rows.add(row);
        }
        if (rows.isEmpty()) {
            return "<p>None: all runs have the same configuration.</p>\n";
        }
        List<String> header = new ArrayList<>();
        header.add("key");
        runs.forEach(r -> header.add(Html.esc(r.title())));
        return Html.table("kv", header, rows);
    }
}
