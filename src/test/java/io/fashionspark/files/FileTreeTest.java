package io.fashionspark.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.testing.DeniedFileSystem;
import io.fashionspark.testing.LocalFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreeTest {
    @TempDir
    Path tmp;

    private static void touch(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {1});
    }

    /** Listed entries by path relative to {@code root}: null for a file, else its problem. */
    private static Map<String, String> listed(Location root, String glob, String prefix) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (FileTree.Entry e : FileTree.list(root, glob)) {
            assertTrue(e.path().startsWith(prefix), e.path());
            out.put(e.path().substring(prefix.length()), e.problem());
        }
        return out;
    }

    @Test
    void listsFilesRecursivelyInPathOrderSkippingHiddenNamesAsSparkDoes() throws IOException {
        touch(tmp.resolve("b/2.png"));
        touch(tmp.resolve("a 1/x,y %.png"));
        touch(tmp.resolve("a 1/notes.txt"));
        touch(tmp.resolve(".hidden/3.png"));
        touch(tmp.resolve("_meta/4.png"));
        touch(tmp.resolve("b/.5.png"));
        touch(tmp.resolve("b/_6.png"));

        List<FileTree.Entry> all = FileTree.list(LocalFiles.of(tmp), null);

        String root = "file:" + tmp.toAbsolutePath();
        assertEquals(List.of(root + "/a 1/notes.txt", root + "/a 1/x,y %.png", root + "/b/2.png"),
                all.stream().map(FileTree.Entry::path).toList());
        assertEquals(java.util.Set.of("/a 1/x,y %.png", "/b/2.png"),
                listed(LocalFiles.of(tmp), "*.png", root).keySet());
    }

    @Test
    void linksAreFollowedOnceAndALoopIsAProblemNotAHang() throws IOException {
        touch(tmp.resolve("photos/a.png"));
        touch(tmp.resolve("elsewhere/b.png"));
        Files.createSymbolicLink(tmp.resolve("photos/more"), tmp.resolve("elsewhere"));
        Files.createSymbolicLink(tmp.resolve("photos/loop"), tmp.resolve("photos"));
        Files.createSymbolicLink(tmp.resolve("photos/gone.png"), tmp.resolve("nothing-here.png"));

        Map<String, String> entries = listed(LocalFiles.of(tmp.resolve("photos")), null,
                "file:" + tmp.resolve("photos").toAbsolutePath());

        assertEquals(null, entries.get("/a.png"));
        assertEquals(null, entries.get("/more/b.png"), "a link to a folder is followed");
        assertEquals("loop: expected a folder, found a symbolic link back to a folder above it (a loop)",
                entries.get("/loop"));
        assertEquals("gone.png: expected a file, found a symbolic link to nothing", entries.get("/gone.png"));
        assertEquals(4, entries.size(), entries.toString());
    }

    @Test
    void aNamedPipeIsAProblemAndIsNeverOpened() throws Exception {
        touch(tmp.resolve("a.png"));
        Process mkfifo = new ProcessBuilder("mkfifo", tmp.resolve("pipe.png").toString()).start();
        assertEquals(0, mkfifo.waitFor());

        Map<String, String> entries = listed(LocalFiles.of(tmp), null, "file:" + tmp.toAbsolutePath());

        assertEquals("pipe.png: expected a file, found a special file", entries.get("/pipe.png"));
        assertEquals(null, entries.get("/a.png"));
    }

    @Test
    void aFolderThatCannotBeListedIsAProblemAndTheRestIsListed() throws IOException {
        touch(tmp.resolve("open/a.png"));
        touch(tmp.resolve("secret-folder/b.png"));
        Configuration conf = new Configuration();
        conf.set("fs." + DeniedFileSystem.SCHEME + ".impl", DeniedFileSystem.class.getName());
        conf.setBoolean("fs." + DeniedFileSystem.SCHEME + ".impl.disable.cache", true);
        Location root = new Locations(conf).of(DeniedFileSystem.SCHEME + ":" + tmp.toAbsolutePath(), "--input");

        Map<String, String> entries = listed(root, null, DeniedFileSystem.SCHEME + ":" + tmp.toAbsolutePath());

        assertEquals(null, entries.get("/open/a.png"));
        assertEquals("secret-folder: cannot be read: permission denied", entries.get("/secret-folder"));
        assertEquals(2, entries.size(), entries.toString());
    }
}
