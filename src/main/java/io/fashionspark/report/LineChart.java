package io.fashionspark.report;

import java.util.List;

/**
 * A line chart of one or more series over a shared x axis, drawn as inline SVG by
 * {@link SvgCharts} and as PNG by {@link PngCharts}. Non-finite y values leave a gap.
 *
 * @param id     element id of the SVG (unique within a page)
 * @param title  title above the plot
 * @param xLabel label of the x axis
 * @param yLabel label of the y axis
 * @param series the lines, drawn in order
 */
public record LineChart(String id, String title, String xLabel, String yLabel, List<Series> series) {
    /** Distinguishable line colours (colour-blind-safe palette), used in turn. */
    public static final List<String> COLORS = List.of("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
            "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf");

    /** Copies the series list. */
    public LineChart {
        series = List.copyOf(series);
    }

    /**
     * One line: points {@code (x[i], y[i])}.
     *
     * @param name  legend text
     * @param color CSS colour ({@code #rrggbb})
     * @param x     x values, ascending
     * @param y     y values, as many as x
     */
    public record Series(String name, String color, double[] x, double[] y) {
        /** Checks that x and y have the same length. */
        public Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException(name + ": expected as many y values as x values, found "
                        + y.length + " and " + x.length);
            }
        }
    }

    /** True when no series has a finite point (nothing to draw). */
    public boolean isEmpty() {
        for (Series s : series) {
            for (double v : s.y()) {
                if (Double.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }
}
