package io.fashionspark.run;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A run's output folder. It holds {@code config.properties} from the start, {@code metrics.jsonl}
 * and {@code checkpoints/} as epochs finish, and the final model, test report and provenance,
 * each written atomically, when the run completes ({@link #isComplete()}). An existing folder is
 * only ever continued ({@code --resume}) or, when explicitly asked and only if it is a run folder,
 * replaced ({@code --overwrite}).
 */
public final class RunFolder {
    /** The effective configuration, written first. */
    public static final String CONFIG = "config.properties";
    /** The final model with its Adam state. */
    public static final String MODEL = "model.zip";
    /** The test-set evaluation ({@link TestReport}). */
    public static final String TEST_REPORT = "test-report.json";
    /** Where the run came from ({@link Provenance}). */
    public static final String PROVENANCE = "provenance.json";
    private final Path path;
    private final boolean created;

    private RunFolder(Path path, boolean created) {
        this.path = path;
        this.created = created;
    }

    /**
     * Creates a new run folder at {@code target}.
     *
     * @param overwrite replace an existing run folder (one holding config.properties)
     * @throws FileAlreadyExistsException when {@code target} exists and may not be replaced (it is left as it is)
     */
    public static RunFolder create(Path target, boolean overwrite) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.exists(absolute)) {
            if (!overwrite) {
                throw new FileAlreadyExistsException(absolute.toString(), null,
                        "output folder already exists; continue it with --resume or replace it with --overwrite");
            }
            if (!Files.isRegularFile(absolute.resolve(CONFIG))) {
                throw new FileAlreadyExistsException(absolute.toString(), null,
                        "not a run folder (no " + CONFIG + "); --overwrite leaves it untouched");
            }
            try (RunLock lock = RunLock.acquire(absolute)) {
                deleteContents(absolute, RunLock.FILE);
            }
        }
        Files.createDirectories(absolute);
        return new RunFolder(absolute, true);
    }

    /**
     * Opens an existing run folder to continue it.
     *
     * @throws NoSuchFileException when it does not exist or is not a run folder
     */
    public static RunFolder open(Path target) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute.resolve(CONFIG))) {
            throw new NoSuchFileException(absolute.toString(), null,
                    "not a run folder (expected " + CONFIG + " in it)");
        }
        return new RunFolder(absolute, false);
    }

    /** The folder. */
    public Path path() {
        return path;
    }

    /** A file inside the folder. */
    public Path file(String name) {
        return path.resolve(name);
    }

    /** True when this process created the folder (rather than opening an existing run). */
    public boolean created() {
        return created;
    }

    /** True when the run finished: its test report and provenance were written. */
    public boolean isComplete() {
        return Files.isRegularFile(file(TEST_REPORT)) && Files.isRegularFile(file(PROVENANCE));
    }

    /** Deletes the whole folder (a run that failed before its first checkpoint). */
    public void delete() throws IOException {
        deleteTree(path);
    }

    /** Deletes {@code root} and everything below it; nothing if it does not exist. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void deleteContents(Path dir, String except) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                if (!child.getFileName().toString().equals(except)) {
                    deleteTree(child);
                }
            }
        }
    }
}
