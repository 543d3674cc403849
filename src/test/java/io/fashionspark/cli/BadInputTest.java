package io.fashionspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.data.DatasetFiles;
import io.fashionspark.testing.IdxWriter;
import io.fashionspark.testing.SyntheticFashion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input: exit 2, one line on stderr naming the file or key, and no output folder. A download
 * that finds no network is a failure (exit 1), reported the same way.
 */
class BadInputTest {
    @TempDir
    Path tmp;

    private Path dataset() throws Exception {
        Path dir = tmp.resolve("data");
        SyntheticFashion.writeDataset(dir, 60, 20, 1, false);
        return dir;
    }

    private void assertRefused(CliRun run, String... fragments) throws Exception {
        assertEnded(run, 2, fragments);
    }

    /** As {@link #assertRefused}, with exit code {@code exitCode}. */
    private void assertEnded(CliRun run, int exitCode, String... fragments) throws Exception {
        assertEquals(exitCode, run.exitCode(), run.err());
        assertEquals(1, run.err().lines().count(), "one line: " + run.err());
        for (String f : fragments) {
            assertTrue(run.err().contains(f), "expected '" + f + "' in: " + run.err());
        }
        assertFalse(Files.exists(tmp.resolve("runs")), "nothing may be written");
    }

    private CliRun train(Path data, String... extra) {
        String[] base = {"train", "--data-dir", data.toString(), "--out", tmp.resolve("runs/x").toString(),
            "--master", "local[1]"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    @Test
    void truncatedImageFileIsRefusedNamingIt() throws Exception {
        Path data = dataset();
        Path images = data.resolve(DatasetFiles.TRAIN_IMAGES);
        byte[] bytes = Files.readAllBytes(images);
        Files.write(images, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        assertRefused(train(data), DatasetFiles.TRAIN_IMAGES);
    }

    @Test
    void wrongMagicIsRefusedNamingFileAndMagic() throws Exception {
        Path data = dataset();
        IdxWriter.write(data.resolve(DatasetFiles.TEST_LABELS), 2051, new int[] {20}, new byte[20], false);
        assertRefused(train(data), DatasetFiles.TEST_LABELS, "2049", "2051");
    }

    @Test
    void folderWithSomeButNotAllFilesIsRefusedNamingTheMissingOne() throws Exception {
        Path data = dataset();
        Files.delete(data.resolve(DatasetFiles.TEST_IMAGES));
        assertRefused(train(data), DatasetFiles.TEST_IMAGES);
    }

    @Test
    void unknownSettingIsRefusedNamingTheKey() throws Exception {
        assertRefused(train(dataset(), "--set", "train.epoch=3"), "train.epoch");
    }

    @Test
    void outOfRangeValuesAreRefusedNamingTheKey() throws Exception {
        Path data = dataset();
        assertRefused(train(data, "--epochs", "0"), "train.epochs");
        assertRefused(train(data, "--set", "model.dropout=1.0"), "model.dropout");
        assertRefused(train(data, "--learning-rate", "-1"), "optimizer.learning.rate");
    }

    @Test
    void emptyDataFolderWithoutNetworkFailsWithWhereToPutTheFiles() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        CliRun run = train(empty, "--set", "data.download.url=http://127.0.0.1:9/");
        // No network is a failure (exit 1), not bad input; the one line still says where to put the files.
        assertEnded(run, 1, "FASHION_MNIST_DIR", "127.0.0.1:9", empty.toString());
        try (var files = Files.list(empty)) {
            assertEquals(0, files.count(), "no half-downloaded file may remain");
        }
    }

    @Test
    void missingModelIsRefusedNamingIt() throws Exception {
        CliRun run = CliRun.of("predict", "--data-dir", dataset().toString(), "--model",
                tmp.resolve("nope.zip").toString());
        assertRefused(run, "nope.zip");
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun run = CliRun.of("train", "--no-such-option");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--no-such-option"), run.err());
    }

    @Test
    void dataFolderComesFromTheEnvironmentWhenNotGiven() throws Exception {
        Path data = dataset();
        Files.delete(data.resolve(DatasetFiles.TRAIN_LABELS));
        CliRun run = CliRun.of(Map.of("FASHION_MNIST_DIR", data.toString()), "predict", "--model",
                tmp.resolve("m.zip").toString());
        // The test files are there, so it gets as far as the model, which is missing.
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("m.zip"), run.err());
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"train", "evaluate", "predict", "download", "score", "export-images"}) {
            CliRun run = CliRun.of(command, "--help");
            assertEquals(0, run.exitCode(), command);
            assertTrue(run.out().contains("Usage: fashion-spark " + command), run.out());
        }
    }

    @Test
    void verboseAddsTheStackTraceToTheOneLineError() throws Exception {
        Path data = dataset();
        IdxWriter.write(data.resolve(DatasetFiles.TEST_LABELS), 2051, new int[] {20}, new byte[20], false);
        CliRun plain = train(data);
        CliRun verbose = train(data, "--verbose");
        assertEquals(2, verbose.exitCode());
        assertEquals(plain.err().lines().findFirst(), verbose.err().lines().findFirst());
        assertFalse(plain.err().contains("\tat "), plain.err());
        assertTrue(verbose.err().contains("\tat "), "stack trace with --verbose: " + verbose.err());
        for (String command : new String[] {"score", "export-images"}) {
            CliRun help = CliRun.of(command, "--help");
            assertTrue(help.out().contains("--verbose"), command + " offers --verbose: " + help.out());
        }
    }
}
