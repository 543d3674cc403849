package io.fashionspark.report;

import io.fashionspark.eval.ClassMetrics;
import io.fashionspark.eval.EvaluationReport;
import io.fashionspark.files.JsonFiles;
import io.fashionspark.train.EpochMetrics;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One self-contained HTML report page: inline SVG charts, inline base64 PNG images and inline
 * CSS, no scripts and no external resources, so it works from a {@code file://} URL offline.
 */
public final class ReportPage {
    /** Id of the element holding the test image grid. */
    public static final String GRID_ID = "image-grid";
    /** SVG id of the confusion matrix. */
    public static final String CONFUSION_ID = "chart-confusion";
    static final int CHART_WIDTH = 560;
    static final int CHART_HEIGHT = 340;

    private ReportPage() {
    }

    /** The page of {@code content}; {@code pngs} are the file names of its PNG twins, linked at the end. */
    public static String html(ReportContent content, List<String> pngs) throws IOException {
        StringBuilder body = new StringBuilder();
        body.append("<h1>").append(Html.esc(content.title())).append("</h1>\n").append(summary(content));
        if (!content.epochs().isEmpty()) {
            body.append("<h2>Learning curves</h2>\n<div class=\"charts\">")
                    .append(SvgCharts.line(Curves.loss(content.epochs()), CHART_WIDTH, CHART_HEIGHT))
                    .append(SvgCharts.line(Curves.accuracy(content.epochs()), CHART_WIDTH, CHART_HEIGHT))
                    .append(SvgCharts.line(Curves.learningRate(content.epochs()), CHART_WIDTH, CHART_HEIGHT))
                    .append("</div>\n");
        }
        if (content.test() != null) {
            body.append(testSection(content.test()));
        }
        body.append(gridSection(content));
        if (!content.epochs().isEmpty()) {
            body.append("<h2>Epochs</h2>\n").append(epochTable(content.epochs()));
        }
        if (content.provenance() != null) {
            body.append("<h2>Provenance</h2>\n").append(ProvenanceTables.html(JsonFiles.tree(content.provenance())));
        }
        if (!content.config().isEmpty()) {
            body.append("<h2>Configuration</h2>\n").append(ProvenanceTables.config(content.config()));
        }
        body.append("<footer>Generated ").append(Instant.now().toString().replaceAll("\\.\\d+Z$", "Z"));
        for (String png : pngs) {
            body.append(" &middot; <a href=\"").append(Html.esc(png)).append("\">").append(Html.esc(png)).append("</a>");
        }
        body.append("</footer>\n");
        return document(content.title() + " \u2013 fashion-spark report", body.toString());
    }

    /** A complete HTML document around {@code body}, with the report's style sheet. */
    static String document(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + Html.esc(title) + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n"
                + body + "</body>\n</html>\n";
    }

    private static String summary(ReportContent c) {
        List<String> parts = new ArrayList<>();
        if (c.test() != null) {
            parts.add(String.format(Locale.ROOT, "test accuracy <b>%s</b> on %,d images (loss %s)",
                    Html.num(c.test().accuracy(), 4), c.test().examples(), Html.num(c.test().loss(), 4)));
        }
        if (!c.epochs().isEmpty()) {
            EpochMetrics last = c.epochs().get(c.epochs().size() - 1);
            parts.add(String.format(Locale.ROOT, "%d epochs, last validation accuracy %s", c.epochs().size(),
                    Html.num(last.valAccuracy(), 4)));
        }
        if (c.model() != null) {
            parts.add("model <code>" + Html.esc(c.model()) + "</code>");
        }
        return "<p class=\"summary\">" + String.join(" &middot; ", parts) + "</p>\n";
    }

    private static String testSection(EvaluationReport test) {
        StringBuilder out = new StringBuilder("<h2>Test set</h2>\n<div class=\"charts\">");
        out.append(SvgCharts.confusion(CONFUSION_ID, test.confusionMatrix(), test.classNames()));
        out.append("<div><h3>Most confused (true \u2192 predicted)</h3>\n<ol class=\"confused\">");
        for (int[] pair : test.mostConfused(8)) {
            out.append(String.format(Locale.ROOT, "<li>%s \u2192 %s: <b>%d</b></li>", Html.esc(test.classNames().get(pair[0])),
                    Html.esc(test.classNames().get(pair[1])), test.confusionMatrix()[pair[0]][pair[1]]));
        }
        out.append("</ol></div></div>\n<h3>Per class</h3>\n");
        List<List<String>> rows = new ArrayList<>();
        for (ClassMetrics m : test.perClass()) {
            rows.add(List.of(Integer.toString(m.label()), Html.esc(m.name()), Html.num(m.precision(), 4),
                    Html.num(m.recall(), 4), Html.num(m.f1(), 4), Long.toString(m.support())));
        }
        out.append(Html.table("grid num", List.of("label", "class", "precision", "recall", "F1", "support"), rows));
        return out.toString();
    }

    private static String gridSection(ReportContent c) throws IOException {
        if (c.grid() == null) {
            return c.gridNote() == null ? "" : "<h2>Test images</h2>\n<p class=\"note\">No image grid: "
                    + Html.esc(c.gridNote()) + "</p>\n";
        }
        ImageGrid grid = c.grid();
        StringBuilder out = new StringBuilder("<h2>Test images</h2>\n<p>").append(String.format(Locale.ROOT,
                "%,d of %,d test images misclassified. Shown: the most confident mistakes first (red), then correct"
                        + " answers from every class.", grid.mistakes(), grid.examples()))
                .append("</p>\n<div id=\"").append(GRID_ID).append("\">\n");
        for (GridImage image : grid.images()) {
            String predicted = grid.classNames().get(image.predictedLabel());
            String truth = grid.classNames().get(image.trueLabel());
            out.append("<figure class=\"").append(image.correct() ? "right" : "wrong").append("\">")
                    .append("<img alt=\"test image ").append(image.index()).append("\" src=\"data:image/png;base64,")
                    .append(ImageGrid.pngBase64(image.pixels(), 28)).append("\">")
                    .append("<figcaption>").append(image.correct() ? "" : "\u2717 ")
                    .append(Html.esc(predicted)).append(String.format(Locale.ROOT, " (%.0f%%)", 100 * image.probability()));
            if (!image.correct()) {
                out.append("<br><span class=\"truth\">true: ").append(Html.esc(truth)).append("</span>");
            }
            out.append("<br><span class=\"idx\">#").append(image.index()).append("</span></figcaption></figure>\n");
        }
        return out.append("</div>\n").toString();
    }

    private static String epochTable(List<EpochMetrics> epochs) {
        List<List<String>> rows = new ArrayList<>();
        for (EpochMetrics m : epochs) {
            rows.add(List.of(Integer.toString(m.epoch() + 1), Html.num(m.trainLoss(), 4), Html.num(m.valLoss(), 4),
                    Html.num(m.valAccuracy(), 4), String.format(Locale.ROOT, "%.5g", m.learningRate()),
                    Html.num(m.seconds(), 1), Long.toString(m.minibatches()),
                    m.trainRows() + " / " + m.validationRows(), Long.toString(m.splitSeed())));
        }
        return Html.table("grid num", List.of("epoch", "train loss", "val loss", "val acc", "lr", "seconds",
                "minibatches", "train / val rows", "split seed"), rows);
    }

    private static final String STYLE = """
            body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222;
                   margin: 24px auto; max-width: 1200px; padding: 0 16px; }
            h1 { font-size: 24px; margin-bottom: 4px; }
            h2 { font-size: 19px; border-bottom: 1px solid #ddd; padding-bottom: 4px; margin-top: 32px; }
            h3 { font-size: 15px; margin: 16px 0 6px; }
            .summary { color: #444; }
            .charts { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
            svg.chart { border: 1px solid #e3e3e3; background: #fff; }
            table { border-collapse: collapse; margin: 6px 0 12px; }
            th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: left; vertical-align: top; }
            th { background: #f5f5f5; }
            table.num td { text-align: right; font-variant-numeric: tabular-nums; }
            table.num td:nth-child(2) { text-align: left; }
            table.kv td:first-child { white-space: nowrap; color: #444; }
            td code { font-size: 12px; word-break: break-all; }
            .note { color: #8a5300; background: #fff7e6; padding: 6px 10px; border-left: 3px solid #f0a020; }
            ol.confused { margin: 0; padding-left: 22px; }
            #image-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(104px, 1fr)); gap: 10px; }
            #image-grid figure { margin: 0; padding: 4px; border: 2px solid #cfe3cf; border-radius: 4px;
                                 text-align: center; font-size: 11px; line-height: 1.3; }
            #image-grid figure.wrong { border-color: #d62728; background: #fff1f1; }
            #image-grid img { width: 84px; height: 84px; image-rendering: crisp-edges; image-rendering: pixelated;
                              display: block; margin: 0 auto 3px; }
            .truth { color: #555; }
            .idx { color: #999; }
            footer { margin-top: 32px; color: #777; font-size: 12px; }
            """;
}
