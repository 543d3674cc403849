package io.fashionspark.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.testing.LocalFiles;
import java.net.InetAddress;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
    @TempDir
    Path tmp;

    @Test
    void secondLockOnTheSameFolderIsRefusedWhileTheFirstIsHeld() throws Exception {
        try (RunLock first = RunLock.acquire(LocalFiles.of(tmp))) {
            FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
                    () -> RunLock.acquire(LocalFiles.of(tmp)));
            assertTrue(e.getMessage().contains("in use by process " + ProcessHandle.current().pid()), e.getMessage());
        }
        assertFalse(Files.exists(tmp.resolve(RunLock.FILE)), "released on close");
        RunLock.acquire(LocalFiles.of(tmp)).close();
    }

    @Test
    void lockOfAProcessThatNoLongerRunsIsStaleAndTakenOver() throws Exception {
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        String host = InetAddress.getLocalHost().getHostName();
        Files.writeString(tmp.resolve(RunLock.FILE), dead.pid() + " " + host + " 2026-01-01T00:00:00Z");
        try (RunLock lock = RunLock.acquire(LocalFiles.of(tmp))) {
            assertTrue(Files.readString(tmp.resolve(RunLock.FILE)).startsWith(ProcessHandle.current().pid() + " "));
        }
    }
}
