package io.fashionspark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {
    @TempDir
    Path tmp;

    @Test
    void worksUnderAHiddenNameAndAppearsOnlyOnCommit() throws Exception {
        Path target = tmp.resolve("runs/a");
        RunFolder folder = RunFolder.start(target);
        JsonFiles.write(folder.file("x.json"), List.of(1, 2));
        assertFalse(Files.exists(target));
        assertTrue(folder.work().getFileName().toString().startsWith(".a.partial-"));
        folder.commit();
        assertTrue(Files.isRegularFile(target.resolve("x.json")));
        try (Stream<Path> s = Files.list(target.getParent())) {
            assertEquals(List.of(target), s.toList());
        }
    }

    @Test
    void abandonLeavesNothingBehind() throws Exception {
        RunFolder folder = RunFolder.start(tmp.resolve("b"));
        JsonFiles.write(folder.file("x.json"), List.of(1));
        folder.abandon();
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void refusesAnExistingFolderAndLeavesItAlone() throws Exception {
        Path existing = Files.createDirectories(tmp.resolve("c"));
        Files.writeString(existing.resolve("mine.txt"), "keep");
        assertThrows(FileAlreadyExistsException.class, () -> RunFolder.start(existing));
        assertEquals("keep", Files.readString(existing.resolve("mine.txt")));
    }

    @Test
    void writtenFilesAndFolderAreReadableByOthersLikeAnyFileTheUserWrites() throws Exception {
        Path plain = Files.writeString(tmp.resolve("plain.txt"), "x");
        RunFolder folder = RunFolder.start(tmp.resolve("d"));
        JsonFiles.write(folder.file("r.json"), List.of(1));
        Path done = folder.commit();
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
        assertEquals(expected, Files.getPosixFilePermissions(done.resolve("r.json")));
        assertEquals(expected.contains(PosixFilePermission.OTHERS_READ),
                Files.getPosixFilePermissions(done).contains(PosixFilePermission.OTHERS_READ));
    }
}
