package io.fashionspark.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.files.JsonFiles;
import io.fashionspark.testing.LocalFiles;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {
    @TempDir
    Path tmp;

    @Test
    void refusesAnExistingFolderAndLeavesItAlone() throws Exception {
        Path existing = Files.createDirectories(tmp.resolve("c"));
        Files.writeString(existing.resolve("mine.txt"), "keep");
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
                () -> RunFolder.create(LocalFiles.of(existing), false));
        assertTrue(e.getMessage().contains("--resume"), e.getMessage());
        assertEquals("keep", Files.readString(existing.resolve("mine.txt")));
    }

    @Test
    void overwriteRefusesAFolderThatIsNotARunFolder() throws Exception {
        Path existing = Files.createDirectories(tmp.resolve("photos"));
        Files.writeString(existing.resolve("holiday.jpg"), "precious");
        assertThrows(FileAlreadyExistsException.class, () -> RunFolder.create(LocalFiles.of(existing), true));
        assertEquals("precious", Files.readString(existing.resolve("holiday.jpg")));
    }

    @Test
    void overwriteEmptiesAnOldRunFolder() throws Exception {
        Path old = Files.createDirectories(tmp.resolve("run"));
        Files.writeString(old.resolve(RunFolder.CONFIG), "train.epochs=1\n");
        Files.writeString(old.resolve(MetricsFile.NAME), "{}\n");
        RunFolder folder = RunFolder.create(LocalFiles.of(old), true);
        try (var s = Files.list(folder.path().localPath())) {
            assertEquals(0, s.count());
        }
        assertTrue(folder.created());
    }

    @Test
    void openRequiresARunFolder() throws Exception {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        assertThrows(NoSuchFileException.class, () -> RunFolder.open(LocalFiles.of(plain)));
        Files.writeString(plain.resolve(RunFolder.CONFIG), "");
        RunFolder folder = RunFolder.open(LocalFiles.of(plain));
        assertFalse(folder.created());
        assertFalse(folder.isComplete());
        Files.writeString(plain.resolve(RunFolder.TEST_REPORT), "{}");
        Files.writeString(plain.resolve(RunFolder.PROVENANCE), "{}");
        assertTrue(folder.isComplete());
    }

    @Test
    void writtenFilesAreReadableByOthersLikeAnyFileTheUserWrites() throws Exception {
        Path plain = Files.writeString(tmp.resolve("plain.txt"), "x");
        RunFolder folder = RunFolder.create(LocalFiles.of(tmp.resolve("d")), false);
        JsonFiles.write(folder.file("r.json"), List.of(1));
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
        assertEquals(expected, Files.getPosixFilePermissions(folder.file("r.json").localPath()));
        try (var s = Files.list(folder.path().localPath())) {
            assertEquals(List.of(folder.file("r.json").localPath()), s.toList(), "no temporary file remains");
        }
    }
}
