package io.fashionspark.cli;

import io.fashionspark.config.DataConfig;
import io.fashionspark.data.DatasetFiles;
import io.fashionspark.data.IdxReader;
import io.fashionspark.data.LabeledImages;
import io.fashionspark.model.Classifier;
import io.fashionspark.model.ModelFileException;
import io.fashionspark.model.ModelStore;
import io.fashionspark.report.ImageGrid;
import io.fashionspark.report.ReportContent;
import io.fashionspark.report.RunReport;
import io.fashionspark.run.InputFile;
import io.fashionspark.run.RunFolder;
import io.fashionspark.run.RunReader;
import java.io.IOException;
import io.fashionspark.files.Location;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code report}: rebuilds the report page of a run folder from its files (no Spark), or with
 * two or more run folders writes one page comparing their learning curves. Every folder is
 * read and checked before anything is written.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Rebuild report.html (and its PNG charts) of a run folder from its files.",
                "With two or more run folders, write one page comparing their validation curves instead."})
final class ReportCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Run folder(s) written by train. " + PathHelp.HELP)
    List<String> runs;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Page to write. Default: RUN_DIR/report.html for one run, ./report-compare.html for several. "
                    + PathHelp.HELP)
    String out;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    ReportCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        List<Location> dirs = new ArrayList<>();
        List<ReportContent> contents = new ArrayList<>();
        for (String run : runs) {
            Location dir = context.location(run, "RUN_DIR");
            dirs.add(dir);
            contents.add(ReportContent.of(RunReader.read(dir, runs.size() == 1)));
        }
        if (dirs.size() == 1) {
            ReportContent content = withGrid(dirs.get(0), contents.get(0));
            Location page = RunReport.write(content,
                    out != null ? context.location(out, "--out") : dirs.get(0).resolve(RunReport.HTML));
            context.out().println("report: " + page + (content.grid() != null
                    ? " (" + content.grid().images().size() + " test images shown)"
                    : " (no image grid: " + content.gridNote() + ")"));
        } else {
            Location page = RunReport.writeComparison(contents,
                    context.location(out != null ? out : RunReport.COMPARE_HTML, "--out"));
            context.out().println("comparison of " + runs.size() + " runs: " + page);
        }
        context.out().flush();
        return 0;
    }

    /** The content with the image grid, or without it and saying why (no model, no readable test data). */
    private ReportContent withGrid(Location dir, ReportContent content) throws IOException {
        Location model = dir.resolve(RunFolder.MODEL);
        if (!model.isFile()) {
            return content.withoutGrid("no " + RunFolder.MODEL + " in " + dir);
        }
        Classifier classifier;
        try {
            classifier = ModelStore.load(model);
        } catch (ModelFileException e) {
            return content.withoutGrid(e.getMessage());
        }
        Set<Location> candidates = dataFolders(content);
        if (candidates.isEmpty()) {
            return content.withoutGrid(RunFolder.CONFIG + " names no " + DataConfig.DIR);
        }
        LabeledImages test = null;
        String why = null;
        for (Location folder : candidates) {
            try {
                DatasetFiles.Presence p = DatasetFiles.inspect(folder);
                if (!p.isPresent(DatasetFiles.TEST_IMAGES) || !p.isPresent(DatasetFiles.TEST_LABELS)) {
                    why = why != null ? why : "the test files are not readable in " + folder
                            + " (" + DataConfig.DIR + " of " + RunFolder.CONFIG + ")";
                    continue;
                }
                test = IdxReader.read(p.present().get(DatasetFiles.TEST_IMAGES),
                        p.present().get(DatasetFiles.TEST_LABELS), classifier.classes());
                break;
            } catch (IOException | IllegalArgumentException e) {
                why = "the test data in " + folder + " is not readable: " + e.getMessage();
            }
        }
        return test == null ? content.withoutGrid(why) : content.withGrid(ImageGrid.of(classifier, test, ImageGrid.SIZE));
    }

    /**
     * Where the test files may be: the run's data.dir (a plain path relative to the current folder,
     * as train resolved it, or a URI), then the folder of the test images that provenance.json recorded.
     */
    private Set<Location> dataFolders(ReportContent content) throws IOException {
        Set<Location> folders = new LinkedHashSet<>();
        String dir = content.config().get(DataConfig.DIR);
        if (dir != null && !dir.isBlank()) {
            folders.add(context.location(dir, DataConfig.DIR));
        }
        if (content.provenance() != null) {
            for (InputFile input : content.provenance().inputs()) {
                Location p = context.location(input.path(), "provenance.json");
                if (p.name().startsWith(DatasetFiles.TEST_IMAGES) && p.parent() != null) {
                    folders.add(p.parent());
                }
            }
        }
        return folders;
    }
}
