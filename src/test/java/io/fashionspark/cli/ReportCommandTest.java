package io.fashionspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.report.Curves;
import io.fashionspark.report.ImageGrid;
import io.fashionspark.report.SyntheticRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report}: rebuilding a run's page, comparing runs, and refusing bad input with exit 2. */
class ReportCommandTest {
    @TempDir
    static Path tmp;
    static Path data;
    static Path run;
    static Path other;

    @BeforeAll
    static void writeRuns() throws Exception {
        data = tmp.resolve("data");
        run = SyntheticRun.write(tmp.resolve("runs/a"), data, 3, 0.01);
        other = SyntheticRun.write(tmp.resolve("runs/b"), tmp.resolve("data-b"), 5, 0.005);
    }

    @Test
    void rebuildsTheReportOfARunFolderWithItsImageGrid() throws Exception {
        CliRun r = CliRun.of("report", run.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("report.html (" + ImageGrid.SIZE + " test images shown)"), r.out());
        String html = Files.readString(run.resolve("report.html"));
        assertEquals(ImageGrid.SIZE, html.split("<img ", -1).length - 1);
        for (String png : List.of("curves.png", "learning-rate.png", "confusion.png")) {
            assertTrue(Files.size(run.resolve(png)) > 1000, png);
        }
    }

    @Test
    void withoutReadableTestDataTheReportOmitsTheGridAndSaysWhy() throws Exception {
        Path moved = tmp.resolve("runs/moved");
        Files.createDirectories(moved);
        for (String f : List.of("config.properties", "metrics.jsonl", "test-report.json", "model.zip")) {
            Files.copy(run.resolve(f), moved.resolve(f));
        }
        String config = Files.readString(moved.resolve("config.properties"));
        Files.writeString(moved.resolve("config.properties"),
                config.replaceAll("(?m)^data\\.dir=.*$", "data.dir=" + tmp.resolve("gone").toString().replace("\\", "/")));
        CliRun r = CliRun.of("report", moved.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("no image grid: the test files are not readable in " + tmp.resolve("gone")), r.out());
        String html = Files.readString(moved.resolve("report.html"));
        assertTrue(html.contains("No image grid: the test files are not readable"), "the page says why");
        assertFalse(html.contains("<img "));
        assertTrue(html.contains("<svg id=\"" + Curves.LOSS_ID + "\""), "the rest of the report is there");
    }

    @Test
    void twoRunsGiveOneComparisonPage() throws Exception {
        Path page = tmp.resolve("cmp/compare.html");
        CliRun r = CliRun.of("report", run.toString(), other.toString(), "--out", page.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("comparison of 2 runs: " + page), r.out());
        String html = Files.readString(page);
        assertTrue(html.contains("<svg id=\"" + Curves.COMPARE_ACCURACY_ID + "\""));
        assertTrue(html.contains("<svg id=\"" + Curves.COMPARE_LOSS_ID + "\""));
        assertTrue(html.contains(">a<") && html.contains(">b<"), "lines labelled by folder name");
    }

    @Test
    void aMissingFolderIsBadInputOnOneLine() {
        Path missing = tmp.resolve("runs/none");
        CliRun r = CliRun.of("report", missing.toString());
        assertEquals(2, r.exitCode());
        assertEquals("report: " + missing + ": no such run folder", r.err().strip());
    }

    @Test
    void aFolderThatIsNotARunIsBadInputAndNothingIsWritten() throws Exception {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        CliRun r = CliRun.of("report", run.toString(), plain.toString(), "--out", tmp.resolve("x.html").toString());
        assertEquals(2, r.exitCode());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("not a run folder (expected config.properties in it)"), r.err());
        assertFalse(Files.exists(tmp.resolve("x.html")));
    }

    @Test
    void noRunFolderIsAUsageError() {
        assertEquals(2, CliRun.of("report").exitCode());
    }

    @Test
    void durationsReadLikeAClock() {
        assertEquals("45s", ConsoleReport.duration(44.6));
        assertEquals("2m05s", ConsoleReport.duration(125));
        assertEquals("1h02m", ConsoleReport.duration(3725));
    }

    @Test
    void progressBarOnlyOnAnInteractiveTerminal() {
        assertTrue(EpochProgress.interactive(Map.of("TERM", "xterm-256color"), true));
        assertFalse(EpochProgress.interactive(Map.of("TERM", "xterm-256color"), false), "stdout is a file or pipe");
        assertFalse(EpochProgress.interactive(Map.of("TERM", "dumb"), true));
        assertFalse(EpochProgress.interactive(Map.of(), true));
        assertFalse(EpochProgress.interactive(Map.of("TERM", "xterm", "CI", "true"), true));
    }
}
