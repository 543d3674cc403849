package io.fashionspark.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fashionspark.config.ConfigLoader;
import io.fashionspark.data.InvalidDataException;
import io.fashionspark.files.JsonFiles;
import java.io.IOException;
import io.fashionspark.files.Location;
import java.nio.file.NoSuchFileException;

/**
 * Reads a run folder's files back into their records: {@code config.properties},
 * {@code metrics.jsonl}, {@code test-report.json} and {@code provenance.json}. Keys added to these
 * files by later versions are ignored. Runs on the driver; reads no model.
 */
public final class RunReader {
    private RunReader() {
    }

    /**
     * The content of the run folder {@code dir}.
     *
     * @param requireTest refuse a run without test-report.json (an unfinished run)
     * @throws NoSuchFileException  when {@code dir} is missing or not a run folder (no config.properties),
     *                              or, with {@code requireTest}, has no test report
     * @throws InvalidDataException naming the file that is not the JSON it should be
     */
    public static RunRecord read(Location dir, boolean requireTest) throws IOException {
        if (!dir.isDirectory()) {
            throw new NoSuchFileException(dir.toString(), null, "no such run folder");
        }
        if (!dir.resolve(RunFolder.CONFIG).isFile()) {
            throw new NoSuchFileException(dir.toString(), null,
                    "not a run folder (expected " + RunFolder.CONFIG + " in it)");
        }
        Location testFile = dir.resolve(RunFolder.TEST_REPORT);
        if (requireTest && !testFile.isFile()) {
            throw new NoSuchFileException(dir.toString(), null,
                    "not a finished run (no " + RunFolder.TEST_REPORT + " in it)");
        }
        return new RunRecord(dir, RunWriter.sorted(ConfigLoader.read(dir.resolve(RunFolder.CONFIG))),
                MetricsFile.read(dir.resolve(MetricsFile.NAME)), optional(testFile, TestReport.class),
                optional(dir.resolve(RunFolder.PROVENANCE), Provenance.class));
    }

    /** The record in {@code file}, or null when there is no such file. */
    private static <T> T optional(Location file, Class<T> type) throws IOException {
        if (!file.isFile()) {
            return null;
        }
        try {
            return JsonFiles.read(file, type);
        } catch (JsonProcessingException e) {
            throw new InvalidDataException(file.name() + ": expected the JSON of a "
                    + type.getSimpleName() + ", found " + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        }
    }
}
