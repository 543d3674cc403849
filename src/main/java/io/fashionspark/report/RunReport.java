package io.fashionspark.report;

import io.fashionspark.data.LabeledImages;
import io.fashionspark.files.Location;
import io.fashionspark.model.Classifier;
import io.fashionspark.run.RunReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes report pages and their PNG twins, each file atomically. Beside {@code report.html} the
 * PNGs are {@code curves.png}, {@code learning-rate.png} and {@code confusion.png}; beside any
 * other page {@code NAME.html} they are {@code NAME-curves.png} and so on.
 */
public final class RunReport {
    /** The report page of a run folder. */
    public static final String HTML = "report.html";
    /** Loss and validation accuracy curves. */
    public static final String CURVES_PNG = "curves.png";
    /** The learning-rate schedule. */
    public static final String LEARNING_RATE_PNG = "learning-rate.png";
    /** The confusion matrix. */
    public static final String CONFUSION_PNG = "confusion.png";
    /** Default file name of a comparison page. */
    public static final String COMPARE_HTML = "report-compare.html";

    private RunReport() {
    }

    /**
     * Writes {@code report.html} and its PNGs into the finished run folder {@code dir}, from its
     * files, with an image grid predicted by {@code model} over {@code test} on the driver.
     *
     * @return the page written
     */
    public static Location writeRun(Location dir, Classifier model, LabeledImages test) throws IOException {
        ReportContent content = ReportContent.of(RunReader.read(dir, true))
                .withGrid(ImageGrid.of(model, test, ImageGrid.SIZE));
        return write(content, dir.resolve(HTML));
    }

    /** Writes the page of {@code content} to {@code html} and its PNG twins beside it; returns {@code html}. */
    public static Location write(ReportContent content, Location html) throws IOException {
        List<String> pngs = new ArrayList<>();
        if (!content.epochs().isEmpty()) {
            png(PngCharts.lines(List.of(Curves.loss(content.epochs()), Curves.accuracy(content.epochs())),
                    ReportPage.CHART_WIDTH, ReportPage.CHART_HEIGHT), html, CURVES_PNG, pngs);
            png(PngCharts.lines(List.of(Curves.learningRate(content.epochs())), ReportPage.CHART_WIDTH,
                    ReportPage.CHART_HEIGHT), html, LEARNING_RATE_PNG, pngs);
        }
        if (content.test() != null) {
            png(PngCharts.confusion(content.test().confusionMatrix(), content.test().classNames()), html,
                    CONFUSION_PNG, pngs);
        }
        html.writeAtomically(ReportPage.html(content, pngs).getBytes(StandardCharsets.UTF_8));
        return html;
    }

    /** Writes the comparison page of {@code runs} to {@code html}; returns it. */
    public static Location writeComparison(List<ReportContent> runs, Location html) throws IOException {
        html.writeAtomically(ComparePage.html(runs).getBytes(StandardCharsets.UTF_8));
        return html;
    }

    /** Where the PNG {@code name} of page {@code html} goes (see the class comment). */
    public static Location pngBeside(Location html, String name) {
        String page = html.name();
        if (page.equals(HTML)) {
            return html.parent().resolve(name);
        }
        String stem = page.contains(".") ? page.substring(0, page.lastIndexOf('.')) : page;
        return html.parent().resolve(stem + "-" + name);
    }

    private static void png(BufferedImage image, Location html, String name, List<String> written) throws IOException {
        Location target = pngBeside(html, name);
        PngCharts.write(image, target);
        written.add(target.name());
    }
}
