package io.fashionspark.cli;

import io.fashionspark.config.RunConfig;
import io.fashionspark.data.DatasetFiles;
import io.fashionspark.data.IdxReader;
import io.fashionspark.data.LabeledImages;
import java.io.IOException;

/** The training run's validated inputs, read on the driver before any Spark job. */
record Inputs(DatasetFiles files, LabeledImages train, LabeledImages test) {
    /** Locates (or downloads) and reads the four files of {@code config}'s data folder. */
    static Inputs read(RunConfig config, CliContext context) throws IOException {
        DatasetFiles files = DataInputs.locateOrDownload(context, config.data());
        int classes = config.data().classes();
        return new Inputs(files, IdxReader.read(files.trainImages(), files.trainLabels(), classes),
                IdxReader.read(files.testImages(), files.testLabels(), classes));
    }
}
