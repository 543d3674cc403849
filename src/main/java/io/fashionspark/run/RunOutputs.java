package io.fashionspark.run;

import io.fashionspark.config.RunConfig;
import io.fashionspark.data.DatasetFiles;
import io.fashionspark.files.Location;
import io.fashionspark.model.ParameterDigest;
import io.fashionspark.train.EpochMetrics;
import io.fashionspark.train.TrainingResult;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Writes the end-of-run files of a finished training: model, test report and provenance.
 * Runs on the driver after training; reads each input file once more to hash it.
 */
final class RunOutputs {
    private final RunWriter writer;
    private final RunFolder folder;
    private final Instant startedAt;

    RunOutputs(RunWriter writer, RunFolder folder) {
        this.writer = writer;
        this.folder = folder;
        this.startedAt = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    }

    /** Writes model.zip, test-report.json and provenance.json into the run folder. */
    void write(SparkSession spark, RunConfig config, DatasetFiles files, TrainingResult result)
            throws IOException {
        writer.writeModel(result.network(), config.data().classNames());
        writer.writeTestReport(TestReport.of(result.test(), result.samples(), folder.file(RunFolder.MODEL).toString()));
        writer.writeProvenance(provenance(spark.sparkContext(), config, files, result));
    }

    private Provenance provenance(SparkContext sc, RunConfig config, DatasetFiles files, TrainingResult result)
            throws IOException {
        List<InputFile> inputs = new ArrayList<>();
        for (Location p : files.all()) {
            inputs.add(InputFile.of(p));
        }
        List<Long> seeds = new ArrayList<>();
        List<long[]> rows = new ArrayList<>();
        for (EpochMetrics m : result.epochs()) {
            seeds.add(m.splitSeed());
            rows.add(new long[] {m.trainRows(), m.validationRows()});
        }
        EpochMetrics last = result.epochs().get(result.epochs().size() - 1);
        return new Provenance(BuildInfo.current(), sc.master(), result.executors(), result.executorLosses(),
                result.workers(), inputs, seeds, rows,
                startedAt.toString(), Instant.now().toString(), timings(result), RunWriter.sorted(config.toProperties()),
                ParameterDigest.sha256(result.network()), last.averagingFrequency(), last.rounds());
    }

    private Map<String, Double> timings(TrainingResult result) {
        Map<String, Double> t = new LinkedHashMap<>();
        double sinceJvmStart = (System.currentTimeMillis() - startedAt.toEpochMilli()) / 1000.0;
        double beforeFirstEpoch = sinceJvmStart - result.trainSeconds() - result.testSeconds();
        t.put("jvm_start_to_first_epoch_seconds", beforeFirstEpoch);
        t.put("setup_seconds", result.setupSeconds());
        t.put("train_seconds", result.trainSeconds());
        t.put("test_seconds", result.testSeconds());
        t.put("total_seconds", sinceJvmStart);
        return t;
    }
}
