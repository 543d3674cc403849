package io.fashionspark.run;

import io.fashionspark.config.RunConfig;
import io.fashionspark.files.JsonFiles;
import io.fashionspark.model.ModelStore;
import io.fashionspark.train.EpochMetrics;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Writes the files of a training run into its {@link RunFolder}: {@code config.properties},
 * {@code metrics.jsonl} (rewritten as each epoch finishes), {@code model.zip},
 * {@code test-report.json} and {@code provenance.json}. Each whole file is written atomically.
 */
public final class RunWriter {
    private final RunFolder folder;

    public RunWriter(RunFolder folder) {
        this.folder = folder;
    }

    /** Writes the effective configuration, keys sorted. */
    public void writeConfig(RunConfig config) throws IOException {
        folder.file(RunFolder.CONFIG).writeAtomically(propertiesText(config).getBytes(StandardCharsets.UTF_8));
    }

    /** Rewrites metrics.jsonl, atomically, with one line per completed epoch. */
    public void writeMetrics(List<EpochMetrics> epochs) throws IOException {
        MetricsFile.write(folder.file(MetricsFile.NAME), epochs);
    }

    /** Writes the trained network with its updater state and class names. */
    public void writeModel(MultiLayerNetwork net, List<String> classNames) throws IOException {
        ModelStore.save(net, classNames, folder.file(RunFolder.MODEL));
    }

    /** Writes the test report. */
    public void writeTestReport(TestReport report) throws IOException {
        JsonFiles.write(folder.file(RunFolder.TEST_REPORT), report);
    }

    /** Writes provenance.json. */
    public void writeProvenance(Provenance provenance) throws IOException {
        JsonFiles.write(folder.file(RunFolder.PROVENANCE), provenance);
    }

    /** The configuration as properties text with sorted keys and a header line. */
    public static String propertiesText(RunConfig config) {
        StringWriter out = new StringWriter();
        out.write("# Effective configuration of this run (defaults < conf file < environment < flags)\n");
        for (Map.Entry<String, String> e : sorted(config.toProperties()).entrySet()) {
            out.write(e.getKey() + "=" + e.getValue() + "\n");
        }
        return out.toString();
    }

    /** Properties as a sorted map. */
    public static Map<String, String> sorted(Properties p) {
        Map<String, String> map = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            map.put(key, p.getProperty(key));
        }
        return map;
    }
}
