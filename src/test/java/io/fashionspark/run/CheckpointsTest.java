package io.fashionspark.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.config.DataConfig;
import io.fashionspark.config.RunConfig;
import io.fashionspark.files.JsonFiles;
import io.fashionspark.files.Location;
import io.fashionspark.model.ModelStore;
import io.fashionspark.model.NetworkFactory;
import io.fashionspark.testing.LocalFiles;
import io.fashionspark.train.EpochMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {
    private static final List<String> NAMES = DataConfig.FASHION_MNIST_CLASSES;
    @TempDir
    Path tmp;

    private static EpochMetrics metrics(int epoch) {
        return new EpochMetrics(epoch, 0.5, 0.4, 0.8, 0.01, List.of(epoch + ":0.01"), 2.0, 1.5, 1234L + epoch,
                50, 10, 4, 1, List.of(), String.format("%064x", epoch), 2, 2);
    }

    @Test
    void keepsTheNewestCheckpointsWithModelAndMetrics() throws Exception {
        Checkpoints checkpoints = new Checkpoints(LocalFiles.of(tmp), 2);
        assertTrue(checkpoints.latest().isEmpty());
        MultiLayerNetwork net = NetworkFactory.create(RunConfig.DEFAULTS);
        List<EpochMetrics> done = new ArrayList<>();
        for (int e = 0; e < 3; e++) {
            done.add(metrics(e));
            checkpoints.write(net, NAMES, done);
        }
        try (var s = Files.list(tmp.resolve(Checkpoints.DIR))) {
            assertEquals(List.of("epoch-0002", "epoch-0003"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        Checkpoints.Checkpoint latest = checkpoints.latest().orElseThrow();
        assertEquals(3, latest.epochsDone());
        assertEquals(done, latest.metrics());
        assertTrue(Files.isRegularFile(tmp.resolve(Checkpoints.DIR).resolve("epoch-0003").resolve(MetricsFile.NAME)));
        assertEquals(done, MetricsFile.read(latest.model().parent().resolve(MetricsFile.NAME)));
        ModelStore.Loaded model = ModelStore.loadForTraining(latest.model());
        assertEquals(net.params(), model.network().params());
        assertEquals(NAMES, model.classNames());
    }

    @Test
    void aCheckpointOfAnEarlierVersionWithMetricsJsonIsRead() throws Exception {
        Checkpoints checkpoints = new Checkpoints(LocalFiles.of(tmp), 3);
        MultiLayerNetwork net = NetworkFactory.create(RunConfig.DEFAULTS);
        List<EpochMetrics> done = List.of(metrics(0), metrics(1));
        Location written = checkpoints.write(net, NAMES, done);
        // Earlier versions kept a checkpoint's metrics as one JSON array in metrics.json.
        Files.delete(written.resolve(MetricsFile.NAME).localPath());
        JsonFiles.write(written.resolve("metrics.json"), done);

        Checkpoints.Checkpoint latest = checkpoints.latest().orElseThrow();
        assertEquals(2, latest.epochsDone());
        assertEquals(done, latest.metrics());
    }

    @Test
    void anIncompleteCheckpointIsIgnored() throws Exception {
        Checkpoints checkpoints = new Checkpoints(LocalFiles.of(tmp), 3);
        MultiLayerNetwork net = NetworkFactory.create(RunConfig.DEFAULTS);
        checkpoints.write(net, NAMES, List.of(metrics(0)));
        Files.createDirectories(tmp.resolve(Checkpoints.DIR).resolve("epoch-0002"));
        assertEquals(1, checkpoints.latest().orElseThrow().epochsDone());
    }
}
