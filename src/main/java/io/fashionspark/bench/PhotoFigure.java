package io.fashionspark.bench;

import io.fashionspark.files.Location;
import io.fashionspark.score.FitMode;
import io.fashionspark.score.GrayImage;
import io.fashionspark.score.ImageDecoder;
import io.fashionspark.score.ImagePreprocessor;
import io.fashionspark.score.InvertMode;
import io.fashionspark.score.PrepareOptions;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Arc2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;

/**
 * The documentation's figure of photo preparation, made without any dataset image: four items
 * drawn with Java2D (a T-shirt, a trouser, a shoe, a bag) become photos as in the photo sets
 * ({@link PhotoRenderer}, the {@code clean-png} style), and each row shows the photo, its 28x28
 * input with {@code --fit pad} and with {@code --fit trim}, both enlarged four times.
 */
public final class PhotoFigure {
    /** Side of a drawn item in pixels. */
    static final int ITEM = 140;
    /** Enlargement of the 28x28 inputs in the figure. */
    static final int ZOOM = 4;
    private static final int CELL = 168;
    private static final int GAP = 16;
    private static final int HEAD = 28;
    private static final List<String> HEADINGS = List.of("photo", "pad (old default)", "trim (new default)");

    private PhotoFigure() {
    }

    /** Writes the figure as PNG to {@code target}, atomically. */
    public static void write(Location target, long seed) throws IOException {
        target.writeAtomically(PhotoSets.encode(render(seed), 0));
    }

    /** The figure: one row per drawn item, columns photo | pad | trim. */
    public static BufferedImage render(long seed) {
        List<GrayImage> items = items();
        int width = GAP + 3 * (CELL + GAP);
        int height = HEAD + items.size() * (CELL + GAP);
        BufferedImage figure = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = figure.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.setColor(Color.DARK_GRAY);
        for (int c = 0; c < HEADINGS.size(); c++) {
            g.drawString(HEADINGS.get(c), GAP + c * (CELL + GAP), HEAD - 10);
        }
        PhotoStyle style = PhotoStyle.named("clean-png");
        for (int i = 0; i < items.size(); i++) {
            BufferedImage photo = PhotoRenderer.render(items.get(i), style, PhotoSets.random(seed, "figure", i));
            GrayImage grey = ImageDecoder.toGray(photo);
            int y = HEAD + i * (CELL + GAP);
            drawFitted(g, photo, GAP, y);
            int x = GAP + CELL + GAP;
            for (FitMode fit : List.of(FitMode.PAD, FitMode.TRIM)) {
                byte[] input = ImagePreprocessor.prepare(grey, new PrepareOptions(InvertMode.AUTO, fit, false)).pixels();
                g.drawImage(zoomed(input), x + (CELL - 28 * ZOOM) / 2, y + (CELL - 28 * ZOOM) / 2, null);
                x += CELL + GAP;
            }
        }
        g.dispose();
        return figure;
    }

    /** Draws {@code photo} scaled to fit a cell, with a thin frame showing its edges. */
    private static void drawFitted(Graphics2D g, BufferedImage photo, int x, int y) {
        double s = Math.min(1.0, (double) CELL / Math.max(photo.getWidth(), photo.getHeight()));
        int w = (int) Math.round(photo.getWidth() * s);
        int h = (int) Math.round(photo.getHeight() * s);
        int left = x + (CELL - w) / 2;
        int top = y + (CELL - h) / 2;
        g.drawImage(photo, left, top, w, h, null);
        g.setColor(Color.LIGHT_GRAY);
        g.drawRect(left - 1, top - 1, w + 1, h + 1);
    }

    /** 28x28 grey levels enlarged {@link #ZOOM} times with nearest-neighbour sampling. */
    private static BufferedImage zoomed(byte[] pixels) {
        int side = 28 * ZOOM;
        BufferedImage out = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int v = pixels[(y / ZOOM) * 28 + x / ZOOM] & 0xFF;
                out.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        return out;
    }

    /** The drawn items, light on black like Fashion-MNIST: a T-shirt, a trouser, a shoe and a bag. */
    static List<GrayImage> items() {
        return List.of(item(tShirt(), null), item(trouser(), null), item(shoe(), null), item(bag(), bagHandle()));
    }

    private static GrayImage item(Shape body, Shape handle) {
        BufferedImage image = new BufferedImage(ITEM, ITEM, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.scale(ITEM / 100.0, ITEM / 100.0);
        // Shading like a photographed item: lighter at the top, darker at the bottom.
        g.setPaint(new GradientPaint(0, 0, new Color(235, 235, 235), 0, 100, new Color(150, 150, 150)));
        g.fill(body);
        if (handle != null) {
            g.setStroke(new BasicStroke(6));
            g.draw(handle);
        }
        // A full-strength contour: the item's edge comes out darkest in the photo, as a seam would.
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(1.5f));
        g.draw(body);
        g.dispose();
        return ImageDecoder.toGray(image);
    }

    private static Shape tShirt() {
        Path2D p = new Path2D.Double();
        p.moveTo(36, 12);
        p.quadTo(50, 26, 64, 12);
        p.lineTo(88, 22);
        p.lineTo(97, 44);
        p.lineTo(77, 50);
        p.lineTo(77, 92);
        p.lineTo(23, 92);
        p.lineTo(23, 50);
        p.lineTo(3, 44);
        p.lineTo(12, 22);
        p.closePath();
        return p;
    }

    private static Shape trouser() {
        Path2D p = new Path2D.Double();
        p.moveTo(30, 4);
        p.lineTo(70, 4);
        p.lineTo(76, 96);
        p.lineTo(56, 96);
        p.lineTo(50, 34);
        p.lineTo(44, 96);
        p.lineTo(24, 96);
        p.closePath();
        return p;
    }

    private static Shape shoe() {
        Path2D p = new Path2D.Double();
        p.moveTo(4, 74);
        p.lineTo(5, 46);
        p.quadTo(18, 50, 30, 40);
        p.lineTo(44, 30);
        p.lineTo(52, 38);
        p.quadTo(70, 52, 92, 58);
        p.quadTo(98, 62, 97, 74);
        p.closePath();
        return p;
    }

    private static Shape bag() {
        return new RoundRectangle2D.Double(12, 38, 76, 56, 10, 10);
    }

    private static Shape bagHandle() {
        return new Arc2D.Double(30, 14, 40, 48, 0, 180, Arc2D.OPEN);
    }
}
