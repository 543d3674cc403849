package io.fashionspark.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.testing.LocalFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Precedence (defaults &lt; conf file &lt; environment &lt; overrides) and the errors of the loader. */
class ConfigLoaderTest {
    private static final Path REPO_DEFAULTS = Path.of("conf", "defaults.properties");

    @TempDir
    Path dir;

    @Test
    void nothingGivenLoadsTheDefaults() throws IOException {
        assertEquals(RunConfig.DEFAULTS, ConfigLoader.load(Optional.empty(), Map.of(), Map.of()));
    }

    @Test
    void confFileOverridesDefaultsAndLeavesOtherKeysAlone() throws IOException {
        Path conf = write("run.properties", "train.epochs=5\nmodel.dropout=0.3\n");

        RunConfig c = ConfigLoader.load(Optional.of(LocalFiles.of(conf)), Map.of(), Map.of());

        assertEquals(5, c.train().epochs());
        assertEquals(0.3, c.model().dropout());
        assertEquals(TrainConfig.DEFAULTS.batchSize(), c.train().batchSize());
        assertEquals(RunConfig.DEFAULTS.data(), c.data());
        assertEquals(RunConfig.DEFAULTS.optimizer(), c.optimizer());
    }

    @Test
    void environmentDataDirOverridesConfFile() throws IOException {
        Path conf = write("run.properties", "data.dir=/from/file\n");

        RunConfig c = ConfigLoader.load(Optional.of(LocalFiles.of(conf)), Map.of(),
                Map.of(ConfigLoader.DATA_DIR_ENV, "/from/env"));

        assertEquals("/from/env", c.data().dir());
    }

    @Test
    void environmentDataDirOverridesDefault() throws IOException {
        RunConfig c = ConfigLoader.load(Optional.empty(), Map.of(), Map.of(ConfigLoader.DATA_DIR_ENV, "/from/env"));

        assertEquals("/from/env", c.data().dir());
    }

    @Test
    void blankEnvironmentDataDirIsIgnored() throws IOException {
        Path conf = write("run.properties", "data.dir=/from/file\n");

        RunConfig c = ConfigLoader.load(Optional.of(LocalFiles.of(conf)), Map.of(),
                Map.of(ConfigLoader.DATA_DIR_ENV, "  "));

        assertEquals("/from/file", c.data().dir());
    }

    @Test
    void environmentSetsOnlyTheDataDir() throws IOException {
        Map<String, String> env = Map.of(ConfigLoader.DATA_DIR_ENV, "/from/env",
                TrainConfig.EPOCHS, "3", "TRAIN_EPOCHS", "3");

        RunConfig c = ConfigLoader.load(Optional.empty(), Map.of(), env);

        assertEquals(new RunConfig(new DataConfig("/from/env", DataConfig.DEFAULTS.validationFraction(),
                DataConfig.DEFAULTS.downloadUrl(), DataConfig.FASHION_MNIST_CLASSES), ModelConfig.DEFAULTS,
                OptimizerConfig.DEFAULTS, TrainConfig.DEFAULTS), c);
    }

    @Test
    void overridesBeatEnvironmentConfFileAndDefaults() throws IOException {
        Path conf = write("run.properties", "data.dir=/from/file\ntrain.epochs=5\nmodel.dropout=0.3\n");

        RunConfig c = ConfigLoader.load(Optional.of(LocalFiles.of(conf)),
                Map.of(DataConfig.DIR, "/from/cli", TrainConfig.EPOCHS, "7", TrainConfig.BATCH_SIZE, "32"),
                Map.of(ConfigLoader.DATA_DIR_ENV, "/from/env"));

        assertEquals("/from/cli", c.data().dir());
        assertEquals(7, c.train().epochs());
        assertEquals(32, c.train().batchSize());
        assertEquals(0.3, c.model().dropout(), "the file's value stands where no override is given");
    }

    @Test
    void rejectsUnknownKeyInConfFileNamingKeyAndFile() throws IOException {
        Path conf = write("mine.properties", "train.epochs=5\ntrain.epoch=6\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(Optional.of(LocalFiles.of(conf)), Map.of(), Map.of()));

        assertTrue(e.getMessage().startsWith("train.epoch: unknown key"), e.getMessage());
        assertTrue(e.getMessage().contains("mine.properties"), e.getMessage());
    }

    @Test
    void rejectsUnknownKeyInOverridesNamingKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(Optional.empty(), Map.of("model.dropuot", "0.1"), Map.of()));

        assertTrue(e.getMessage().startsWith("model.dropuot: unknown key"), e.getMessage());
        assertTrue(e.getMessage().contains("command-line"), e.getMessage());
    }

    @Test
    void rejectsMistypedValueInOverridesNamingKeyAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(Optional.empty(), Map.of(TrainConfig.EPOCHS, "abc"), Map.of()));

        assertEquals("train.epochs: expected an integer, found 'abc'", e.getMessage());
    }

    @Test
    void rejectsMistypedValueInConfFileNamingKeyAndValue() throws IOException {
        Path conf = write("run.properties", "model.l2=a lot\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(Optional.of(LocalFiles.of(conf)), Map.of(), Map.of()));

        assertEquals("model.l2: expected a number, found 'a lot'", e.getMessage());
    }

    @Test
    void rejectsMistypedLayerListNamingKeyAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(Optional.empty(), Map.of(ModelConfig.HIDDEN, "512,x,128"), Map.of()));

        assertTrue(e.getMessage().startsWith("model.hidden: "), e.getMessage());
        assertTrue(e.getMessage().contains("512,x,128"), e.getMessage());
    }

    @Test
    void rejectsUnknownScheduleNamingKeyAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(Optional.empty(), Map.of(OptimizerConfig.SCHEDULE, "cosine"), Map.of()));

        assertTrue(e.getMessage().startsWith("optimizer.schedule: "), e.getMessage());
        assertTrue(e.getMessage().contains("cosine"), e.getMessage());
    }

    @Test
    void missingConfFileGivesNoSuchFileExceptionNamingIt() {
        Path absent = dir.resolve("absent.properties");

        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> ConfigLoader.load(Optional.of(LocalFiles.of(absent)), Map.of(), Map.of()));

        assertEquals(absent.toString(), e.getFile());
        assertTrue(e.getMessage().contains("absent.properties"), e.getMessage());
    }

    @Test
    void folderGivenAsConfFileGivesNoSuchFileException() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> ConfigLoader.load(Optional.of(LocalFiles.of(dir)), Map.of(), Map.of()));

        assertEquals(dir.toString(), e.getFile());
    }

    @Test
    void repositoryDefaultsFileLoadsToExactlyTheCodeDefaults() throws IOException {
        assertTrue(Files.isRegularFile(REPO_DEFAULTS), "tests run from the Maven basedir");

        assertEquals(RunConfig.DEFAULTS, ConfigLoader.load(Optional.of(LocalFiles.of(REPO_DEFAULTS)),
                Map.of(), Map.of()));
    }

    @Test
    void repositoryDefaultsFileDocumentsEveryKey() throws IOException {
        String text = Files.readString(REPO_DEFAULTS, StandardCharsets.UTF_8);
        for (String key : RunConfig.KEYS) {
            Matcher m = Pattern.compile("(?m)^#?" + Pattern.quote(key) + "=").matcher(text);
            assertTrue(m.find(), key + " is neither set nor shown commented out in " + REPO_DEFAULTS);
        }
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void rejectsAnEmptyLayerSizeNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(Optional.empty(), Map.of("model.hidden", "512,256,"), Map.of()));
        assertTrue(e.getMessage().startsWith("model.hidden: "), e.getMessage());
    }

    @Test
    void rejectsABlankDataFolderNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(Optional.empty(), Map.of("data.dir", " "), Map.of()));
        assertTrue(e.getMessage().startsWith("data.dir: "), e.getMessage());
    }
}
