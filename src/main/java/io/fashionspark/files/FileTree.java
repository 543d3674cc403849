package io.fashionspark.files;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.GlobFilter;
import org.apache.hadoop.fs.Path;

/**
 * The files under a folder, recursively, as Spark's file sources list them: names starting with
 * {@code .} or {@code _} are skipped (files and folders), an optional glob filters file names,
 * and paths are in Hadoop's form ({@code file:/data/a b.png}, not %-escaped). Runs on the driver.
 *
 * <p>A problem with one entry does not stop the listing; it is listed as an {@link Entry} with
 * its problem: a folder or link that cannot be read, a symbolic link that loops back to a folder
 * above it (followed links are listed once; a loop is reported, not followed), or a link to
 * nothing. On the local disk symbolic links are followed; other file systems are walked with
 * their own listing.
 */
public final class FileTree {
    /** Deepest folder listed on a Hadoop file system: deeper is taken for a loop of links. */
    static final int MAX_DEPTH = 256;

    private FileTree() {
    }

    /**
     * One listed file, or a problem found while listing.
     *
     * @param path    the file's path (Hadoop form), or the path the problem is about
     * @param problem null for a file; else one line saying what is wrong, starting with the name
     */
    public record Entry(String path, String problem) {
    }

    /**
     * Every file under {@code folder} whose name matches {@code glob} (null: every file), and the
     * problems met, sorted by path.
     *
     * @throws IOException if {@code folder} itself cannot be listed
     */
    public static List<Entry> list(Location folder, String glob) throws IOException {
        GlobFilter filter = glob == null ? null : new GlobFilter(glob);
        List<Entry> out = folder.isLocal() ? listLocal(folder.localPath(), filter) : listHadoop(folder, filter);
        out.sort(Comparator.comparing(Entry::path));
        return out;
    }

    private static boolean hidden(String name) {
        return name.startsWith(".") || name.startsWith("_");
    }

    private static boolean matches(GlobFilter filter, String name) {
        return filter == null || filter.accept(new Path(name));
    }

    private static String hadoopPath(java.nio.file.Path file) {
        try {
            return Locations.hadoopPath(file).toString();
        } catch (java.net.URISyntaxException e) {
            return "file:" + file;
        }
    }

    private static List<Entry> listLocal(java.nio.file.Path root, GlobFilter filter) throws IOException {
        List<Entry> out = new ArrayList<>();
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(java.nio.file.Path dir, BasicFileAttributes attrs) {
                        return dir.equals(root) || !hidden(dir.getFileName().toString())
                                ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
                    }

                    @Override
                    public FileVisitResult visitFile(java.nio.file.Path file, BasicFileAttributes attrs) {
                        String name = file.getFileName().toString();
                        if (!hidden(name) && matches(filter, name)) {
                            // A link that points nowhere is visited with the link's own attributes.
                            out.add(attrs.isSymbolicLink() && !Files.exists(file)
                                    ? new Entry(hadoopPath(file), name + ": expected a file, found a symbolic link to"
                                            + " nothing")
                                    : attrs.isRegularFile() || attrs.isSymbolicLink() ? new Entry(hadoopPath(file), null)
                                    : new Entry(hadoopPath(file), name + ": expected a file, found a special file"));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(java.nio.file.Path file, IOException e) throws IOException {
                        if (file.equals(root)) {
                            throw e;
                        }
                        String name = file.getFileName().toString();
                        if (!hidden(name)) {
                            out.add(new Entry(hadoopPath(file), name + ": " + describe(e)));
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
        return out;
    }

    /**
     * Walks a Hadoop file system breadth-first; a folder seen before, or deeper than
     * {@link #MAX_DEPTH} (a loop of links, whose paths never repeat), is reported, not followed.
     */
    private static List<Entry> listHadoop(Location root, GlobFilter filter) throws IOException {
        List<Entry> out = new ArrayList<>();
        Deque<Location> folders = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        folders.add(root);
        depths.add(0);
        seen.add(root.uri());
        while (!folders.isEmpty()) {
            Location folder = folders.poll();
            int depth = depths.poll();
            FileStatus[] entries;
            try {
                entries = folder.listStatus();
            } catch (IOException e) {
                if (folder.equals(root)) {
                    throw e;
                }
                out.add(new Entry(folder.uri(), folder.name() + ": " + describe(e)));
                continue;
            }
            for (FileStatus status : entries) {
                String name = status.getPath().getName();
                if (hidden(name)) {
                    continue;
                }
                Location child = folder.child(status.getPath());
                if (status.isDirectory()) {
                    if (depth + 1 > MAX_DEPTH) {
                        out.add(new Entry(child.uri(), name + ": expected a folder at most " + MAX_DEPTH
                                + " levels deep, found a deeper one (a loop of links?)"));
                    } else if (seen.add(child.uri())) {
                        folders.add(child);
                        depths.add(depth + 1);
                    } else {
                        out.add(new Entry(child.uri(), name + ": expected a folder, found a link back to one"
                                + " already listed (a loop)"));
                    }
                } else if (matches(filter, name)) {
                    out.add(new Entry(child.uri(), null));
                }
            }
        }
        return out;
    }

    private static String describe(IOException e) {
        return unreadable(e, "disappeared while the folder was listed");
    }

    /**
     * Why a file or folder could not be listed or read, in one line without its name: a link
     * loop, a permission refused (by the local disk or a Hadoop file system), {@code whenGone} for
     * one that no longer exists, else the first line of the exception's message.
     */
    public static String unreadable(Exception e, String whenGone) {
        if (e instanceof FileSystemLoopException) {
            return "expected a folder, found a symbolic link back to a folder above it (a loop)";
        }
        if (e instanceof AccessDeniedException || e instanceof org.apache.hadoop.security.AccessControlException) {
            return "cannot be read: permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException || e instanceof FileNotFoundException) {
            return whenGone;
        }
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return "cannot be read: " + detail.lines().findFirst().orElse("");
    }
}
