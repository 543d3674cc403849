package io.fashionspark.score;

import io.fashionspark.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An output folder built inside a hidden temporary sibling ({@code .<name>.partial-<uuid>/<name>})
 * and renamed into place only when complete, so a failure never leaves a partial output. The
 * work folder keeps the target's own name, so tools that skip hidden paths (Spark's readers
 * among them) read it as they will read the target. An existing target is refused and never
 * touched. Driver-side file operations on a local (or shared, mounted) file system.
 */
public final class StagedFolder {
    private final Path target;
    private final Path stage;

    private StagedFolder(Path target, Path stage) {
        this.target = target;
        this.stage = stage;
    }

    /**
     * Creates the hidden sibling of {@code target}; the work folder inside it is not created.
     *
     * @param option the command-line option that named the target, for the error message
     * @throws FileAlreadyExistsException if {@code target} exists
     */
    public static StagedFolder start(Path target, String option) throws IOException {
        checkAbsent(target, option);
        Path absolute = target.toAbsolutePath().normalize();
        return new StagedFolder(absolute, AtomicFiles.tempSiblingDirectory(absolute, ".partial-"));
    }

    /**
     * Refuses an existing {@code target}.
     *
     * @throws FileAlreadyExistsException naming the target and {@code option}
     */
    public static void checkAbsent(Path target, String option) throws FileAlreadyExistsException {
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.exists(absolute)) {
            throw new FileAlreadyExistsException(absolute.toString(), null,
                    "expected a new output folder, found an existing file or folder; choose another " + option);
        }
    }

    /** Where the output is written until {@link #commit()}: a folder that does not exist yet. */
    public Path work() {
        return stage.resolve(target.getFileName());
    }

    /** The final name. */
    public Path target() {
        return target;
    }

    /** Renames the finished work folder to the target, atomically, and removes the hidden sibling. */
    public Path commit() throws IOException {
        Files.move(work(), target, StandardCopyOption.ATOMIC_MOVE);
        Files.delete(stage);
        return target;
    }

    /** Deletes the hidden sibling and everything in it (after a failure); the target is untouched. */
    public void abandon() throws IOException {
        if (!Files.exists(stage)) {
            return;
        }
        try (Stream<Path> files = Files.walk(stage)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
