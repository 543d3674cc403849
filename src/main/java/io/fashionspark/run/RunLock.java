package io.fashionspark.run;

import io.fashionspark.files.Location;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exclusive lock on a run folder, on any file system: {@code run.lock} (pid, host, start time),
 * created only if absent (atomically on a local disk and on HDFS), so two runs never write the
 * same folder. While held, a daemon thread refreshes the file's modification time every
 * {@link #HEARTBEAT}. A lock is stale, and taken over, when its process is gone: a pid that no
 * longer runs on this host, or, for a lock of another host (a driver on another cluster node), no
 * refresh for {@link #STALE_AFTER}.
 */
public final class RunLock implements AutoCloseable {
    public static final String FILE = "run.lock";
    /** How often the holder refreshes the lock. */
    static final Duration HEARTBEAT = Duration.ofSeconds(10);
    /** A lock of another host that was not refreshed for this long belongs to a process that is gone. */
    static final Duration STALE_AFTER = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);

    private final Location file;
    private final String content;
    private final Thread heartbeat;

    private RunLock(Location file, String content) {
        this.file = file;
        this.content = content;
        this.heartbeat = new Thread(this::beat, "run.lock heartbeat");
        heartbeat.setDaemon(true);
        heartbeat.start();
    }

    /**
     * Takes the lock of {@code folder}.
     *
     * @throws FileAlreadyExistsException when another live process holds it (naming pid, host and start)
     */
    public static RunLock acquire(Location folder) throws IOException {
        Location file = folder.resolve(FILE);
        String mine = ProcessHandle.current().pid() + " " + host() + " " + Instant.now();
        for (int attempt = 0; attempt < 2; attempt++) {
            try (OutputStream out = file.createNew()) {
                out.write(mine.getBytes(StandardCharsets.UTF_8));
            } catch (FileAlreadyExistsException e) {
                String holder = read(file);
                if (holder != null && !isStale(holder, file)) {
                    throw new FileAlreadyExistsException(file.toString(), null, "run folder in use by process "
                            + holder + " (pid host start); wait for it or stop it");
                }
                if (holder != null) {
                    LOG.info("Taking over the stale lock {} ({})", file, holder);
                    file.delete();
                }
                continue;
            }
            return new RunLock(file, mine);
        }
        throw new IllegalStateException(folder + ": could not take " + FILE + " (another run raced for it)");
    }

    /** Releases the lock if it is still ours. */
    @Override
    public void close() throws IOException {
        heartbeat.interrupt();
        if (content.equals(read(file))) {
            file.delete();
        }
    }

    private void beat() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(HEARTBEAT.toMillis());
                file.touch(System.currentTimeMillis());
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not refresh {}: {}", file, e.toString());
            }
        }
    }

    /** The holder written in the lock, or null when the lock went away meanwhile. */
    private static String read(Location file) throws IOException {
        try {
            return new String(file.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * True when the holder is gone: a pid of this host that no longer runs, or a lock (of another
     * host, or not yet written) that was not refreshed for {@link #STALE_AFTER}.
     */
    static boolean isStale(String holder, Location file) throws IOException {
        String[] parts = holder.split(" ");
        if (parts.length >= 2 && parts[1].equals(host())) {
            try {
                return ProcessHandle.of(Long.parseLong(parts[0])).map(p -> !p.isAlive()).orElse(true);
            } catch (NumberFormatException e) {
                return true;
            }
        }
        try {
            return System.currentTimeMillis() - file.modificationTime() > STALE_AFTER.toMillis();
        } catch (NoSuchFileException e) {
            return true;
        }
    }

    private static String host() throws IOException {
        return InetAddress.getLocalHost().getHostName();
    }
}
