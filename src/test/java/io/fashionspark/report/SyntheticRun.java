package io.fashionspark.report;

import io.fashionspark.config.ConfigLoader;
import io.fashionspark.config.DataConfig;
import io.fashionspark.config.RunConfig;
import io.fashionspark.config.TrainConfig;
import io.fashionspark.data.DatasetFiles;
import io.fashionspark.data.IdxReader;
import io.fashionspark.data.LabeledImages;
import io.fashionspark.eval.ConfusionCounts;
import io.fashionspark.eval.EvaluationReport;
import io.fashionspark.eval.Prediction;
import io.fashionspark.eval.Predictor;
import io.fashionspark.model.Classifier;
import io.fashionspark.model.NetworkFactory;
import io.fashionspark.run.BuildInfo;
import io.fashionspark.run.InputFile;
import io.fashionspark.run.Provenance;
import io.fashionspark.run.RunFolder;
import io.fashionspark.run.RunWriter;
import io.fashionspark.run.TestReport;
import io.fashionspark.testing.LocalFiles;
import io.fashionspark.testing.SyntheticFashion;
import io.fashionspark.train.EpochMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A tiny finished run folder written without Spark: generated test data, an untrained network of
 * the recipe's shape as model.zip, made-up learning curves, a test report of that network's
 * answers, and a provenance.json. Enough for every section of a report.
 */
public final class SyntheticRun {
    /** Test images in the generated data folder. */
    public static final int TEST_IMAGES = 300;

    private SyntheticRun() {
    }

    /** Writes generated data into {@code data} and a run of {@code epochs} epochs into {@code dir}; returns dir. */
    public static Path write(Path dir, Path data, int epochs, double learningRate) throws IOException {
        DatasetFiles files = SyntheticFashion.writeDataset(data, 100, TEST_IMAGES, 7, true);
        LabeledImages test = IdxReader.read(files.testImages(), files.testLabels(), 10);
        RunConfig config = ConfigLoader.load(Optional.empty(), Map.of(DataConfig.DIR, data.toString(),
                TrainConfig.EPOCHS, Integer.toString(epochs), "optimizer.learning.rate", Double.toString(learningRate)),
                Map.of());
        RunFolder folder = RunFolder.create(LocalFiles.of(dir), false);
        RunWriter writer = new RunWriter(folder);
        writer.writeConfig(config);
        writer.writeMetrics(epochs(epochs, config));
        MultiLayerNetwork net = NetworkFactory.create(config);
        List<String> names = config.data().classNames();
        writer.writeModel(net, names);
        List<Prediction> all = Predictor.predictFirst(Classifier.of(net, names), test, test.count());
        ConfusionCounts counts = new ConfusionCounts(names.size());
        for (Prediction p : all) {
            counts.add(p.trueLabel(), p.predictedLabel(), -Math.log(Math.max(1e-9, p.probability())));
        }
        EvaluationReport report = EvaluationReport.of(counts, 0.01, names);
        writer.writeTestReport(TestReport.of(report, all.subList(0, 10), folder.file(RunFolder.MODEL).toString()));
        writer.writeProvenance(provenance(config, epochs));
        return folder.path().localPath();
    }

    private static List<EpochMetrics> epochs(int epochs, RunConfig config) {
        List<EpochMetrics> out = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            double loss = 1.5 / (1 + e);
            out.add(new EpochMetrics(e, loss + 0.1, loss, 0.5 + 0.4 * e / Math.max(1, epochs - 1),
                    config.learningRateAt(e), List.of(e + ":" + config.learningRateAt(e)), 2.5, 2.0, 1000L + e, 84,
                    16, 4, 1, List.of(), String.format("%064x", e), 2, 2));
        }
        return out;
    }

    private static Provenance provenance(RunConfig config, int epochs) {
        List<Long> seeds = new ArrayList<>();
        List<long[]> rows = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            seeds.add(1000L + e);
            rows.add(new long[] {84, 16});
        }
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("train_seconds", 2.5 * epochs);
        timings.put("total_seconds", 2.5 * epochs + 4);
        return new Provenance(new BuildInfo("test", "unknown", "3.5.9", "3.5.9", "1.0.0-M2", "17"), "local[2]",
                List.of(new io.fashionspark.train.ExecutorRecord("driver", "127.0.0.1", 12, 8, 0, null, null, null)),
                List.of(), 2, List.of(new InputFile("/data/t10k-images-idx3-ubyte.gz", 1234, "ab12")), seeds, rows,
                "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z", timings, RunWriter.sorted(config.toProperties()),
                String.format("%064x", epochs), 2, 2);
    }
}
