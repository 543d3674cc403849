package io.fashionspark.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fashionspark.config.ConfigLoader;
import io.fashionspark.data.InvalidDataException;
import io.fashionspark.files.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

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
    public static RunRecord read(Path dir, boolean requireTest) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs)) {
            throw new NoSuchFileException(abs.toString(), null, "no such run folder");
        }
        if (!Files.isRegularFile(abs.resolve(RunFolder.CONFIG))) {
            throw new NoSuchFileException(abs.toString(), null,
                    "not a run folder (expected " + RunFolder.CONFIG + " in it)");
        }
        Path testFile = abs.resolve(RunFolder.TEST_REPORT);
        if (requireTest && !Files.isRegularFile(testFile)) {
            throw new NoSuchFileException(abs.toString(), null,
                    "not a finished run (no " + RunFolder.TEST_REPORT + " in it)");
        }
        return new RunRecord(abs, RunWriter.sorted(ConfigLoader.read(abs.resolve(RunFolder.CONFIG))),
                MetricsFile.read(abs.resolve(MetricsFile.NAME)), optional(testFile, TestReport.class),
                optional(abs.resolve(RunFolder.PROVENANCE), Provenance.class));
    }

    /** The record in {@code file}, or null when there is no such file. */
    private static <T> T optional(Path file, Class<T> type) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JsonFiles.read(file, type);
        } catch (JsonProcessingException e) {
            throw new InvalidDataException(file.getFileName() + ": expected the JSON of a "
                    + type.getSimpleName() + ", found " + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        }
    }
}
