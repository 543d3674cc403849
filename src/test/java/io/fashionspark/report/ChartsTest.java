package io.fashionspark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartsTest {
    @Test
    void ticksAreRoundAndCoverTheRange() {
        double[] t = ChartFrame.ticks(0.2817, 0.9083, 6, false);
        assertTrue(t[0] <= 0.2817 && t[t.length - 1] >= 0.9083);
        assertEquals(0.2, t[1] - t[0], 1e-12);
        double[] epochs = ChartFrame.ticks(1, 20, 8, true);
        assertEquals(Math.rint(epochs[1] - epochs[0]), epochs[1] - epochs[0], "integer steps");
        double[] flat = ChartFrame.ticks(0.01, 0.01, 6, false);
        assertTrue(flat[0] < 0.01 && flat[flat.length - 1] > 0.01, "a constant series gets a range around it");
    }

    @Test
    void tickLabelsHaveTheDecimalsTheirSpacingNeeds() {
        assertEquals("0.002", ChartFrame.label(0.002, new double[] {0, 0.002}));
        assertEquals("15", ChartFrame.label(15, new double[] {0, 5}));
        assertEquals("0.25", ChartFrame.label(0.25, new double[] {0, 0.05}));
    }

    @Test
    void lineChartBreaksAtMissingValuesAndLabelsItsSeries() {
        LineChart chart = new LineChart("c1", "T", "epoch", "loss", List.of(
                new LineChart.Series("a & b", "#000000", new double[] {1, 2, 3, 4}, new double[] {1, Double.NaN, 3, 4})));
        String svg = SvgCharts.line(chart, 400, 300);
        assertTrue(svg.startsWith("<svg id=\"c1\""));
        assertEquals(2, RunReportTest.count(svg, "<polyline"), "a gap at the NaN");
        assertTrue(svg.contains("a &amp; b"), "escaped legend");
        BufferedImage png = PngCharts.lines(List.of(chart, chart), 400, 300);
        assertEquals(800, png.getWidth());
    }

    @Test
    void seriesNeedAsManyYValuesAsX() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LineChart.Series("s", "#000000", new double[] {1, 2}, new double[] {1}));
        assertTrue(e.getMessage().startsWith("s: "), e.getMessage());
    }

    @Test
    void confusionHeatmapLabelsBothAxesAndColoursRowShares() {
        long[][] m = {{8, 2}, {0, 10}};
        List<String> names = List.of("Shirt", "Coat");
        String svg = SvgCharts.confusion("cm", m, names);
        assertEquals(2 + 2, RunReportTest.count(svg, ">Shirt<") + RunReportTest.count(svg, ">Coat<"));
        ConfusionLayout l = new ConfusionLayout(m, names);
        assertEquals(0.2, l.share(0, 1), 1e-12);
        assertEquals(255, l.rgb(1, 0)[0], "an empty cell is white");
        assertTrue(l.rgb(0, 1)[1] < 255, "a mistake is tinted");
        assertEquals(l.width(), PngCharts.confusion(m, names).getWidth());
    }
}
