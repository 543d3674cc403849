package io.fashionspark.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a {@link LineChart} goes on a canvas: the plot rectangle, the data ranges with "nice"
 * ticks, and the mapping from data to pixels. Shared by the SVG and PNG renderers so both draw
 * the same chart.
 */
final class ChartFrame {
    static final int LEFT = 66;
    static final int RIGHT = 18;
    static final int TITLE = 24;
    static final int LEGEND_ROW = 16;
    static final int BOTTOM = 48;

    final int width;
    final int height;
    final double[] xTicks;
    final double[] yTicks;
    private final double xMin;
    private final double xMax;
    private final double yMin;
    private final double yMax;
    private final List<int[]> legend;
    private final int top;

    ChartFrame(LineChart chart, int width, int height) {
        this.width = width;
        this.height = height;
        this.legend = legendPositions(chart, width);
        int rows = legend.isEmpty() ? 0 : (legend.get(legend.size() - 1)[1] - TITLE) / LEGEND_ROW + 1;
        this.top = TITLE + rows * LEGEND_ROW + 8;
        double[] xr = range(chart, true);
        double[] yr = range(chart, false);
        this.xTicks = ticks(xr[0], xr[1], 8, true);
        this.yTicks = ticks(yr[0], yr[1], 6, false);
        this.xMin = Math.min(xr[0], xTicks[0]);
        this.xMax = Math.max(xr[1], xTicks[xTicks.length - 1]);
        this.yMin = yTicks[0];
        this.yMax = yTicks[yTicks.length - 1];
    }

    int plotLeft() {
        return LEFT;
    }

    int plotRight() {
        return width - RIGHT;
    }

    int plotTop() {
        return top;
    }

    /** Where each series' legend entry starts: {x, baseline y}, in the top margin, wrapping to new rows. */
    List<int[]> legend() {
        return legend;
    }

    private static List<int[]> legendPositions(LineChart chart, int width) {
        List<int[]> out = new ArrayList<>();
        int x = LEFT;
        int y = TITLE + 12;
        for (LineChart.Series s : chart.series()) {
            int w = 34 + (int) Math.ceil(6.5 * s.name().length());
            if (x + w > width - RIGHT && x > LEFT) {
                x = LEFT;
                y += LEGEND_ROW;
            }
            out.add(new int[] {x, y});
            x += w;
        }
        return out;
    }

    int plotBottom() {
        return height - BOTTOM;
    }

    double px(double x) {
        double span = xMax - xMin;
        return plotLeft() + (span == 0 ? 0.5 : (x - xMin) / span) * (plotRight() - plotLeft());
    }

    double py(double y) {
        double span = yMax - yMin;
        return plotBottom() - (span == 0 ? 0.5 : (y - yMin) / span) * (plotBottom() - plotTop());
    }

    /** Polylines of a series in pixels, split where values are not finite; each as x0,y0,x1,y1,... */
    List<double[]> segments(LineChart.Series s) {
        List<double[]> out = new ArrayList<>();
        List<Double> current = new ArrayList<>();
        for (int i = 0; i <= s.x().length; i++) {
            boolean ok = i < s.x().length && Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i]);
            if (ok) {
                current.add(px(s.x()[i]));
                current.add(py(s.y()[i]));
            } else if (!current.isEmpty()) {
                out.add(current.stream().mapToDouble(Double::doubleValue).toArray());
                current.clear();
            }
        }
        return out;
    }

    /** A tick label: as many decimals as the tick spacing needs. */
    static String label(double value, double[] ticks) {
        double step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : Math.abs(value);
        int decimals = step == 0 || step >= 1 ? 0 : Math.min(6, (int) Math.ceil(-Math.log10(step) - 1e-9));
        if ((step > 0 && step < 1e-4) || Math.abs(value) >= 1e6) {
            return String.format(Locale.ROOT, "%.1e", value);
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** Evenly spaced round values covering [min, max], about {@code target} of them. */
    static double[] ticks(double min, double max, int target, boolean integers) {
        if (!(max > min)) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            min -= pad;
            max += pad;
        }
        double step = nice((max - min) / Math.max(1, target - 1));
        if (integers) {
            step = Math.max(1, Math.round(step));
        }
        double start = Math.floor(min / step) * step;
        double end = Math.ceil(max / step - 1e-9) * step;
        int n = (int) Math.round((end - start) / step) + 1;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = start + i * step;
        }
        return t;
    }

    private static double nice(double raw) {
        double exp = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / exp;
        double n = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
        return n * exp;
    }

    private static double[] range(LineChart chart, boolean x) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (LineChart.Series s : chart.series()) {
            for (int i = 0; i < s.x().length; i++) {
                double v = x ? s.x()[i] : s.y()[i];
                if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return lo > hi ? new double[] {0, 1} : new double[] {lo, hi};
    }
}
