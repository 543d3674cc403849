package io.fashionspark.cli;

import io.fashionspark.data.IdxReader;
import io.fashionspark.data.LabeledImages;
import io.fashionspark.score.PngExporter;
import io.fashionspark.score.StagedFolder;
import java.io.IOException;
import io.fashionspark.files.Location;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code export-images}: an IDX image/label pair as PNG files named {@code <label>/<index>.png},
 * written atomically (a hidden sibling folder renamed when complete). Runs on this JVM, no Spark.
 */
@Command(name = "export-images", mixinStandardHelpOptions = true,
        description = "Write IDX images as 8-bit grey PNG files <label>/<index>.png (index zero-padded, e.g. 3/00042.png).")
final class ExportImagesCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--images", required = true, paramLabel = "IDX",
            description = "IDX image file (.gz or raw). " + PathHelp.HELP)
    String images;

    @Option(names = "--labels", required = true, paramLabel = "IDX",
            description = "IDX label file (.gz or raw). " + PathHelp.HELP)
    String labels;

    @Option(names = "--output", required = true, paramLabel = "DIR",
            description = "Folder to create; must not exist. " + PathHelp.HELP)
    String output;

    @Option(names = "--limit", paramLabel = "N", description = "Only the first N images (default: all).")
    Integer limit;

    @Mixin
    VerboseOption verbosity;

    ExportImagesCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        verbosity.apply();
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("--limit: expected an integer >= 1, found " + limit);
        }
        Location target = context.location(output, "--output");
        StagedFolder.checkAbsent(target, "--output");
        LabeledImages set = IdxReader.read(context.location(images, "--images"), context.location(labels, "--labels"),
                IdxReader.ANY_LABEL);
        StagedFolder folder = StagedFolder.start(target, "--output");
        try {
            int written = PngExporter.export(set, limit == null ? set.count() : limit, folder.work());
            Location done = folder.commit();
            context.out().printf(Locale.ROOT, "exported %,d of %,d images of %s to %s (<label>/<index>.png)%n", written,
                    set.count(), set.source(), done);
            context.out().flush();
            return 0;
        } catch (IOException | RuntimeException e) {
            folder.abandon();
            throw e;
        }
    }
}
