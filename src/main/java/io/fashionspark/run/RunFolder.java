package io.fashionspark.run;

import io.fashionspark.files.Location;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;

/**
 * A run's output folder, on any file system. It holds {@code config.properties} from the start,
 * {@code metrics.jsonl} and {@code checkpoints/} as epochs finish, and the final model, test report
 * and provenance, each written atomically, when the run completes ({@link #isComplete()}). An
 * existing folder is only ever continued ({@code --resume}) or, when explicitly asked and only if
 * it is a run folder, replaced ({@code --overwrite}).
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

    private final Location path;
    private final boolean created;

    private RunFolder(Location path, boolean created) {
        this.path = path;
        this.created = created;
    }

    /**
     * Creates a new run folder at {@code target}.
     *
     * @param overwrite replace an existing run folder (one holding config.properties)
     * @throws FileAlreadyExistsException when {@code target} exists and may not be replaced (it is left as it is)
     */
    public static RunFolder create(Location target, boolean overwrite) throws IOException {
        if (target.exists()) {
            if (!overwrite) {
                throw new FileAlreadyExistsException(target.toString(), null,
                        "output folder already exists; continue it with --resume or replace it with --overwrite");
            }
            if (!target.resolve(CONFIG).isFile()) {
                throw new FileAlreadyExistsException(target.toString(), null,
                        "not a run folder (no " + CONFIG + "); --overwrite leaves it untouched");
            }
            try (RunLock lock = RunLock.acquire(target)) {
                for (Location child : target.list()) {
                    if (!child.name().equals(RunLock.FILE)) {
                        child.delete();
                    }
                }
            }
        }
        target.mkdirs();
        return new RunFolder(target, true);
    }

    /**
     * Opens an existing run folder to continue it.
     *
     * @throws NoSuchFileException when it does not exist or is not a run folder
     */
    public static RunFolder open(Location target) throws IOException {
        if (!target.resolve(CONFIG).isFile()) {
            throw new NoSuchFileException(target.toString(), null,
                    "not a run folder (expected " + CONFIG + " in it)");
        }
        return new RunFolder(target, false);
    }

    /** The folder. */
    public Location path() {
        return path;
    }

    /** A file inside the folder. */
    public Location file(String name) {
        return path.resolve(name);
    }

    /** True when this process created the folder (rather than opening an existing run). */
    public boolean created() {
        return created;
    }

    /** True when the run finished: its test report and provenance were written. */
    public boolean isComplete() throws IOException {
        return file(TEST_REPORT).isFile() && file(PROVENANCE).isFile();
    }

    /** Deletes the whole folder (a run that failed before its first checkpoint). */
    public void delete() throws IOException {
        path.delete();
    }

    /**
     * Deletes the hidden temporary files a killed writer may have left (names starting with
     * {@code .}: every file here is written under such a name and renamed when complete).
     */
    void removeLeftovers() throws IOException {
        for (Location child : path.list()) {
            if (child.name().startsWith(".")) {
                child.delete();
            }
        }
        for (Location child : path.resolve(Checkpoints.DIR).list()) {
            if (child.name().startsWith(".")) {
                child.delete();
            }
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
