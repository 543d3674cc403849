package io.fashionspark.report;

import java.util.List;
import java.util.Locale;

/** Renders charts as inline SVG elements (no scripts, no external resources). */
public final class SvgCharts {
    private static final String FONT = "font-family=\"sans-serif\"";

    private SvgCharts() {
    }

    /** {@code chart} as an {@code <svg>} element of the given size, with id {@code chart.id()}. */
    public static String line(LineChart chart, int width, int height) {
        ChartFrame f = new ChartFrame(chart, width, height);
        StringBuilder s = open(chart.id(), chart.title(), width, height);
        s.append(text(width / 2.0, 18, "middle", 15, "bold", chart.title()));
        for (double t : f.yTicks) {
            double y = f.py(t);
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e4e4e4\"/>",
                    f.plotLeft(), y, f.plotRight(), y));
            s.append(text(f.plotLeft() - 6, y + 4, "end", 11, "normal", ChartFrame.label(t, f.yTicks)));
        }
        for (double t : f.xTicks) {
            double x = f.px(t);
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#f0f0f0\"/>",
                    x, f.plotTop(), x, f.plotBottom()));
            s.append(text(x, f.plotBottom() + 16, "middle", 11, "normal", ChartFrame.label(t, f.xTicks)));
        }
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>",
                f.plotLeft(), f.plotTop(), f.plotRight() - f.plotLeft(), f.plotBottom() - f.plotTop()));
        s.append(text((f.plotLeft() + f.plotRight()) / 2.0, height - 10, "middle", 12, "normal", chart.xLabel()));
        s.append(String.format(Locale.ROOT, "<text transform=\"translate(16 %.1f) rotate(-90)\" text-anchor=\"middle\""
                + " font-size=\"12\" %s>%s</text>", (f.plotTop() + f.plotBottom()) / 2.0, FONT, Html.esc(chart.yLabel())));
        for (LineChart.Series series : chart.series()) {
            appendSeries(s, f, series, chart.xLabel());
        }
        appendLegend(s, chart.series(), f);
        return s.append("</svg>\n").toString();
    }

    /** The confusion matrix as a labelled heatmap {@code <svg>} with id {@code id}. */
    public static String confusion(String id, long[][] matrix, List<String> names) {
        ConfusionLayout l = new ConfusionLayout(matrix, names);
        StringBuilder s = open(id, "Confusion matrix", l.width(), l.height());
        int n = l.size();
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                int[] rgb = l.rgb(r, c);
                s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"rgb(%d,%d,%d)\""
                                + " stroke=\"#fff\"><title>true %s, predicted %s: %d (%.1f%%)</title></rect>",
                        l.cellX(c), l.cellY(r), ConfusionLayout.CELL, ConfusionLayout.CELL, rgb[0], rgb[1], rgb[2],
                        Html.esc(names.get(r)), Html.esc(names.get(c)), matrix[r][c], 100 * l.share(r, c)));
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"12\""
                                + " fill=\"%s\" %s>%d</text>", l.cellX(c) + ConfusionLayout.CELL / 2.0,
                        l.cellY(r) + ConfusionLayout.CELL / 2.0 + 4, l.darkCell(r, c) ? "#fff" : "#222", FONT,
                        matrix[r][c]));
            }
            s.append(text(ConfusionLayout.LEFT - 6, l.cellY(r) + ConfusionLayout.CELL / 2.0 + 4, "end", 12, "normal",
                    names.get(r)));
            double cx = l.cellX(r) + ConfusionLayout.CELL / 2.0 + 4;
            s.append(String.format(Locale.ROOT, "<text transform=\"translate(%.1f %d) rotate(-60)\" font-size=\"12\""
                    + " %s>%s</text>", cx, ConfusionLayout.TOP - 6, FONT, Html.esc(names.get(r))));
        }
        s.append(text(12, 18, "start", 12, "bold", "rows: true class"));
        s.append(text(12, 34, "start", 12, "bold", "columns: predicted"));
        return s.append("</svg>\n").toString();
    }

    private static StringBuilder open(String id, String title, int width, int height) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg id=\"%s\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                        + " viewBox=\"0 0 %d %d\" role=\"img\"><title>%s</title>"
                        + "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>\n",
                Html.esc(id), width, height, width, height, Html.esc(title), width, height));
    }

    private static void appendSeries(StringBuilder s, ChartFrame f, LineChart.Series series, String xLabel) {
        for (double[] seg : f.segments(series)) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < seg.length; i += 2) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", seg[i], seg[i + 1]));
            }
            s.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>",
                    series.color(), points.toString().trim()));
        }
        boolean dots = series.x().length <= 60;
        for (int i = 0; dots && i < series.x().length; i++) {
            if (Double.isFinite(series.y()[i])) {
                s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"><title>%s,"
                                + " %s %s: %s</title></circle>", f.px(series.x()[i]), f.py(series.y()[i]), series.color(),
                        Html.esc(series.name()), Html.esc(xLabel), ChartFrame.label(series.x()[i], f.xTicks),
                        String.format(Locale.ROOT, "%.5g", series.y()[i])));
            }
        }
    }

    private static void appendLegend(StringBuilder s, List<LineChart.Series> series, ChartFrame f) {
        for (int i = 0; i < series.size(); i++) {
            int x = f.legend().get(i)[0];
            int y = f.legend().get(i)[1];
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>",
                    x, y - 4, x + 20, y - 4, series.get(i).color()));
            s.append(text(x + 26, y, "start", 11, "normal", series.get(i).name()));
        }
    }

    private static String text(double x, double y, String anchor, int size, String weight, String content) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\""
                + " font-weight=\"%s\" %s>%s</text>", x, y, anchor, size, weight, FONT, Html.esc(content));
    }
}
