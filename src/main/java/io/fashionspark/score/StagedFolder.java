package io.fashionspark.score;

import io.fashionspark.files.Location;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;

/**
 * An output folder built inside a hidden temporary sibling ({@code .<name>.<uuid>.partial/<name>})
 * and renamed into place only when complete, so a failure never leaves a partial output. The
 * work folder keeps the target's own name, so tools that skip hidden paths (Spark's readers
 * among them) read it as they will read the target. An existing target is refused and never
 * touched. Driver-side operations on any file system (the rename is atomic on a local disk and
 * on HDFS).
 */
public final class StagedFolder {
    private final Location target;
    private final Location stage;

    private StagedFolder(Location target, Location stage) {
        this.target = target;
        this.stage = stage;
    }

    /**
     * Creates the hidden sibling of {@code target}; the work folder inside it is not created.
     *
     * @param option the command-line option that named the target, for the error message
     * @throws FileAlreadyExistsException if {@code target} exists
     */
    public static StagedFolder start(Location target, String option) throws IOException {
        checkAbsent(target, option);
        Location stage = target.hiddenSibling(".partial");
        stage.mkdirs();
        return new StagedFolder(target, stage);
    }

    /**
     * Refuses an existing {@code target}.
     *
     * @throws FileAlreadyExistsException naming the target and {@code option}
     */
    public static void checkAbsent(Location target, String option) throws IOException {
        if (target.exists()) {
            throw new FileAlreadyExistsException(target.toString(), null,
                    "expected a new output folder, found an existing file or folder; choose another " + option);
        }
    }

    /** Where the output is written until {@link #commit()}: a folder that does not exist yet. */
    public Location work() {
        return stage.resolve(target.name());
    }

    /** The final name. */
    public Location target() {
        return target;
    }

    /** Renames the finished work folder to the target, atomically where the file system can, and removes the sibling. */
    public Location commit() throws IOException {
        work().renameTo(target, false);
        stage.delete();
        return target;
    }

    /** Deletes the hidden sibling and everything in it (after a failure); the target is untouched. */
    public void abandon() throws IOException {
        stage.delete();
    }
}
