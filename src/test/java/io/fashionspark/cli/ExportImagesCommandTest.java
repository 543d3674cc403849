package io.fashionspark.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.data.LabeledImages;
import io.fashionspark.score.ImageDecoder;
import io.fashionspark.score.PngExporter;
import io.fashionspark.testing.IdxWriter;
import io.fashionspark.testing.SyntheticFashion;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export-images}: IDX to {@code <label>/<index>.png} and back, bad files, atomic output. */
class ExportImagesCommandTest {
    @TempDir
    Path tmp;

    private LabeledImages writeIdx(int count) throws IOException {
        LabeledImages set = SyntheticFashion.generate(count, 8L);
        SyntheticFashion.write(set, tmp.resolve("images.gz"), tmp.resolve("labels.gz"), true);
        return set;
    }

    private CliRun export(Path output, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("export-images", "--images",
                tmp.resolve("images.gz").toString(), "--labels", tmp.resolve("labels.gz").toString(),
                "--output", output.toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static List<Path> pngs(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private List<String> siblings() throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> !n.endsWith(".gz")).sorted().toList();
        }
    }

    @Test
    void everyPngDecodesToExactlyTheIdxPixelsAndItsPathGivesTheLabel() throws IOException {
        LabeledImages set = writeIdx(120);
        Path out = tmp.resolve("png");

        CliRun run = export(out);

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("exported 120 of 120 images"), run.out());
        List<Path> files = pngs(out);
        assertEquals(120, files.size());
        for (Path file : files) {
            String name = file.getFileName().toString();
            assertTrue(name.matches("\\d{5}\\.png"), name);
            int index = Integer.parseInt(name.substring(0, 5));
            assertEquals(set.label(index), PngExporter.labelOf(out.relativize(file)));
            BufferedImage image = ImageIO.read(file.toFile());
            assertEquals(BufferedImage.TYPE_BYTE_GRAY, image.getType());
            byte[] samples = new byte[784];
            image.getRaster().getDataElements(0, 0, 28, 28, samples);
            assertArrayEquals(set.image(index), samples, name);
            assertArrayEquals(set.image(index), ImageDecoder.decode(name, Files.readAllBytes(file)).pixels(), name);
        }
        assertEquals(List.of("png"), siblings(), "no partial folder remains");
    }

    @Test
    void limitWritesOnlyTheFirstImages() throws IOException {
        LabeledImages set = writeIdx(30);
        Path out = tmp.resolve("png");

        CliRun run = export(out, "--limit", "7");

        assertEquals(0, run.exitCode(), run.err());
        List<String> names = pngs(out).stream().map(f -> out.relativize(f).toString()).sorted().toList();
        List<String> expected = java.util.stream.IntStream.range(0, 7)
                .mapToObj(i -> PngExporter.relativeName(set.label(i), i, 5)).sorted().toList();
        assertEquals(expected, names);
    }

    @Test
    void badIdxFileExitsTwoNamingItAndWritesNothing() throws IOException {
        writeIdx(10);
        IdxWriter.write(tmp.resolve("labels.gz"), 2051, new int[] {10}, new byte[10], true);

        CliRun run = export(tmp.resolve("png"));

        assertEquals(2, run.exitCode(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("labels.gz: expected magic 2049, found 2051"), run.err());
        assertEquals(List.of(), siblings());
    }

    @Test
    void truncatedImageFileExitsTwoNamingIt() throws IOException {
        writeIdx(10);
        byte[] raw = IdxWriter.encode(2051, new int[] {10, 28, 28}, new byte[784 * 9]);
        Files.write(tmp.resolve("images.gz"), IdxWriter.gzip(raw));

        CliRun run = export(tmp.resolve("png"));

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("images.gz: header declares 10 images"), run.err());
        assertEquals(List.of(), siblings());
    }

    @Test
    void existingOutputIsRefusedAndLeftAlone() throws IOException {
        writeIdx(10);
        Path out = Files.createDirectories(tmp.resolve("png"));
        Files.writeString(out.resolve("keep.txt"), "mine");

        CliRun run = export(out);

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("choose another --output"), run.err());
        assertEquals(List.of(out.resolve("keep.txt")), pngs(out));
        assertEquals(List.of("png"), siblings());
    }

    @Test
    void limitBelowOneIsRefused() throws IOException {
        writeIdx(10);

        CliRun run = export(tmp.resolve("png"), "--limit", "0");

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("--limit: expected an integer >= 1, found 0"), run.err());
        assertEquals(List.of(), siblings());
    }
}
