package io.fashionspark.report;

import io.fashionspark.files.Location;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Renders the report's charts as PNG images with Java2D (works headless), laid out like their
 * SVG twins in {@link SvgCharts}.
 */
public final class PngCharts {
    private PngCharts() {
    }

    /** The charts side by side, each {@code width x height}. */
    public static BufferedImage lines(List<LineChart> charts, int width, int height) {
        BufferedImage image = canvas(width * charts.size(), height);
        Graphics2D g = graphics(image);
        for (int i = 0; i < charts.size(); i++) {
            AffineTransform saved = g.getTransform();
            g.translate(i * width, 0);
            drawLine(g, charts.get(i), width, height);
            g.setTransform(saved);
        }
        g.dispose();
        return image;
    }

    /** The confusion matrix heatmap. */
    public static BufferedImage confusion(long[][] matrix, List<String> names) {
        ConfusionLayout l = new ConfusionLayout(matrix, names);
        BufferedImage image = canvas(l.width(), l.height());
        Graphics2D g = graphics(image);
        int cell = ConfusionLayout.CELL;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int r = 0; r < l.size(); r++) {
            for (int c = 0; c < l.size(); c++) {
                int[] rgb = l.rgb(r, c);
                g.setColor(new Color(rgb[0], rgb[1], rgb[2]));
                g.fillRect(l.cellX(c), l.cellY(r), cell, cell);
                g.setColor(Color.WHITE);
                g.drawRect(l.cellX(c), l.cellY(r), cell, cell);
                g.setColor(l.darkCell(r, c) ? Color.WHITE : new Color(0x222222));
                centred(g, Long.toString(matrix[r][c]), l.cellX(c) + cell / 2.0, l.cellY(r) + cell / 2.0 + 4);
            }
            g.setColor(Color.BLACK);
            String name = names.get(r);
            g.drawString(name, ConfusionLayout.LEFT - 6 - g.getFontMetrics().stringWidth(name),
                    l.cellY(r) + cell / 2 + 4);
            AffineTransform saved = g.getTransform();
            g.translate(l.cellX(r) + cell / 2.0 + 4, ConfusionLayout.TOP - 6);
            g.rotate(Math.toRadians(-60));
            g.drawString(name, 0, 0);
            g.setTransform(saved);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString("rows: true class", 12, 18);
        g.drawString("columns: predicted", 12, 34);
        g.dispose();
        return image;
    }

    /** Writes {@code image} as PNG to {@code target}, atomically. */
    public static void write(BufferedImage image, Location target) throws IOException {
        target.writeAtomically(encode(image));
    }

    /** {@code image} as PNG bytes. */
    public static byte[] encode(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer available in this Java runtime");
        }
        return out.toByteArray();
    }

    private static void drawLine(Graphics2D g, LineChart chart, int width, int height) {
        ChartFrame f = new ChartFrame(chart, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        centred(g, chart.title(), width / 2.0, 18);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (double t : f.yTicks) {
            int y = (int) Math.round(f.py(t));
            g.setColor(new Color(0xe4e4e4));
            g.drawLine(f.plotLeft(), y, f.plotRight(), y);
            g.setColor(Color.DARK_GRAY);
            String label = ChartFrame.label(t, f.yTicks);
            g.drawString(label, f.plotLeft() - 6 - g.getFontMetrics().stringWidth(label), y + 4);
        }
        for (double t : f.xTicks) {
            int x = (int) Math.round(f.px(t));
            g.setColor(new Color(0xf0f0f0));
            g.drawLine(x, f.plotTop(), x, f.plotBottom());
            g.setColor(Color.DARK_GRAY);
            centred(g, ChartFrame.label(t, f.xTicks), x, f.plotBottom() + 16);
        }
        g.setColor(new Color(0x888888));
        g.drawRect(f.plotLeft(), f.plotTop(), f.plotRight() - f.plotLeft(), f.plotBottom() - f.plotTop());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        centred(g, chart.xLabel(), (f.plotLeft() + f.plotRight()) / 2.0, height - 10);
        AffineTransform saved = g.getTransform();
        g.translate(16, (f.plotTop() + f.plotBottom()) / 2.0);
        g.rotate(-Math.PI / 2);
        centred(g, chart.yLabel(), 0, 0);
        g.setTransform(saved);
        drawSeries(g, chart, f);
    }

    private static void drawSeries(Graphics2D g, LineChart chart, ChartFrame f) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i < chart.series().size(); i++) {
            LineChart.Series s = chart.series().get(i);
            Color color = Color.decode(s.color());
            g.setColor(color);
            g.setStroke(new BasicStroke(2f));
            for (double[] seg : f.segments(s)) {
                Path2D.Double path = new Path2D.Double();
                path.moveTo(seg[0], seg[1]);
                for (int p = 2; p < seg.length; p += 2) {
                    path.lineTo(seg[p], seg[p + 1]);
                }
                g.draw(path);
            }
            int[] at = f.legend().get(i);
            g.setStroke(new BasicStroke(3f));
            g.drawLine(at[0], at[1] - 4, at[0] + 20, at[1] - 4);
            g.setColor(Color.BLACK);
            g.drawString(s.name(), at[0] + 26, at[1]);
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static void centred(Graphics2D g, String text, double x, double y) {
        FontMetrics m = g.getFontMetrics();
        g.drawString(text, (float) (x - m.stringWidth(text) / 2.0), (float) y);
    }

    private static BufferedImage canvas(int width, int height) {
        return new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    }

    private static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        return g;
    }
}
