package io.fashionspark.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Temporary siblings for write-then-rename. Unlike {@code Files.createTempFile}, which makes
 * owner-only files, these get the process's default permissions, so a renamed model or report
 * is as readable as any file the user writes.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Creates an empty hidden file beside {@code target}, named after it, ending in {@code suffix}. */
    public static Path tempSibling(Path target, String suffix) throws IOException {
        Path dir = parentOf(target);
        Files.createDirectories(dir);
        return Files.createFile(dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + suffix));
    }

    /** Creates an empty hidden folder beside {@code target}, named after it, ending in {@code suffix}. */
    public static Path tempSiblingDirectory(Path target, String suffix) throws IOException {
        Path dir = parentOf(target);
        Files.createDirectories(dir);
        return Files.createDirectory(dir.resolve("." + target.getFileName() + suffix + UUID.randomUUID()));
    }

    /** Writes {@code bytes} to a temporary file beside {@code target}, then renames it into place. */
    public static void write(Path target, byte[] bytes) throws IOException {
        Path tmp = tempSibling(target, ".tmp");
        try {
            Files.write(tmp, bytes);
            moveIntoPlace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Renames {@code temp} to {@code target} atomically, replacing a file already there. */
    public static void moveIntoPlace(Path temp, Path target) throws IOException {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Path parentOf(Path target) {
        return target.toAbsolutePath().normalize().getParent();
    }
}
