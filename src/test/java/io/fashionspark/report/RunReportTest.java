package io.fashionspark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.data.IdxReader;
import io.fashionspark.data.InvalidDataException;
import io.fashionspark.data.LabeledImages;
import io.fashionspark.files.Location;
import io.fashionspark.model.ModelStore;
import io.fashionspark.run.RunReader;
import io.fashionspark.run.RunRecord;
import io.fashionspark.testing.LocalFiles;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.html and its PNGs from a run folder's files, and the reading of those files. */
class RunReportTest {
    @TempDir
    static Path tmp;
    static Path run;
    static String html;

    @BeforeAll
    static void writeReport() throws Exception {
        Path data = tmp.resolve("data");
        run = SyntheticRun.write(tmp.resolve("runs/small"), data, 4, 0.01);
        LabeledImages test = IdxReader.read(LocalFiles.of(data.resolve("t10k-images-idx3-ubyte.gz")),
                LocalFiles.of(data.resolve("t10k-labels-idx1-ubyte.gz")), 10);
        RunReport.writeRun(LocalFiles.of(run), ModelStore.load(LocalFiles.of(run.resolve("model.zip"))), test);
        html = Files.readString(run.resolve(RunReport.HTML));
    }

    @Test
    void pageHoldsEveryChartTheGridAndTheTables() {
        for (String id : List.of(Curves.LOSS_ID, Curves.ACCURACY_ID, Curves.LEARNING_RATE_ID, ReportPage.CONFUSION_ID)) {
            assertTrue(html.contains("<svg id=\"" + id + "\""), id);
        }
        assertEquals(ImageGrid.SIZE, count(html, "<img "));
        assertTrue(html.contains("image-rendering: pixelated"));
        for (String text : List.of("Per class", "precision", "Ankle boot", "Provenance", "Configuration",
                "data.dir", "spark_version", "split seed")) {
            assertTrue(html.contains(text), text);
        }
    }

    @Test
    void pageIsSelfContained() {
        assertFalse(html.contains("<script"), "no scripts");
        assertFalse(html.contains("<link"), "no external style sheets");
        Matcher sources = Pattern.compile("src=\"([^\"]*)\"").matcher(html);
        while (sources.find()) {
            assertTrue(sources.group(1).startsWith("data:image/png;base64,"), sources.group(1));
        }
        assertFalse(html.contains("url("), "no external fonts or images in CSS");
    }

    @Test
    void pngTwinsAreWrittenBesideThePage() throws Exception {
        for (String png : List.of(RunReport.CURVES_PNG, RunReport.LEARNING_RATE_PNG, RunReport.CONFUSION_PNG)) {
            BufferedImage image = ImageIO.read(run.resolve(png).toFile());
            assertTrue(image.getWidth() > 300 && image.getHeight() > 300, png);
            assertTrue(html.contains("href=\"" + png + "\""), png);
        }
        try (var files = Files.list(run)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary files left");
        }
    }

    @Test
    void pngNamesFollowThePageName() {
        assertEquals(LocalFiles.of(Path.of("/x/curves.png")),
                RunReport.pngBeside(LocalFiles.of(Path.of("/x/report.html")), "curves.png"));
        assertEquals(LocalFiles.of(Path.of("/x/eval-confusion.png")),
                RunReport.pngBeside(LocalFiles.of(Path.of("/x/eval.html")), "confusion.png"));
    }

    @Test
    void readsOlderMetricsLinesAndIgnoresUnknownFields() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("old"));
        Files.copy(run.resolve("config.properties"), dir.resolve("config.properties"));
        Files.writeString(dir.resolve("metrics.jsonl"), "{\"epoch\":0,\"train_loss\":1.0,\"val_loss\":0.5,"
                + "\"val_accuracy\":0.8,\"learning_rate\":0.01,\"seconds\":3.0,\"new_field\":[1]}\n");
        RunRecord c = RunReader.read(LocalFiles.of(dir), false);
        assertEquals(1, c.epochs().size());
        assertEquals(0.8, c.epochs().get(0).valAccuracy());
        assertEquals(null, c.test());
    }

    @Test
    void refusesFoldersThatAreNotFinishedRuns() throws Exception {
        NoSuchFileException missing = assertThrows(NoSuchFileException.class,
                () -> RunReader.read(LocalFiles.of(tmp.resolve("nowhere")), true));
        assertTrue(missing.getReason().contains("no such run folder"), missing.getReason());
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        NoSuchFileException notRun = assertThrows(NoSuchFileException.class,
                () -> RunReader.read(LocalFiles.of(plain), true));
        assertTrue(notRun.getReason().contains("config.properties"), notRun.getReason());
        Path unfinished = Files.createDirectories(tmp.resolve("unfinished"));
        Files.copy(run.resolve("config.properties"), unfinished.resolve("config.properties"));
        NoSuchFileException noTest = assertThrows(NoSuchFileException.class,
                () -> RunReader.read(LocalFiles.of(unfinished), true));
        assertTrue(noTest.getReason().contains("test-report.json"), noTest.getReason());
    }

    @Test
    void malformedFilesAreInvalidDataNamingTheFile() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("broken"));
        Files.copy(run.resolve("config.properties"), dir.resolve("config.properties"));
        Files.writeString(dir.resolve("test-report.json"), "{\"accuracy\": ");
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> RunReader.read(LocalFiles.of(dir), true));
        assertTrue(e.getMessage().startsWith("test-report.json: "), e.getMessage());
        Files.writeString(dir.resolve("test-report.json"), "{\"accuracy\": 0.5}");
        e = assertThrows(InvalidDataException.class, () -> RunReader.read(LocalFiles.of(dir), true));
        assertTrue(e.getMessage().contains("confusion_matrix"), e.getMessage());
        Files.delete(dir.resolve("test-report.json"));
        Files.writeString(dir.resolve("metrics.jsonl"), "{\"epoch\":0}\nnot json\n");
        e = assertThrows(InvalidDataException.class, () -> RunReader.read(LocalFiles.of(dir), false));
        assertTrue(e.getMessage().startsWith("metrics.jsonl: line 2: "), e.getMessage());
    }

    @Test
    void comparisonPageHasOneLinePerRunOnEachChart() throws Exception {
        Path other = SyntheticRun.write(tmp.resolve("runs/other"), tmp.resolve("data2"), 3, 0.002);
        Location page = RunReport.writeComparison(List.of(ReportContent.of(RunReader.read(LocalFiles.of(run), false)),
                ReportContent.of(RunReader.read(LocalFiles.of(other), false)))
                , LocalFiles.of(tmp.resolve("compare.html")));
        String compare = Files.readString(page.localPath());
        for (String id : List.of(Curves.COMPARE_ACCURACY_ID, Curves.COMPARE_LOSS_ID)) {
            int start = compare.indexOf("<svg id=\"" + id + "\"");
            assertTrue(start >= 0, id);
            String svg = compare.substring(start, compare.indexOf("</svg>", start));
            assertEquals(2, count(svg, "<polyline"), id);
            assertTrue(svg.contains(">small<") && svg.contains(">other<"), "legend names the folders");
        }
        assertTrue(compare.contains("optimizer.learning.rate"), "settings that differ");
    }

    static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
