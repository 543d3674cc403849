package io.fashionspark.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.testing.LocalFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumsTest {
    @TempDir
    Path dir;

    @Test
    void computesKnownDigestsOfAbc() throws IOException {
        Path file = Files.writeString(dir.resolve("abc"), "abc", StandardCharsets.US_ASCII);

        assertEquals("900150983cd24fb0d6963f7d28e17f72", Checksums.md5Hex(LocalFiles.of(file)));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
                , Checksums.sha256Hex(LocalFiles.of(file)));
    }

    @Test
    void computesKnownDigestsOfEmptyFile() throws IOException {
        Path file = Files.write(dir.resolve("empty"), new byte[0]);

        assertEquals("d41d8cd98f00b204e9800998ecf8427e", Checksums.md5Hex(LocalFiles.of(file)));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
                , Checksums.sha256Hex(LocalFiles.of(file)));
    }

    @Test
    void streamsFilesLargerThanItsBuffer() throws IOException, NoSuchAlgorithmException {
        byte[] bytes = new byte[200_001];
        new Random(5).nextBytes(bytes);
        Path file = Files.write(dir.resolve("big"), bytes);

        assertEquals(hex("MD5", bytes), Checksums.md5Hex(LocalFiles.of(file)));
        assertEquals(hex("SHA-256", bytes), Checksums.sha256Hex(LocalFiles.of(file)));
    }

    @Test
    void rejectsMissingFile() {
        Path file = dir.resolve("absent.gz");

        MissingDataFileException e = assertThrows(MissingDataFileException.class,
                () -> Checksums.sha256Hex(LocalFiles.of(file)));

        assertTrue(e.getMessage().startsWith("absent.gz: expected a file at "), e.getMessage());
    }

    private static String hex(String algorithm, byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    }
}
