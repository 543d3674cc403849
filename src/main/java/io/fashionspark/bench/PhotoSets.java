package io.fashionspark.bench;

import io.fashionspark.data.Checksums;
import io.fashionspark.data.LabeledImages;
import io.fashionspark.files.JsonFiles;
import io.fashionspark.score.GrayImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Photo-like test sets made from 28x28 light-on-black images (the IDX test set): each image
 * becomes an RGB photo of a dark, coloured item on a light background ({@link PhotoRenderer})
 * and is written as {@code <dir>/<set>/<label>/<index>.<png|jpg>}, so its label is its folder's
 * name. The same source images, count and seed always give the same bytes.
 *
 * <p>Runs on the driver, no Spark; images are rendered on the common fork-join pool. Each set is
 * written into a hidden sibling folder and renamed when complete, with a {@value #MANIFEST}
 * describing it (Spark's file sources skip that name). A set that already exists is kept when its
 * manifest matches (same style, seed, count and source images), refused otherwise.
 */
public final class PhotoSets {
    /** Images per set unless told otherwise: the first 2,000 test images. */
    public static final int DEFAULT_COUNT = 2000;
    /** Seed unless told otherwise. */
    public static final long DEFAULT_SEED = 7L;
    /** File in each set folder that describes how it was made. */
    public static final String MANIFEST = "_set.json";
    /** Version of the rendering: bumped when it changes, so old sets are not taken for new ones. */
    static final int GENERATOR = 1;

    private PhotoSets() {
    }

    /**
     * What {@link #write} did with one set.
     *
     * @param style  the set
     * @param folder its folder
     * @param reused true when an existing, matching set was kept
     */
    public record Outcome(PhotoStyle style, Path folder, boolean reused) {
    }

    /**
     * The {@value #MANIFEST} of a set: what it was made with.
     *
     * @param set           the set's name
     * @param style         {@link PhotoStyle#describe()}
     * @param generator     {@link #GENERATOR}
     * @param seed          the seed
     * @param count         images in the set
     * @param sourceSha256  SHA-256 of the source images' pixels and labels (the first {@code count})
     */
    public record Manifest(String set, String style, int generator, long seed, int count, String sourceSha256) {
        static Manifest of(PhotoStyle style, long seed, int count, String digest) {
            return new Manifest(style.name(), style.describe(), GENERATOR, seed, count, digest);
        }
    }

    /**
     * Writes the first {@code count} images of {@code source} as each of {@code styles} under
     * {@code dir} (created if needed), skipping sets that are already there.
     *
     * @throws IllegalArgumentException naming {@code --photo-count} if {@code count} is not 1 to
     *                                  the source's size, or {@code --photo-dir} if a set exists but
     *                                  was made differently
     * @throws IOException              if a file cannot be written
     */
    public static List<Outcome> write(LabeledImages source, int count, long seed, List<PhotoStyle> styles, Path dir)
            throws IOException {
        if (count < 1 || count > source.count()) {
            throw new IllegalArgumentException("--photo-count: expected 1 to " + source.count() + ", found " + count);
        }
        Files.createDirectories(dir);
        String digest = digest(source, count);
        List<Outcome> outcomes = new ArrayList<>();
        Map<String, List<PhotoStyle>> byScene = new LinkedHashMap<>();
        for (PhotoStyle style : styles) {
            Manifest manifest = Manifest.of(style, seed, count, digest);
            Path folder = dir.resolve(style.name());
            boolean exists = Files.exists(folder);
            if (exists) {
                checkSame(folder, manifest);
            } else {
                byScene.computeIfAbsent(style.scene(), k -> new ArrayList<>()).add(style);
            }
            outcomes.add(new Outcome(style, folder, exists));
        }
        for (List<PhotoStyle> scene : byScene.values()) {
            writeScene(source, count, seed, scene, dir, digest);
        }
        return outcomes;
    }

    /** The photo of image {@code index} in {@code style}: its random draws depend on (seed, scene, index) only. */
    public static BufferedImage photo(LabeledImages source, int index, long seed, PhotoStyle style) {
        GrayImage item = new GrayImage(source.cols(), source.rows(), source.image(index));
        return PhotoRenderer.render(item, style, random(seed, style.scene(), index));
    }

    /** The generator of image {@code index} of {@code scene}. */
    static SplittableRandom random(long seed, String scene, int index) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + scene.hashCode() * 0xBF58476D1CE4E5B9L + index);
    }

    /** The relative file name of image {@code index} with {@code label}: {@code <label>/<index>.<ext>}. */
    public static String fileName(int label, int index, String extension) {
        return String.format(Locale.ROOT, "%d/%05d.%s", label, index, extension);
    }

    private static void writeScene(LabeledImages source, int count, long seed, List<PhotoStyle> styles, Path dir,
                                   String digest) throws IOException {
        List<Path> stages = new ArrayList<>();
        try {
            for (PhotoStyle style : styles) {
                Path stage = dir.resolve("." + style.name() + ".partial");
                deleteTree(stage);
                for (int label = 0; label < 256; label++) {
                    if (hasLabel(source, count, label)) {
                        Files.createDirectories(stage.resolve(Integer.toString(label)));
                    }
                }
                stages.add(stage);
            }
            IntStream.range(0, count).parallel().forEach(i -> {
                BufferedImage photo = photo(source, i, seed, styles.get(0));
                for (int s = 0; s < styles.size(); s++) {
                    PhotoStyle style = styles.get(s);
                    writeFile(stages.get(s).resolve(fileName(source.label(i), i, style.extension())), photo,
                            style.quality());
                }
            });
            for (int s = 0; s < styles.size(); s++) {
                PhotoStyle style = styles.get(s);
                Files.write(stages.get(s).resolve(MANIFEST), JsonFiles.pretty(Manifest.of(style, seed, count, digest)));
                Files.move(stages.get(s), dir.resolve(style.name()));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            for (Path stage : stages) {
                deleteTree(stage);
            }
        }
    }

    private static boolean hasLabel(LabeledImages source, int count, int label) {
        for (int i = 0; i < count; i++) {
            if (source.label(i) == label) {
                return true;
            }
        }
        return false;
    }

    private static void writeFile(Path file, BufferedImage image, int quality) {
        try {
            Files.write(file, encode(image, quality));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code image} as PNG bytes ({@code quality} 0) or JPEG bytes of that quality (1-100). */
    public static byte[] encode(BufferedImage image, int quality) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (quality == 0) {
            ImageIO.write(image, "png", bytes);
            return bytes.toByteArray();
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static void checkSame(Path folder, Manifest expected) throws IOException {
        Path file = folder.resolve(MANIFEST);
        Manifest found = Files.isRegularFile(file) ? JsonFiles.parseLine(Files.readString(file), Manifest.class) : null;
        if (!expected.equals(found)) {
            throw new IllegalArgumentException("--photo-dir: " + folder + " exists but was not made with "
                    + expected + (found == null ? " (no " + MANIFEST + ")" : "; found " + found)
                    + "; choose another --photo-dir or remove it");
        }
    }

    /** SHA-256 of the first {@code count} images' pixels and labels. */
    static String digest(LabeledImages source, int count) {
        return Checksums.sha256Hex(new byte[][] {source.pixels(), source.labels()},
                new int[] {count * source.imageSize(), count});
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
