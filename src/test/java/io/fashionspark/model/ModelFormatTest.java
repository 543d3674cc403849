package io.fashionspark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.config.DataConfig;
import io.fashionspark.config.RunConfig;
import io.fashionspark.testing.LocalFiles;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * model.zip stays DL4J's format with one entry of ours: a model saved by the previous version
 * (before class names were stored, {@code legacy/model-0.1.0.zip}, with its JvmAdam updater)
 * still loads and predicts as DL4J itself reads it; new files round-trip their class names.
 */
class ModelFormatTest {
    private static final String LEGACY = "/legacy/model-0.1.0.zip";

    @TempDir
    Path tmp;

    private Path legacy() throws Exception {
        Path file = tmp.resolve("model-0.1.0.zip");
        try (InputStream in = getClass().getResourceAsStream(LEGACY)) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void aModelSavedByThePreviousVersionLoadsWithFashionMnistNames() throws Exception {
        Path file = legacy();
        Classifier model = ModelStore.load(LocalFiles.of(file));
        assertEquals(DataConfig.FASHION_MNIST_CLASSES, model.classNames());
        MultiLayerNetwork reference = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
        assertPredictsAs(reference, model);
        ModelStore.Loaded training = ModelStore.loadForTraining(LocalFiles.of(file));
        assertInstanceOf(JvmAdam.class, training.network().getLayerWiseConfigurations().getConf(0).getLayer()
                .getUpdaterByParam("W"));
        assertEquals(reference.getUpdater().getStateViewArray(), training.network().getUpdater().getStateViewArray());
    }

    @Test
    void savedModelsAreReadByDl4jAndKeepTheirClassNamesAndAdamState() throws Exception {
        RunConfig config = small(List.of("zero", "one", "two"));
        MultiLayerNetwork net = NetworkFactory.create(config);
        net.fit(Nd4j.rand(4, 784), Nd4j.eye(4).getColumns(0, 1, 2));
        Path file = tmp.resolve("model.zip");
        ModelStore.save(net, config.data().classNames(), LocalFiles.of(file));

        MultiLayerNetwork dl4j = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
        assertEquals(net.params(), dl4j.params());
        assertEquals(net.getUpdater().getStateViewArray(), dl4j.getUpdater().getStateViewArray());
        ModelStore.Loaded loaded = ModelStore.loadForTraining(LocalFiles.of(file));
        assertEquals(List.of("zero", "one", "two"), loaded.classNames());
        assertEquals(net.getUpdater().getStateViewArray(), loaded.network().getUpdater().getStateViewArray());
        assertPredictsAs(net, ModelStore.load(LocalFiles.of(file)));
    }

    @Test
    void aModelWithoutUpdaterStateIsWrittenForPrediction() throws Exception {
        RunConfig config = small(DataConfig.FASHION_MNIST_CLASSES);
        MultiLayerNetwork net = NetworkFactory.create(config);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelStore.write(net, config.data().classNames(), false, bytes);
        Classifier model = ModelStore.read(new java.io.ByteArrayInputStream(bytes.toByteArray()), "in-memory");
        assertPredictsAs(net, model);
        assertTrue(bytes.size() < Files.size(saveWithUpdater(net, config)));
    }

    @Test
    void namesThatDoNotMatchTheOutputsAreRefused() throws Exception {
        RunConfig config = small(DataConfig.FASHION_MNIST_CLASSES);
        MultiLayerNetwork net = NetworkFactory.create(config);
        assertThrows(IllegalArgumentException.class, () -> Classifier.of(net, List.of("a", "b")));
        Path file = tmp.resolve("mismatch.zip");
        assertThrows(IllegalArgumentException.class,
                () -> ModelStore.save(net, List.of("a", "b", "c"), LocalFiles.of(file)));
        assertFalse(Files.exists(file));
        // A file whose metadata names 3 classes for a 10-output network (edited by hand, say).
        ModelStore.save(net, config.data().classNames(), LocalFiles.of(file));
        rewriteEntry(file, ModelStore.METADATA, "{\"class_names\":[\"a\",\"b\",\"c\"]}");
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelStore.load(LocalFiles.of(file)));
        assertEquals("mismatch.zip: expected a 784-input network with one output per class (3), found 784 inputs"
                + " and 10 outputs", e.getMessage());
    }

    /** Replaces the content of one entry of a zip file. */
    private static void rewriteEntry(Path zip, String name, String content) throws Exception {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip));
             ZipOutputStream out = new ZipOutputStream(copy)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(e.getName().equals(name) ? content.getBytes(StandardCharsets.UTF_8) : in.readAllBytes());
            }
        }
        Files.write(zip, copy.toByteArray());
    }

    private Path saveWithUpdater(MultiLayerNetwork net, RunConfig config) throws Exception {
        Path file = tmp.resolve("with-updater.zip");
        ModelStore.save(net, config.data().classNames(), LocalFiles.of(file));
        return file;
    }

    private static RunConfig small(List<String> names) {
        Properties p = new Properties();
        p.setProperty("model.hidden", "16,8");
        p.setProperty("data.class.names", String.join(",", names));
        return RunConfig.fromProperties(p);
    }

    /** The classifier's probabilities equal the network's own output on the same scaled inputs. */
    private static void assertPredictsAs(MultiLayerNetwork reference, Classifier model) {
        List<byte[]> images = new ArrayList<>();
        float[] scaled = new float[3 * 784];
        for (int i = 0; i < 3; i++) {
            byte[] image = new byte[784];
            for (int j = 0; j < 784; j++) {
                image[j] = (byte) ((i * 37 + j * 11) % 256);
                scaled[i * 784 + j] = 2f * (image[j] & 0xFF) / 255f - 1f;
            }
            images.add(image);
        }
        INDArray expected = reference.output(Nd4j.create(scaled, new long[] {3, 784}), false);
        float[][] actual = model.probabilities(images);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(expected.getRow(i).toFloatVector(), actual[i], 0f);
        }
    }
}
