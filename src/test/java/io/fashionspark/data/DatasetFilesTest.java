package io.fashionspark.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.files.Location;
import io.fashionspark.testing.LocalFiles;
import io.fashionspark.testing.SyntheticFashion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFilesTest {
    @TempDir
    Path dir;

    @Test
    void reportsEveryFileMissingInEmptyFolder() throws IOException {
        DatasetFiles.Presence presence = DatasetFiles.inspect(LocalFiles.of(dir));

        assertFalse(presence.complete());
        assertEquals(DatasetFiles.BASE_NAMES, presence.missing());
        assertTrue(presence.present().isEmpty());
    }

    @Test
    void inspectsMissingFolderWithoutThrowing() throws IOException {
        DatasetFiles.Presence presence = DatasetFiles.inspect(LocalFiles.of(dir.resolve("nowhere")));

        assertEquals(4, presence.missing().size());
    }

    @Test
    void findsGzipFilesByOfficialName() throws IOException {
        DatasetFiles written = SyntheticFashion.writeDataset(dir, 10, 10, 1L, true);

        DatasetFiles.Presence presence = DatasetFiles.inspect(LocalFiles.of(dir));

        assertTrue(presence.complete());
        assertEquals(written.all(), List.copyOf(presence.present().values()));
        assertEquals(LocalFiles.of(dir.resolve("t10k-labels-idx1-ubyte.gz")),
                presence.present().get(DatasetFiles.TEST_LABELS));
    }

    @Test
    void locatesRawFilesInOfficialOrder() throws IOException {
        SyntheticFashion.writeDataset(dir, 10, 10, 1L, false);

        DatasetFiles files = DatasetFiles.locate(LocalFiles.of(dir));

        assertEquals(List.of(LocalFiles.of(dir.resolve("train-images-idx3-ubyte")),
                LocalFiles.of(dir.resolve("train-labels-idx1-ubyte")),
                LocalFiles.of(dir.resolve("t10k-images-idx3-ubyte")),
                LocalFiles.of(dir.resolve("t10k-labels-idx1-ubyte"))), files.all());
    }

    @Test
    void prefersRawFileWhenBothFormsArePresent() throws IOException {
        SyntheticFashion.writeDataset(dir, 10, 10, 1L, true);
        Files.write(dir.resolve(DatasetFiles.TRAIN_LABELS), new byte[] {1});

        DatasetFiles files = DatasetFiles.locate(LocalFiles.of(dir));

        assertEquals(LocalFiles.of(dir.resolve("train-labels-idx1-ubyte")), files.trainLabels());
        assertEquals(LocalFiles.of(dir.resolve("train-images-idx3-ubyte.gz")), files.trainImages());
    }

    @Test
    void ignoresFolderNamedLikeDataFile() throws IOException {
        Files.createDirectory(dir.resolve(DatasetFiles.TRAIN_IMAGES));

        assertFalse(DatasetFiles.inspect(LocalFiles.of(dir)).isPresent(DatasetFiles.TRAIN_IMAGES));
    }

    @Test
    void tellsWhichFilesOfPartialFolderArePresent() throws IOException {
        SyntheticFashion.writeDataset(dir, 10, 10, 1L, true);
        Files.delete(dir.resolve("t10k-images-idx3-ubyte.gz"));
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));

        DatasetFiles.Presence presence = DatasetFiles.inspect(LocalFiles.of(dir));

        assertTrue(presence.isPresent(DatasetFiles.TRAIN_IMAGES));
        assertTrue(presence.isPresent(DatasetFiles.TRAIN_LABELS));
        assertFalse(presence.isPresent(DatasetFiles.TEST_IMAGES));
        assertEquals(List.of(DatasetFiles.TEST_IMAGES, DatasetFiles.TEST_LABELS), presence.missing());
    }

    @Test
    void locateNamesMissingFilesAndFolder() throws IOException {
        SyntheticFashion.writeDataset(dir, 10, 10, 1L, true);
        Files.delete(dir.resolve("t10k-images-idx3-ubyte.gz"));
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));

        MissingDataFileException e = assertThrows(MissingDataFileException.class,
                () -> DatasetFiles.locate(LocalFiles.of(dir)));

        assertEquals("t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]: expected in "
                + dir.toAbsolutePath() + " (as name.gz or raw name), found none", e.getMessage());
    }

    @Test
    void locateSaysWhenFolderDoesNotExist() {
        Path missing = dir.resolve("no-such-folder");

        MissingDataFileException e = assertThrows(MissingDataFileException.class,
                () -> DatasetFiles.locate(LocalFiles.of(missing)));

        assertTrue(e.getMessage().startsWith("train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], "
                + "t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]: expected in " + missing.toAbsolutePath()),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("found no such folder"), e.getMessage());
    }

    @Test
    void rejectsNullPath() {
        Location folder = LocalFiles.of(dir);
        assertThrows(NullPointerException.class, () -> new DatasetFiles(folder, folder, folder, null));
    }
}
