package io.fashionspark.cli;

import io.fashionspark.config.RunConfig;
import io.fashionspark.data.DatasetFiles;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code download}: fetches the four official files into the data folder, MD5-checked, atomically. */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = "Download the four official Fashion-MNIST files into the data folder and verify their MD5 sums.")
final class DownloadCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    SharedOptions shared;

    DownloadCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        RunConfig config = shared.resolve(context, Map.of());
        DatasetFiles files = DataInputs.downloader(config.data()).download(DataInputs.dataDir(context, config.data()));
        context.out().println("Fashion-MNIST is in " + files.trainImages().parent());
        return 0;
    }
}
