package io.fashionspark.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fashionspark.config.ConfigLoader;
import io.fashionspark.data.InvalidDataException;
import io.fashionspark.eval.ClassMetrics;
import io.fashionspark.eval.EvaluationReport;
import io.fashionspark.train.EpochMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a run folder's files back for a report: {@code config.properties}, {@code metrics.jsonl},
 * {@code test-report.json} and {@code provenance.json}. Fields added to these files later are
 * ignored; numeric fields missing from older runs read as NaN or zero.
 */
public final class RunFiles {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RunFiles() {
    }

    /**
     * The content of the run folder {@code dir} (no image grid).
     *
     * @param requireTest refuse a run without test-report.json (an unfinished run)
     * @throws NoSuchFileException  when {@code dir} is missing or not a run folder (no config.properties),
     *                              or, with {@code requireTest}, has no test report
     * @throws InvalidDataException when a file is not the JSON it should be
     */
    public static ReportContent read(Path dir, boolean requireTest) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs)) {
            throw new NoSuchFileException(abs.toString(), null, "no such run folder");
        }
        if (!Files.isRegularFile(abs.resolve(RunWriter.CONFIG))) {
            throw new NoSuchFileException(abs.toString(), null,
                    "not a run folder (expected " + RunWriter.CONFIG + " in it)");
        }
        Path testFile = abs.resolve(RunWriter.TEST_REPORT);
        if (requireTest && !Files.isRegularFile(testFile)) {
            throw new NoSuchFileException(abs.toString(), null,
                    "not a finished run (no " + RunWriter.TEST_REPORT + " in it)");
        }
        Map<String, String> config = RunWriter.sorted(ConfigLoader.read(abs.resolve(RunWriter.CONFIG)));
        EvaluationReport test = null;
        String model = null;
        if (Files.isRegularFile(testFile)) {
            JsonNode tree = tree(testFile);
            test = testReport(testFile, tree);
            model = tree.path("model").isTextual() ? tree.get("model").asText() : null;
        }
        Path provenanceFile = abs.resolve(RunWriter.PROVENANCE);
        JsonNode provenance = Files.isRegularFile(provenanceFile) ? tree(provenanceFile) : null;
        String name = abs.getFileName() == null ? abs.toString() : abs.getFileName().toString();
        return new ReportContent(name, config, epochs(abs.resolve(RunWriter.METRICS)), test, model, provenance,
                null, null);
    }

    /** The epochs of a metrics.jsonl file; none if it does not exist (no epoch finished yet). */
    static List<EpochMetrics> epochs(Path file) throws IOException {
        List<EpochMetrics> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            JsonNode n;
            try {
                n = MAPPER.readTree(lines.get(i));
            } catch (JsonProcessingException e) {
                throw new InvalidDataException(file.getFileName() + ": line " + (i + 1)
                        + ": expected one JSON object per line, found " + e.getOriginalMessage(), e);
            }
            if (n == null || !n.path("epoch").canConvertToInt()) {
                throw new InvalidDataException(file.getFileName() + ": line " + (i + 1)
                        + ": expected a JSON object with an integer \"epoch\"");
            }
            out.add(new EpochMetrics(n.get("epoch").asInt(), number(n, "train_loss"), number(n, "val_loss"),
                    number(n, "val_accuracy"), number(n, "learning_rate"), texts(n.path("worker_learning_rates")),
                    number(n, "seconds"), number(n, "fit_seconds"), n.path("split_seed").asLong(),
                    n.path("train_rows").asLong(), n.path("validation_rows").asLong(), n.path("minibatches").asLong(),
                    n.path("attempts").asInt(1), texts(n.path("executors_lost"))));
        }
        return out;
    }

    private static EvaluationReport testReport(Path file, JsonNode t) throws InvalidDataException {
        JsonNode matrix = t.path("confusion_matrix");
        List<String> names = texts(t.path("class_names"));
        if (!matrix.isArray() || matrix.isEmpty() || matrix.size() != names.size() || !t.path("per_class").isArray()) {
            throw new InvalidDataException(file.getFileName()
                    + ": expected confusion_matrix, class_names and per_class of the same number of classes");
        }
        long[][] counts = new long[matrix.size()][];
        for (int r = 0; r < counts.length; r++) {
            JsonNode row = matrix.get(r);
            if (!row.isArray() || row.size() != counts.length) {
                throw new InvalidDataException(file.getFileName() + ": expected confusion_matrix row " + r + " to hold "
                        + counts.length + " counts, found " + row);
            }
            counts[r] = new long[counts.length];
            for (int c = 0; c < counts.length; c++) {
                counts[r][c] = row.get(c).asLong();
            }
        }
        List<ClassMetrics> perClass = new ArrayList<>();
        for (JsonNode m : t.get("per_class")) {
            perClass.add(new ClassMetrics(m.path("label").asInt(), m.path("name").asText(""), number(m, "precision"),
                    number(m, "recall"), number(m, "f1"), m.path("support").asLong()));
        }
        return new EvaluationReport(t.path("examples").asLong(), number(t, "accuracy"), number(t, "loss"),
                List.copyOf(perClass), counts, names);
    }

    /** A number, also when written as a string ("NaN"); NaN when absent. */
    private static double number(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return Double.NaN;
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        try {
            return Double.parseDouble(v.asText());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.asText()));
        return List.copyOf(out);
    }

    private static JsonNode tree(Path file) throws IOException {
        JsonNode node;
        try {
            node = MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new InvalidDataException(file.getFileName() + ": expected JSON, found " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new InvalidDataException(file.getFileName() + ": expected a JSON object, found "
                    + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
        }
        return node;
    }
}
