package io.fashionspark.run;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * An exclusive lock on a run folder ({@code run.lock}: pid, host, start time), so two runs never
 * write the same folder. A lock left by a process that no longer runs on this host (a crash, a
 * SIGKILL) is stale and taken over.
 */
public final class RunLock implements AutoCloseable {
    public static final String FILE = "run.lock";
    private final Path file;
    private final String content;

    private RunLock(Path file, String content) {
        this.file = file;
        this.content = content;
    }

    /**
     * Takes the lock of {@code folder}.
     *
     * @throws FileAlreadyExistsException when another live process holds it (naming pid, host and start)
     */
    public static RunLock acquire(Path folder) throws IOException {
        Path file = folder.resolve(FILE);
        String mine = ProcessHandle.current().pid() + " " + host() + " " + Instant.now();
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                Files.writeString(Files.createFile(file), mine, StandardCharsets.UTF_8);
                return new RunLock(file, mine);
            } catch (FileAlreadyExistsException e) {
                String holder = read(file);
                if (holder != null && isAlive(holder)) {
                    throw new FileAlreadyExistsException(file.toString(), null, "run folder in use by process "
                            + holder + " (pid host start); wait for it or stop it");
                }
                // Stale: its process is gone. Remove it and try once more.
                Files.deleteIfExists(file);
            }
        }
        throw new IllegalStateException(folder + ": could not take " + FILE + " (another run raced for it)");
    }

    /** Releases the lock if it is still ours. */
    @Override
    public void close() throws IOException {
        if (content.equals(read(file))) {
            Files.deleteIfExists(file);
        }
    }

    private static String read(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static boolean isAlive(String holder) throws IOException {
        String[] parts = holder.split(" ");
        if (parts.length < 2 || !parts[1].equals(host())) {
            // Another host's lock (shared file system): only its owner can tell; respect it.
            return parts.length >= 2;
        }
        try {
            long pid = Long.parseLong(parts[0]);
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String host() throws IOException {
        return InetAddress.getLocalHost().getHostName();
    }
}
