package io.fashionspark.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.config.DataConfig;
import io.fashionspark.config.RunConfig;
import io.fashionspark.model.Classifier;
import io.fashionspark.model.ModelFileException;
import io.fashionspark.model.NetworkFactory;
import io.fashionspark.testing.SparkTestSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model's directory layout and the errors for a damaged one (an untrained network suffices). */
class ModelPersistenceTest {
    private static FashionClassifierModel model;

    @BeforeAll
    static void setUp() {
        SparkTestSession.get();
        model = new FashionClassifierModel("untrained",
                Classifier.of(NetworkFactory.create(RunConfig.DEFAULTS), DataConfig.FASHION_MNIST_CLASSES), List.of())
                .setPredictionCol("label_guess");
    }

    @Test
    void savesParamsMetadataAndTheNetworkZip(@TempDir Path dir) throws IOException {
        Path saved = dir.resolve("model");
        model.write().save(saved.toString());
        assertTrue(Files.isRegularFile(saved.resolve("data/model.zip")));
        String metadata = Files.readString(saved.resolve("metadata/part-00000"));
        assertTrue(metadata.contains("\"class\":\"io.fashionspark.ml.FashionClassifierModel\""), metadata);
        assertTrue(metadata.contains("\"predictionCol\":\"label_guess\""), metadata);
        try (var files = Files.list(saved.resolve("data"))) {
            // Hadoop's local file system keeps a .crc beside each file; no partial file may remain.
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.contains("partial")).toList());
        }
        FashionClassifierModel loaded = FashionClassifierModel.load(saved.toString());
        assertEquals("untrained", loaded.uid());
        assertEquals("label_guess", loaded.getPredictionCol());
        assertEquals(model.network().params(), loaded.network().params());
        assertEquals(DataConfig.FASHION_MNIST_CLASSES, loaded.classNames());
    }

    @Test
    void aMissingNetworkFileIsNamed(@TempDir Path dir) throws IOException {
        Path saved = dir.resolve("model");
        model.write().save(saved.toString());
        Files.delete(saved.resolve("data/model.zip"));
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> FashionClassifierModel.load(saved.toString()));
        assertInstanceOf(ModelFileException.class, e.getCause());
        assertTrue(e.getCause().getMessage().endsWith("data/model.zip: model file not found"), e.getCause().getMessage());
    }

    @Test
    void anUnreadableNetworkFileIsNamed(@TempDir Path dir) throws IOException {
        Path saved = dir.resolve("model");
        model.write().save(saved.toString());
        Files.writeString(saved.resolve("data/model.zip"), "not a zip");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> FashionClassifierModel.load(saved.toString()));
        assertTrue(e.getCause().getMessage().contains("data/model.zip: expected a DL4J model zip, found an unreadable file"),
                e.getCause().getMessage());
    }
}
