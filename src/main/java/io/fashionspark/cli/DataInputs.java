package io.fashionspark.cli;

import io.fashionspark.config.DataConfig;
import io.fashionspark.data.DatasetDownloader;
import io.fashionspark.data.DatasetFiles;
import io.fashionspark.data.IdxReader;
import io.fashionspark.data.LabeledImages;
import io.fashionspark.data.MissingDataFileException;
import java.io.IOException;
import io.fashionspark.files.Location;
import java.time.Duration;

/** Finds the data folder's files for a command, downloading them when the folder holds none. */
final class DataInputs {
    static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(5);

    private DataInputs() {
    }

    /**
     * The four files of {@code data.dir()}: downloaded (MD5-checked) if none is there,
     * refused naming the missing ones if only some are.
     */
    static DatasetFiles locateOrDownload(CliContext context, DataConfig data) throws IOException {
        Location dir = dataDir(context, data);
        DatasetFiles.Presence presence = DatasetFiles.inspect(dir);
        if (presence.present().isEmpty()) {
            context.out().println("No Fashion-MNIST files in " + dir + ": downloading them from " + data.downloadUrl());
            context.out().flush();
            return downloader(data).download(dir);
        }
        return DatasetFiles.locate(dir);
    }

    /** The data folder of {@code data}: a plain path of this machine or a Hadoop URI. */
    static Location dataDir(CliContext context, DataConfig data) throws IOException {
        return context.location(data.dir(), DataConfig.DIR);
    }

    static DatasetDownloader downloader(DataConfig data) {
        return new DatasetDownloader(data.downloadUrl(), DatasetDownloader.OFFICIAL_MD5, DOWNLOAD_TIMEOUT);
    }

    /**
     * Reads and validates the test images of {@code data.dir()} for a model of {@code classes}
     * classes; only the two test files are needed (evaluate and predict do not train).
     */
    static LabeledImages readTestSet(CliContext context, DataConfig data, int classes) throws IOException {
        DatasetFiles.Presence presence = DatasetFiles.inspect(dataDir(context, data));
        requireTestFiles(presence);
        return IdxReader.read(presence.present().get(DatasetFiles.TEST_IMAGES),
                presence.present().get(DatasetFiles.TEST_LABELS), classes);
    }

    private static void requireTestFiles(DatasetFiles.Presence presence) throws MissingDataFileException {
        for (String name : java.util.List.of(DatasetFiles.TEST_IMAGES, DatasetFiles.TEST_LABELS)) {
            if (!presence.isPresent(name)) {
                throw new MissingDataFileException(name + ": expected " + name + " or " + name + ".gz in "
                        + presence.dir() + ", found neither");
            }
        }
    }
}
