package io.fashionspark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fashionspark.data.IdxReader;
import io.fashionspark.data.LabeledImages;
import io.fashionspark.model.ModelStore;
import io.fashionspark.testing.LocalFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a generated report in headless Chromium from a file:// URL: every chart and the image
 * grid are in the rendered DOM, the browser logs no console message, and the screenshot is not
 * blank. Skipped when /usr/bin/chromium is not installed. The screenshot is kept in the build
 * folder (report-screenshot.png) to look at.
 */
class BrowserRenderTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 120;

    @TempDir
    Path tmp;

    @Test
    void reportRendersInHeadlessChromiumWithEveryChartAndImageAndNoConsoleErrors() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "chromium is not installed");
        Path data = tmp.resolve("data");
        Path run = SyntheticRun.write(tmp.resolve("runs/browser"), data, 6, 0.01);
        LabeledImages test = IdxReader.read(LocalFiles.of(data.resolve("t10k-images-idx3-ubyte.gz")),
                LocalFiles.of(data.resolve("t10k-labels-idx1-ubyte.gz")), 10);
        Path page = RunReport.writeRun(LocalFiles.of(run), ModelStore.load(LocalFiles.of(run.resolve("model.zip"))),
                test).localPath();
        Path screenshot = buildDir().resolve("report-screenshot.png");
        Files.deleteIfExists(screenshot);

        Chrome shot = chromium(page, "--screenshot=" + screenshot, "--window-size=1200,3000");
        assertEquals(0, shot.exitCode, shot.stderr);
        Chrome dom = chromium(page, "--dump-dom");
        assertEquals(0, dom.exitCode, dom.stderr);

        for (String id : List.of(Curves.LOSS_ID, Curves.ACCURACY_ID, Curves.LEARNING_RATE_ID, ReportPage.CONFUSION_ID)) {
            assertTrue(dom.stdout.contains("<svg id=\"" + id + "\""), id + " in the rendered DOM");
        }
        int gridStart = dom.stdout.indexOf("id=\"" + ReportPage.GRID_ID + "\"");
        assertTrue(gridStart >= 0, "image grid in the rendered DOM");
        assertEquals(ImageGrid.SIZE, RunReportTest.count(dom.stdout.substring(gridStart), "<img "));
        for (String line : shot.stderr.lines().toList()) {
            assertTrue(!line.contains(":CONSOLE"), "console message: " + line);
        }
        for (String line : dom.stderr.lines().toList()) {
            assertTrue(!line.contains(":CONSOLE"), "console message: " + line);
        }
        BufferedImage image = ImageIO.read(screenshot.toFile());
        assertEquals(1200, image.getWidth());
        assertTrue(nonWhiteShare(image) > 0.02, "the screenshot shows the page");
    }

    private record Chrome(int exitCode, String stdout, String stderr) {
    }

    private Chrome chromium(Path page, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + Files.createTempDirectory(tmp, "profile"), "--enable-logging=stderr", "--v=0",
                "--hide-scrollbars"));
        command.addAll(List.of(args));
        command.add(page.toUri().toString());
        Path out = Files.createTempFile(tmp, "chromium", ".out");
        Path err = Files.createTempFile(tmp, "chromium", ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("chromium did not finish in " + TIMEOUT_SECONDS + " s: " + Files.readString(err));
        }
        return new Chrome(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static double nonWhiteShare(BufferedImage image) {
        long nonWhite = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) != 0xffffff) {
                    nonWhite++;
                }
            }
        }
        return (double) nonWhite / ((long) image.getWidth() * image.getHeight());
    }

    /** The build folder: the parent of the folder these test classes were loaded from. */
    private static Path buildDir() throws URISyntaxException {
        return Path.of(BrowserRenderTest.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
    }
}
