package io.fashionspark.score;

import io.fashionspark.data.LabeledImages;
import java.awt.image.BufferedImage;
import io.fashionspark.files.Location;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Writes IDX images as 8-bit grey PNG files named {@code <label>/<index>.png}, so each file's
 * label can be read back from its folder ({@link #labelOf}). The index is the image's position
 * in the IDX file, zero-padded to at least five digits ({@code 3/00042.png}). The PNG samples are
 * the IDX bytes unchanged. Runs on the driver, no Spark job; the folder may be on any file system.
 */
public final class PngExporter {
    /** Minimum digits of the index in a file name. */
    public static final int MIN_DIGITS = 5;

    private PngExporter() {
    }

    /**
     * Writes the first {@code limit} images of {@code images} (all if there are fewer) under {@code dir}.
     *
     * @return the number of files written
     * @throws IOException if a file cannot be written
     */
    public static int export(LabeledImages images, int limit, Location dir) throws IOException {
        int n = Math.min(limit, images.count());
        int digits = Math.max(MIN_DIGITS, String.valueOf(Math.max(0, images.count() - 1)).length());
        dir.mkdirs();
        for (int i = 0; i < n; i++) {
            Location file = dir.resolve(relativeName(images.label(i), i, digits));
            try (OutputStream out = file.createFast()) {
                if (!ImageIO.write(toImage(images.image(i), images.cols(), images.rows()), "png", out)) {
                    throw new IOException(file.name() + ": no PNG writer in this JVM");
                }
            }
        }
        return n;
    }

    /** {@code <label>/<index>.png} with the index zero-padded to {@code digits}. */
    public static String relativeName(int label, int index, int digits) {
        return label + "/" + String.format(Locale.ROOT, "%0" + digits + "d", index) + ".png";
    }

    /**
     * The label of a file written by {@link #export}: its folder's name.
     *
     * @throws IllegalArgumentException if the folder's name is not a label 0-9
     */
    public static int labelOf(Path file) {
        Path parent = file.getParent();
        String name = parent == null ? "" : parent.getFileName().toString();
        if (!name.matches("[0-9]")) {
            throw new IllegalArgumentException(file + ": expected a file in a folder named 0-9, found folder '"
                    + name + "'");
        }
        return Integer.parseInt(name);
    }

    /** An 8-bit grey image holding {@code pixels} (row by row) as its samples. */
    public static BufferedImage toImage(byte[] pixels, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, width, height, pixels);
        return image;
    }
}
