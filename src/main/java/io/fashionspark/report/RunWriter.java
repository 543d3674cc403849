package io.fashionspark.report;

import io.fashionspark.config.RunConfig;
import io.fashionspark.eval.EvaluationReport;
import io.fashionspark.eval.Prediction;
import io.fashionspark.model.ModelStore;
import io.fashionspark.train.EpochMetrics;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
    public static final String CONFIG = "config.properties";
    public static final String METRICS = "metrics.jsonl";
    public static final String MODEL = "model.zip";
    public static final String TEST_REPORT = "test-report.json";
    public static final String PROVENANCE = "provenance.json";

    private final RunFolder folder;

    public RunWriter(RunFolder folder) {
        this.folder = folder;
    }

    /** Writes the effective configuration, keys sorted. */
    public void writeConfig(RunConfig config) throws IOException {
        JsonFiles.writeAtomically(folder.file(CONFIG), propertiesText(config).getBytes(StandardCharsets.UTF_8));
    }

    /** Rewrites metrics.jsonl, atomically, with one line per completed epoch. */
    public void writeMetrics(List<EpochMetrics> epochs) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (EpochMetrics m : epochs) {
            lines.append(JsonFiles.line(m)).append('\n');
        }
        JsonFiles.writeAtomically(folder.file(METRICS), lines.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Writes the trained network with its updater state. */
    public void writeModel(MultiLayerNetwork net) throws IOException {
        ModelStore.save(net, folder.file(MODEL));
    }

    /** Writes the test report, naming the model it describes. */
    public void writeTestReport(EvaluationReport report, List<Prediction> samples, String model) throws IOException {
        JsonFiles.write(folder.file(TEST_REPORT), testReport(report, samples, model));
    }

    /** Writes provenance.json. */
    public void writeProvenance(Provenance provenance) throws IOException {
        JsonFiles.write(folder.file(PROVENANCE), provenance);
    }

    /** The JSON document of a test report: the report's fields, the model and sample predictions. */
    public static Map<String, Object> testReport(EvaluationReport report, List<Prediction> samples, String model) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("model", model);
        doc.put("examples", report.examples());
        doc.put("accuracy", report.accuracy());
        doc.put("loss", report.loss());
        doc.put("per_class", report.perClass());
        doc.put("confusion_matrix", report.confusionMatrix());
        doc.put("class_names", report.classNames());
        doc.put("predictions", samples);
        return doc;
    }

    /** The configuration as properties text with sorted keys and a header line. */
    public static String propertiesText(RunConfig config) {
        Properties p = config.toProperties();
        StringWriter out = new StringWriter();
        out.write("# Effective configuration of this run (defaults < conf file < environment < flags)\n");
        for (Map.Entry<String, String> e : sorted(p).entrySet()) {
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
