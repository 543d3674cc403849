package io.fashionspark.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The bench's {@code pytorch} case: the same recipe in PyTorch ({@code torch_recipe.py}, a
 * resource of this package), run by {@code python3} on this machine with one torch thread and
 * as many BLAS threads as the bench's cores, so its epoch time sits in the same table as the
 * trainer's. Skipped, with the reason, when {@code python3} cannot import {@code torch}.
 *
 * <p>The script prints one JSON line per epoch ({@code epoch_s}: the epoch's wall time, split
 * and validation included) and a last line with {@code test_acc}; the case reports the median
 * epoch after the first, as every other case.
 */
public final class PyTorchCase {
    /** The case's name and kind. */
    public static final String NAME = "pytorch";
    private static final String SCRIPT = "torch_recipe.py";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PyTorchCase() {
    }

    /**
     * Why the case cannot run here, or empty when {@code python} can import {@code torch}.
     * Runs {@code python -c "import torch"} (at most a minute).
     */
    public static Optional<String> unavailable(String python) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(python, "-c", "import torch").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.of(python + " took over a minute to import torch");
            }
            return p.exitValue() == 0 ? Optional.empty() : Optional.of(python + " cannot import torch (on Debian:"
                    + " apt-get install python3-torch)");
        } catch (IOException e) {
            return Optional.of("no " + python + " on the PATH");
        }
    }

    /**
     * Runs the recipe for {@code epochs} epochs on the data in {@code dataDir}; the script and
     * its output go to {@code work}.
     *
     * @return the case's measurements: {@code kind}, {@code epoch_s}, {@code median_epoch_s},
     *         {@code first_epoch_s}, {@code train_rows}, {@code test_accuracy}, {@code torch}
     * @throws IOException if the script fails or prints no epoch
     */
    public static ObjectNode run(String python, Path dataDir, int epochs, int cores, Path work)
            throws IOException, InterruptedException {
        Path script = work.resolve(SCRIPT);
        try (InputStream in = PyTorchCase.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IOException(SCRIPT + ": missing from the class path");
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Path log = work.resolve(NAME + ".log");
        ProcessBuilder pb = new ProcessBuilder(python, script.toString(), "--data", dataDir.toString(),
                "--threads", "1", "--epochs", Integer.toString(epochs))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(cores));
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(cores));
        int exit = pb.start().waitFor();
        ObjectNode result = parse(Files.readAllLines(log));
        if (exit != 0 || !result.has("median_epoch_s")) {
            throw new IOException("bench case " + NAME + ": exit code " + exit + ", no epochs; see " + log);
        }
        return result;
    }

    /** The case's measurements from the script's output lines (other lines are ignored). */
    static ObjectNode parse(List<String> lines) throws IOException {
        ObjectNode out = JSON.createObjectNode();
        out.put("kind", NAME);
        List<Double> epochs = new ArrayList<>();
        for (String line : lines) {
            if (!line.startsWith("{")) {
                continue;
            }
            JsonNode n = JSON.readTree(line);
            if (n.has("epoch_s")) {
                epochs.add(n.get("epoch_s").asDouble());
            } else if (n.has("test_acc")) {
                out.put("test_accuracy", n.get("test_acc").asDouble());
                out.put("torch", n.path("torch").asText());
            }
        }
        out.putArray("epoch_s").addAll(epochs.stream().map(out::numberNode).toList());
        if (epochs.size() >= 2) {
            out.put("first_epoch_s", epochs.get(0));
            out.put("median_epoch_s",
                    CaseRunner.median(epochs.subList(1, epochs.size()).stream().mapToDouble(Double::doubleValue).toArray()));
            out.put("train_rows", 50_000);
        }
        return out;
    }
}
