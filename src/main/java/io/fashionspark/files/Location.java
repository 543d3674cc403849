package io.fashionspark.files;

import java.io.FileNotFoundException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * A file or folder that a user named: a plain path, which is a file of this machine (the
 * driver's), or a URI of any Hadoop file system ({@code hdfs://}, {@code s3a://}, {@code abfs://},
 * {@code gs://}, {@code file:}). Every file the project reads or writes on the driver goes through
 * this type, so each command works the same on every scheme.
 *
 * <p>Local files use Hadoop's raw local file system (no {@code .crc} side files) and the JDK for
 * the two operations it does atomically: exclusive creation and renaming. Elsewhere, exclusive
 * creation is the file system's {@code create} without overwrite (atomic on HDFS) and a rename
 * goes through {@link FileContext} (atomic on HDFS, also when it replaces a file). Object stores
 * such as S3 rename by copying, so their renames are not atomic. Hadoop's "not found" and
 * "already exists" errors come out as {@link NoSuchFileException} and
 * {@link FileAlreadyExistsException}, naming the location.
 */
public final class Location {
    private final FileSystem fs;
    private final Configuration conf;
    private final Path path;
    private final boolean local;

    Location(FileSystem fs, Configuration conf, Path path, boolean local) {
        this.fs = fs;
        this.conf = conf;
        this.path = path;
        this.local = local;
    }

    /** The Hadoop configuration this location's file system was opened with. */
    public Configuration configuration() {
        return conf;
    }

    /** True for a file of this machine's disk (a plain path or a {@code file:} URI). */
    public boolean isLocal() {
        return local;
    }

    /** This location as a JDK path; only for a local one. */
    public java.nio.file.Path localPath() {
        if (!local) {
            throw new IllegalStateException(this + " is not on the local disk");
        }
        return java.nio.file.Path.of(path.toUri());
    }

    /**
     * The fully qualified URI as Spark's readers and writers take it ({@code file:/...} for local
     * files): Hadoop's own form, not %-escaped, since Hadoop parses such a string as a path.
     */
    public String uri() {
        return path.toString();
    }

    /** The last name of the location: the file's or folder's own name (a root is named by its path). */
    public String name() {
        String name = path.getName();
        return name.isEmpty() ? toString() : name;
    }

    /** A file or folder inside this folder. */
    public Location resolve(String child) {
        return new Location(fs, conf, new Path(path, child), local);
    }

    /** The folder holding this location, or null for a root. */
    public Location parent() {
        Path parent = path.getParent();
        return parent == null ? null : new Location(fs, conf, parent, local);
    }

    /** A hidden sibling named after this location, unique, ending in {@code suffix}; not created. */
    public Location hiddenSibling(String suffix) {
        return parent().resolve("." + name() + "." + UUID.randomUUID() + suffix);
    }

    /** True when something exists here. */
    public boolean exists() throws IOException {
        return fs.exists(path);
    }

    /** True when a file (not a folder) exists here. */
    public boolean isFile() throws IOException {
        FileStatus status = status();
        return status != null && status.isFile();
    }

    /** True when a folder exists here. */
    public boolean isDirectory() throws IOException {
        FileStatus status = status();
        return status != null && status.isDirectory();
    }

    /** Size of the file in bytes. */
    public long size() throws IOException {
        return require().getLen();
    }

    /** Last modification time of the file or folder, in milliseconds since the epoch. */
    public long modificationTime() throws IOException {
        return require().getModificationTime();
    }

    /** Sets the modification time (a lock's heartbeat). */
    public void touch(long millis) throws IOException {
        try {
            fs.setTimes(path, millis, -1);
        } catch (FileNotFoundException e) {
            throw notFound(e);
        }
    }

    /** The folder's entries, sorted by name; empty when it does not exist. */
    public List<Location> list() throws IOException {
        FileStatus[] entries;
        try {
            entries = fs.listStatus(path);
        } catch (FileNotFoundException e) {
            return List.of();
        }
        List<Location> out = new ArrayList<>(entries.length);
        Arrays.stream(entries).sorted(Comparator.comparing(s -> s.getPath().getName()))
                .forEach(s -> out.add(new Location(fs, conf, s.getPath(), local)));
        return out;
    }

    /**
     * The folder's entries as the file system lists them, unsorted, with their types and sizes
     * (one call, no request per entry).
     *
     * @throws java.io.IOException when it cannot be listed, {@link NoSuchFileException} when it does not exist
     */
    public FileStatus[] listStatus() throws IOException {
        try {
            return fs.listStatus(path);
        } catch (FileNotFoundException e) {
            throw notFound(e);
        }
    }

    /** The location of {@code child}, an entry of this folder's {@link #listStatus()}. */
    public Location child(Path child) {
        return new Location(fs, conf, child, local);
    }

    /**
     * Reads the whole file, refusing one larger than {@code maxBytes} without reading more of it.
     *
     * @throws FileTooLargeException when the file holds more than {@code maxBytes} bytes
     */
    public byte[] readAtMost(int maxBytes) throws IOException {
        // A local file through the JDK: no Hadoop stream, buffer and statistics per file.
        try (InputStream in = local ? Files.newInputStream(localPath()) : open()) {
            byte[] bytes = in.readNBytes(maxBytes);
            if (bytes.length == maxBytes && in.read() >= 0) {
                throw new FileTooLargeException(this + ": expected at most " + maxBytes + " bytes, found more");
            }
            return bytes;
        }
    }

    /** A file larger than a reader accepts. */
    public static final class FileTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        FileTooLargeException(String message) {
            super(message);
        }
    }

    /** Opens the file for reading. */
    public InputStream open() throws IOException {
        try {
            return fs.open(path);
        } catch (FileNotFoundException e) {
            throw notFound(e);
        }
    }

    /** Reads the whole file. */
    public byte[] readAllBytes() throws IOException {
        try (InputStream in = open()) {
            return in.readAllBytes();
        }
    }

    /**
     * Creates the file (replacing one that is there) and its folders; closing the stream makes
     * the bytes durable on a distributed file system (HDFS: {@code hsync}) before it returns; a
     * local file is as durable as the operating system makes a closed file.
     */
    public OutputStream create() throws IOException {
        return durable(fs.create(path, true));
    }

    /**
     * As {@link #create()}, without waiting for the bytes to be durable on close: for outputs that
     * are many small files written in a staging folder that is renamed into place as a whole.
     */
    public OutputStream createFast() throws IOException {
        return fs.create(path, true);
    }

    /**
     * Creates the file only if nothing is there, atomically where the file system can (the local
     * disk and HDFS).
     *
     * @throws FileAlreadyExistsException when something is already there
     */
    public OutputStream createNew() throws IOException {
        if (local) {
            java.nio.file.Path file = localPath();
            Files.createDirectories(file.getParent());
            return Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
        try {
            return durable(fs.create(path, false));
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(toString(), null, "already exists");
        }
    }

    /** Creates this folder and its parents; nothing when it exists. */
    public void mkdirs() throws IOException {
        if (!fs.mkdirs(path)) {
            throw new IOException(this + ": could not create the folder");
        }
    }

    /** Deletes this file or folder with everything in it; nothing when it does not exist. */
    public void delete() throws IOException {
        fs.delete(path, true);
    }

    /**
     * Renames this file or folder to {@code target}, atomically where the file system can.
     *
     * @param replace replace a file at {@code target} (not a non-empty folder)
     * @throws FileAlreadyExistsException when {@code target} exists and {@code replace} is false
     */
    public void renameTo(Location target, boolean replace) throws IOException {
        if (local && target.local) {
            try {
                if (replace) {
                    Files.move(localPath(), target.localPath(), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.move(localPath(), target.localPath(), StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (java.nio.file.DirectoryNotEmptyException e) {
                throw new FileAlreadyExistsException(target.toString(), null, "already exists");
            }
            return;
        }
        try {
            FileContext.getFileContext(path.toUri(), conf)
                    .rename(path, target.path, replace ? Options.Rename.OVERWRITE : Options.Rename.NONE);
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(target.toString(), null, "already exists");
        } catch (FileNotFoundException e) {
            throw notFound(e);
        } catch (org.apache.hadoop.fs.UnsupportedFileSystemException e) {
            // No FileContext binding for this scheme: the file system's own rename, not atomic with replace.
            if (replace && target.isFile()) {
                target.delete();
            }
            if (!fs.rename(path, target.path)) {
                throw new IOException(this + ": could not rename to " + target);
            }
        }
    }

    /** Writes {@code bytes} to a hidden temporary sibling, then renames it into place: never half-written. */
    public void writeAtomically(byte[] bytes) throws IOException {
        Location tmp = hiddenSibling(".tmp");
        try {
            try (OutputStream out = tmp.create()) {
                out.write(bytes);
            }
            tmp.renameTo(this, true);
        } finally {
            tmp.delete();
        }
    }

    /** The plain path for a local file, else the URI: how messages name it. */
    @Override
    public String toString() {
        return local ? path.toUri().getPath() : uri();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Location other && path.equals(other.path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path);
    }

    private FileStatus status() throws IOException {
        try {
            return fs.getFileStatus(path);
        } catch (FileNotFoundException e) {
            return null;
        }
    }

    private FileStatus require() throws IOException {
        FileStatus status = status();
        if (status == null) {
            throw new NoSuchFileException(toString(), null, "not found");
        }
        return status;
    }

    private NoSuchFileException notFound(FileNotFoundException cause) {
        NoSuchFileException e = new NoSuchFileException(toString(), null, "not found");
        e.initCause(cause);
        return e;
    }

    /** The stream, made durable (hsync where supported) before it closes. */
    private OutputStream durable(FSDataOutputStream stream) {
        if (local) {
            return stream;
        }
        return new FilterOutputStream(stream) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                stream.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                try {
                    stream.hsync();
                } finally {
                    stream.close();
                }
            }
        };
    }

    /** The URI of a user's plain path or URI, for {@link Locations}; null when it has no scheme. */
    static URI schemeUri(String given) {
        try {
            URI uri = new URI(given);
            return uri.getScheme() == null || uri.getScheme().length() < 2 ? null : uri;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
