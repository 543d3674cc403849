package io.fashionspark.report;

import io.fashionspark.data.AtomicFiles;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A run's output folder, built under a hidden temporary name beside the final one and renamed
 * into place only when the run completed: a failed run leaves no folder that looks finished.
 * An existing folder is never touched.
 */
public final class RunFolder {
    private final Path target;
    private final Path work;

    private RunFolder(Path target, Path work) {
        this.target = target;
        this.work = work;
    }

    /**
     * Starts a run folder that will become {@code target}.
     *
     * @throws FileAlreadyExistsException when {@code target} exists (it is left as it is)
     */
    public static RunFolder start(Path target) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.exists(absolute)) {
            throw new FileAlreadyExistsException(absolute.toString(), null,
                    "output folder already exists; choose another --out");
        }
        Path work = AtomicFiles.tempSiblingDirectory(absolute, ".partial-");
        return new RunFolder(absolute, work);
    }

    /** Where files go while the run is in progress. */
    public Path work() {
        return work;
    }

    /** The folder's final name. */
    public Path target() {
        return target;
    }

    /** A file inside the work folder. */
    public Path file(String name) {
        return work.resolve(name);
    }

    /** Renames the finished work folder to its final name. */
    public Path commit() throws IOException {
        Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /** Deletes the unfinished work folder (after a failure). */
    public void abandon() throws IOException {
        if (!Files.exists(work)) {
            return;
        }
        try (Stream<Path> files = Files.walk(work)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
