package io.fashionspark.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.config.DataConfig;
import io.fashionspark.config.RunConfig;
import io.fashionspark.testing.LocalFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Save and load of model.zip: everything survives, bad files are refused by name, nothing half-written remains. */
class ModelStoreTest {
    private static final List<String> NAMES = DataConfig.FASHION_MNIST_CLASSES;
    @TempDir
    Path dir;

    @Test
    void savedNetworkLoadsWithSameParamsOutputsAndUpdaterState() throws IOException {
        MultiLayerNetwork net = trainedNetwork();
        Path file = dir.resolve("model.zip");
        INDArray x = Configs.inputs(32, 41L);

        ModelStore.save(net, NAMES, LocalFiles.of(file));
        ModelStore.Loaded loaded = ModelStore.loadForTraining(LocalFiles.of(file));

        assertEquals(NAMES, loaded.classNames());
        assertEquals(net.params(), loaded.network().params());
        assertEquals(net.output(x, false), loaded.network().output(x, false));
        INDArray state = net.getUpdater().getStateViewArray();
        assertTrue(state.amaxNumber().doubleValue() > 0, "fitting gave Adam some state to keep");
        assertEquals(state, loaded.network().getUpdater().getStateViewArray());
        Classifier forPrediction = ModelStore.load(LocalFiles.of(file));
        assertEquals(NAMES, forPrediction.classNames());
        assertEquals(net.params(), forPrediction.network().params());
        assertEquals(net.output(x, false), forPrediction.network().output(x, false));
    }

    @Test
    void loadedNetworkKeepsTheLearningRateSchedule() throws IOException {
        Path file = dir.resolve("model.zip");
        ModelStore.save(trainedNetwork(), NAMES, LocalFiles.of(file));

        MultiLayerNetwork loaded = ModelStore.loadForTraining(LocalFiles.of(file)).network();

        Adam adam = (Adam) ((BaseLayer) loaded.getLayerWiseConfigurations().getConf(0).getLayer()).getIUpdater();
        for (int e = 0; e < RunConfig.DEFAULTS.train().epochs(); e++) {
            assertEquals(RunConfig.DEFAULTS.learningRateAt(e), adam.getLearningRate(0, e), 1e-15, "epoch " + e);
        }
    }

    @Test
    void loadedNetworkContinuesTrainingLikeTheOriginal() throws IOException {
        MultiLayerNetwork net = trainedNetwork();
        Path file = dir.resolve("model.zip");
        ModelStore.save(net, NAMES, LocalFiles.of(file));
        MultiLayerNetwork loaded = ModelStore.loadForTraining(LocalFiles.of(file)).network();

        net.fit(Configs.batch(16, 43L));
        loaded.fit(Configs.batch(16, 43L));

        double gap = net.params().sub(loaded.params()).amaxNumber().doubleValue();
        assertTrue(gap < 1e-6, "parameters after one more step differ by " + gap);
    }

    @Test
    void arraysAreWrittenWithoutCompressingThem() throws IOException {
        // Deflate shrinks float parameters by about 7% and costs a checkpoint 175 ms; DL4J reads either.
        Path file = dir.resolve("model.zip");
        ModelStore.save(trainedNetwork(), NAMES, LocalFiles.of(file));
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            for (String name : List.of(ModelSerializer.COEFFICIENTS_BIN, ModelSerializer.UPDATER_BIN)) {
                ZipEntry e = zip.getEntry(name);
                assertTrue(e.getCompressedSize() >= e.getSize(), name + ": " + e.getCompressedSize() + " of " + e.getSize());
            }
        }
        assertEquals(trainedNetwork().params().length(), ModelSerializer.restoreMultiLayerNetwork(file.toFile()).params().length());
    }

    @Test
    void saveLeavesOnlyTheModelFileBehind() throws IOException {
        ModelStore.save(trainedNetwork(), NAMES, LocalFiles.of(dir.resolve("model.zip")));

        assertEquals(List.of("model.zip"), fileNames(dir));
    }

    @Test
    void saveCreatesMissingFoldersAndReplacesAnOlderModel() throws IOException {
        Path file = dir.resolve("runs").resolve("r1").resolve("model.zip");
        MultiLayerNetwork older = NetworkFactory.create(RunConfig.DEFAULTS);
        MultiLayerNetwork newer = trainedNetwork();
        assertNotEquals(older.params(), newer.params());

        ModelStore.save(older, NAMES, LocalFiles.of(file));
        ModelStore.save(newer, NAMES, LocalFiles.of(file));

        assertEquals(newer.params(), ModelStore.load(LocalFiles.of(file)).network().params());
        assertEquals(List.of("model.zip"), fileNames(file.getParent()));
    }

    @Test
    void failedSaveLeavesNoTemporaryFile() throws IOException {
        Path target = Files.createDirectories(dir.resolve("model.zip")).resolve("occupied");
        Files.writeString(target, "x");
        Path folderAsTarget = dir.resolve("model.zip");

        assertThrows(IOException.class, () -> ModelStore.save(trainedNetwork(), NAMES, LocalFiles.of(folderAsTarget)));

        assertFalse(fileNames(dir).stream().anyMatch(n -> n.endsWith(".tmp")), fileNames(dir).toString());
    }

    @Test
    void missingFileIsRefusedNamingIt() {
        Path file = dir.resolve("absent-model.zip");

        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelStore.load(LocalFiles.of(file)));

        assertTrue(e.getMessage().startsWith("absent-model.zip: "), e.getMessage());
    }

    @Test
    void garbageFileIsRefusedNamingIt() throws IOException {
        Path file = Files.writeString(dir.resolve("garbage.zip"), "this is no model", StandardCharsets.UTF_8);

        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelStore.load(LocalFiles.of(file)));

        assertTrue(e.getMessage().startsWith("garbage.zip: expected a DL4J model zip"), e.getMessage());
    }

    @Test
    void emptyFileIsRefusedNamingIt() throws IOException {
        Path file = Files.write(dir.resolve("empty.zip"), new byte[0]);

        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelStore.load(LocalFiles.of(file)));

        assertTrue(e.getMessage().startsWith("empty.zip: "), e.getMessage());
    }

    @Test
    void zipWithoutAModelIsRefusedNamingIt() throws IOException {
        Path file = dir.resolve("notes.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("notes.txt"));
            zip.write("no network here".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }

        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelStore.load(LocalFiles.of(file)));

        assertTrue(e.getMessage().startsWith("notes.zip: expected a DL4J model zip"), e.getMessage());
    }

    @Test
    void networkOfAnotherInputSizeIsRefused() throws IOException {
        Path file = dir.resolve("small-input.zip");
        ModelSerializer.writeModel(network(100, 10), file.toFile(), true);

        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelStore.load(LocalFiles.of(file)));

        assertTrue(e.getMessage().startsWith(
                "small-input.zip: expected a 784-input network with one output per class (10)"), e.getMessage());
        assertTrue(e.getMessage().contains("found 100 inputs"), e.getMessage());
    }

    @Test
    void networkOfAnotherClassCountIsRefused() throws IOException {
        Path file = dir.resolve("eleven.zip");
        ModelSerializer.writeModel(network(784, 11), file.toFile(), true);

        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelStore.load(LocalFiles.of(file)));

        assertTrue(e.getMessage().contains("11 outputs"), e.getMessage());
    }

    @Test
    void networkOfOtherHiddenSizesIsAccepted() throws IOException {
        MultiLayerNetwork small = NetworkFactory.create(Configs.withModel(List.of(16, 8), 0.2, 1, 1e-4));
        Path file = dir.resolve("small.zip");

        ModelStore.save(small, NAMES, LocalFiles.of(file));

        assertEquals(small.params(), ModelStore.load(LocalFiles.of(file)).network().params());
    }

    @Test
    void classNamesOfAnotherDatasetSurviveTheRoundTrip() throws IOException {
        List<String> three = List.of("cat", "dog", "Ankle boot");
        RunConfig d = RunConfig.DEFAULTS;
        RunConfig config = new RunConfig(new DataConfig(d.data().dir(), d.data().validationFraction(),
                d.data().downloadUrl(), three), d.model(), d.optimizer(), d.train());
        MultiLayerNetwork net = NetworkFactory.create(config);
        Path file = dir.resolve("three.zip");

        ModelStore.save(net, three, LocalFiles.of(file));

        Classifier loaded = ModelStore.load(LocalFiles.of(file));
        assertEquals(three, loaded.classNames());
        assertEquals(3, loaded.classes());
        assertEquals(net.params(), loaded.network().params());
        assertEquals(three, ModelStore.loadForTraining(LocalFiles.of(file)).classNames());
    }

    @Test
    void modelWithoutClassNamesHasFashionMnistClasses() throws IOException {
        Path file = dir.resolve("dl4j-only.zip");
        ModelSerializer.writeModel(NetworkFactory.create(RunConfig.DEFAULTS), file.toFile(), true);

        assertEquals(DataConfig.FASHION_MNIST_CLASSES, ModelStore.load(LocalFiles.of(file)).classNames());
    }

    /** The recipe network after two Adam steps, so parameters and updater state are no longer initial. */
    private static MultiLayerNetwork trainedNetwork() {
        MultiLayerNetwork net = NetworkFactory.create(RunConfig.DEFAULTS);
        net.setEpochCount(3);
        net.fit(Configs.batch(16, 42L));
        net.fit(Configs.batch(16, 42L));
        return net;
    }

    private static MultiLayerNetwork network(int inputs, int classes) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new DenseLayer.Builder().nIn(inputs).nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(classes)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static List<String> fileNames(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
