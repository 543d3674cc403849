package io.fashionspark.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.data.LabeledImages;
import io.fashionspark.score.GrayImage;
import io.fashionspark.score.ImageDecoder;
import io.fashionspark.score.ImagePreprocessor;
import io.fashionspark.score.PngExporter;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Photo sets: sizes, margins, colours, formats, label folders, determinism and reuse. */
class PhotoSetsTest {
    private static final int COUNT = 10;
    /** Tolerance of the measured item box: bicubic enlargement softens each edge by a pixel or two. */
    private static final int SOFT = 3;
    @TempDir
    static Path tmp;
    static LabeledImages source;
    static Path dir;

    /** Light rectangles on black, of a different aspect ratio per image: items whose true box is known. */
    static LabeledImages rectangles(int count) {
        byte[] pixels = new byte[count * LabeledImages.PIXELS];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) (i % 10);
            int w = 6 + 2 * (i % 10);
            int h = i % 2 == 0 ? 26 : 12;
            for (int y = 1; y < 1 + h; y++) {
                for (int x = 2; x < 2 + w; x++) {
                    pixels[i * LabeledImages.PIXELS + y * 28 + x] = (byte) (150 + (x * 7 + y * 3) % 100);
                }
            }
        }
        return new LabeledImages("rectangles", 28, 28, pixels, labels);
    }

    @BeforeAll
    static void writeSets() throws IOException {
        source = rectangles(COUNT);
        dir = tmp.resolve("photos");
        PhotoSets.write(source, COUNT, 5, PhotoStyle.standard(), dir);
    }

    private static Map<Integer, Path> files(String set) throws IOException {
        Map<Integer, Path> byIndex = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir.resolve(set))) {
            walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("_"))
                    .forEach(p -> byIndex.put(Integer.parseInt(p.getFileName().toString().split("\\.")[0]), p));
        }
        return byIndex;
    }

    /** The box of pixels that differ from the photo's corner by more than 40 grey levels. */
    private static int[] itemBox(BufferedImage photo) {
        GrayImage grey = ImageDecoder.toGray(photo);
        return ImagePreprocessor.contentBox(grey, ImagePreprocessor.cornerLevel(grey), 40);
    }

    @Test
    void everySetHoldsOneRgbFileOfItsFormatPerImageInItsLabelFolder() throws IOException {
        for (PhotoStyle style : PhotoStyle.standard()) {
            Map<Integer, Path> files = files(style.name());
            assertEquals(COUNT, files.size(), style.name());
            assertTrue(Files.isRegularFile(dir.resolve(style.name()).resolve(PhotoSets.MANIFEST)), style.name());
            for (Map.Entry<Integer, Path> f : files.entrySet()) {
                assertEquals(source.label(f.getKey()), PngExporter.labelOf(f.getValue()), f.getValue().toString());
                assertTrue(f.getValue().toString().endsWith("." + style.extension()), f.getValue().toString());
                byte[] bytes = Files.readAllBytes(f.getValue());
                assertNotNull(ImageDecoder.decode(f.getValue().toString(), bytes));
                BufferedImage photo = ImageIO.read(f.getValue().toFile());
                assertEquals(3, photo.getColorModel().getNumColorComponents(), f.getValue().toString());
                assertFalse(photo.getWidth() == 28 && photo.getHeight() == 28, f.getValue().toString());
            }
        }
    }

    @Test
    void itemsHaveTheirSetsSizeAndMarginsAndADarkSaturatedColour() throws IOException {
        for (PhotoStyle style : PhotoStyle.standard()) {
            for (Path file : files(style.name()).values()) {
                BufferedImage photo = ImageIO.read(file.toFile());
                int[] box = itemBox(photo);
                int w = box[2] - box[0] + 1;
                int h = box[3] - box[1] + 1;
                int edge = Math.max(w, h);
                String where = style.name() + " " + file.getFileName() + " " + photo.getWidth() + "x"
                        + photo.getHeight() + " box " + w + "x" + h;
                assertTrue(edge >= style.edgeMin() - SOFT && edge <= style.edgeMax() + SOFT, where);
                int[] margins = {box[0], photo.getWidth() - 1 - box[2], box[1], photo.getHeight() - 1 - box[3]};
                for (int m : margins) {
                    assertTrue(m >= style.marginMin() * edge - SOFT && m <= style.marginMax() * edge + SOFT, where);
                }
                int rgb = photo.getRGB((box[0] + box[2]) / 2, (box[1] + box[3]) / 2);
                int[] c = {(rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF};
                int spread = Math.max(c[0], Math.max(c[1], c[2])) - Math.min(c[0], Math.min(c[1], c[2]));
                assertTrue(spread > 20 && PhotoRenderer.luma(c) < 200, where + " centre " + List.of(c[0], c[1], c[2]));
            }
        }
    }

    @Test
    void theCanvasHasAnotherAspectRatioThanTheItemUnlessItHasNoMargins() throws IOException {
        int differs = 0;
        for (Path file : files("clean-png").values()) {
            BufferedImage photo = ImageIO.read(file.toFile());
            int[] box = itemBox(photo);
            double item = (box[2] - box[0] + 1.0) / (box[3] - box[1] + 1);
            differs += Math.abs(item - (double) photo.getWidth() / photo.getHeight()) > 0.05 ? 1 : 0;
        }
        assertTrue(differs >= COUNT / 2, differs + " of " + COUNT);
        for (Path file : files("no-margins").values()) {
            BufferedImage photo = ImageIO.read(file.toFile());
            int[] box = itemBox(photo);
            assertTrue(box[0] <= 1 && box[1] <= 1 && box[2] >= photo.getWidth() - 2 && box[3] >= photo.getHeight() - 2,
                    file + ": box " + List.of(box[0], box[1], box[2], box[3]));
        }
    }

    @Test
    void backgroundsAreWhiteGreyOrTexturedAsTheSetSays() throws IOException {
        for (Path file : files("clean-png").values()) {
            assertEquals(0xFFFFFF, ImageIO.read(file.toFile()).getRGB(0, 0) & 0xFFFFFF, file.toString());
        }
        for (Path file : files("grey-background").values()) {
            int corner = ImagePreprocessor.cornerLevel(ImageDecoder.toGray(ImageIO.read(file.toFile())));
            assertTrue(corner >= 205 && corner <= 252, file + ": corner " + corner);
        }
        for (Path file : files("paper-noise").values()) {
            BufferedImage photo = ImageIO.read(file.toFile());
            int min = 255;
            int max = 0;
            for (int x = 0; x < photo.getWidth(); x++) {
                int v = photo.getRGB(x, 0) & 0xFF;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            assertTrue(max - min >= 8 && min >= 200, file + ": top row " + min + "-" + max);
        }
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOthers() throws IOException {
        List<PhotoStyle> two = List.of(PhotoStyle.named("clean-jpeg75"), PhotoStyle.named("paper-noise"));
        PhotoSets.write(source, COUNT, 5, two, tmp.resolve("again"));
        PhotoSets.write(source, COUNT, 6, two, tmp.resolve("other"));
        for (PhotoStyle style : two) {
            Map<Integer, Path> first = files(style.name());
            for (Map.Entry<Integer, Path> f : first.entrySet()) {
                Path rel = dir.resolve(style.name()).relativize(f.getValue());
                byte[] bytes = Files.readAllBytes(f.getValue());
                assertArrayEquals(bytes, Files.readAllBytes(tmp.resolve("again").resolve(style.name()).resolve(rel)));
                assertFalse(java.util.Arrays.equals(bytes,
                        Files.readAllBytes(tmp.resolve("other").resolve(style.name()).resolve(rel))), rel.toString());
            }
        }
    }

    @Test
    void setsThatShareASceneDifferOnlyInEncoding() throws IOException {
        Path png = files("clean-png").get(0);
        Path jpeg = files("clean-jpeg95").get(0);
        BufferedImage a = ImageIO.read(png.toFile());
        BufferedImage b = ImageIO.read(jpeg.toFile());
        assertEquals(a.getWidth(), b.getWidth());
        assertEquals(a.getHeight(), b.getHeight());
        int[] box = itemBox(a);
        int pa = a.getRGB((box[0] + box[2]) / 2, (box[1] + box[3]) / 2);
        int pb = b.getRGB((box[0] + box[2]) / 2, (box[1] + box[3]) / 2);
        for (int shift = 0; shift <= 16; shift += 8) {
            assertTrue(Math.abs(((pa >> shift) & 0xFF) - ((pb >> shift) & 0xFF)) <= 12, Integer.toHexString(pa ^ pb));
        }
    }

    @Test
    void anExistingMatchingSetIsReusedAndADifferentOneRefused() throws IOException {
        List<PhotoStyle> small = List.of(PhotoStyle.named("small"));
        long before = Files.getLastModifiedTime(files("small").get(0)).toMillis();

        List<PhotoSets.Outcome> again = PhotoSets.write(source, COUNT, 5, small, dir);
        IllegalArgumentException otherCount = assertThrows(IllegalArgumentException.class,
                () -> PhotoSets.write(source, COUNT - 1, 5, small, dir));
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> PhotoSets.write(source, COUNT + 1, 5, small, tmp.resolve("x")));

        assertTrue(again.get(0).reused());
        assertEquals(before, Files.getLastModifiedTime(files("small").get(0)).toMillis());
        assertTrue(otherCount.getMessage().startsWith("--photo-dir: "), otherCount.getMessage());
        assertTrue(tooMany.getMessage().startsWith("--photo-count: expected 1 to 10, found 11"), tooMany.getMessage());
        try (Stream<Path> names = Files.list(dir)) {
            assertTrue(names.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no partial folder left");
        }
    }

    @Test
    void theFigureShowsEachDrawnItemAsPhotoPadAndTrim() {
        BufferedImage figure = PhotoFigure.render(7);
        BufferedImage again = PhotoFigure.render(7);

        assertEquals(4, PhotoFigure.items().size());
        assertTrue(figure.getWidth() > 3 * 28 * PhotoFigure.ZOOM && figure.getHeight() > 4 * 28 * PhotoFigure.ZOOM);
        assertArrayEquals(figure.getRGB(0, 0, figure.getWidth(), figure.getHeight(), null, 0, figure.getWidth()),
                again.getRGB(0, 0, again.getWidth(), again.getHeight(), null, 0, again.getWidth()));
        for (GrayImage item : PhotoFigure.items()) {
            assertNotNull(ImagePreprocessor.contentBox(item, 0, 20));
        }
    }
}
