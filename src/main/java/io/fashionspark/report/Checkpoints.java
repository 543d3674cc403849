package io.fashionspark.report;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.fashionspark.data.AtomicFiles;
import io.fashionspark.model.ModelStore;
import io.fashionspark.train.EpochMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Per-epoch checkpoints in a run folder's {@code checkpoints/}: {@code epoch-0003/} holds the
 * network after 3 completed epochs ({@code model.zip} with Adam state) and the metrics of those
 * epochs ({@code metrics.json}). Each checkpoint is built in a hidden folder and renamed into
 * place, so a checkpoint that exists is complete; only the newest {@code keep} are kept.
 */
public final class Checkpoints {
    public static final String DIR = "checkpoints";
    private static final Pattern NAME = Pattern.compile("epoch-(\\d{4,})");
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path dir;
    private final int keep;

    /** A checkpoint that was found: epochs completed, its model file and the metrics so far. */
    public record Checkpoint(int epochsDone, Path model, List<EpochMetrics> metrics) {
    }

    public Checkpoints(Path runFolder, int keep) {
        this.dir = runFolder.resolve(DIR);
        this.keep = keep;
    }

    /** Saves {@code net} after {@code metrics.size()} completed epochs, then prunes old checkpoints. */
    public Path write(MultiLayerNetwork net, List<EpochMetrics> metrics) throws IOException {
        Path target = dir.resolve(String.format("epoch-%04d", metrics.size()));
        Path tmp = AtomicFiles.tempSiblingDirectory(target, ".tmp-");
        try {
            ModelStore.save(net, tmp.resolve(RunWriter.MODEL));
            JsonFiles.write(tmp.resolve("metrics.json"), metrics);
            if (Files.exists(target)) {
                RunFolder.deleteTree(target);
            }
            java.nio.file.Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            RunFolder.deleteTree(tmp);
        }
        prune();
        return target;
    }

    /** The newest complete checkpoint, if any. */
    public Optional<Checkpoint> latest() throws IOException {
        for (Path p : sortedNewestFirst()) {
            Path model = p.resolve(RunWriter.MODEL);
            Path metrics = p.resolve("metrics.json");
            if (Files.isRegularFile(model) && Files.isRegularFile(metrics)) {
                List<EpochMetrics> done = MAPPER.readValue(metrics.toFile(), new TypeReference<List<EpochMetrics>>() { });
                return Optional.of(new Checkpoint(epochOf(p), model, done));
            }
        }
        return Optional.empty();
    }

    private void prune() throws IOException {
        List<Path> all = sortedNewestFirst();
        for (int i = keep; i < all.size(); i++) {
            RunFolder.deleteTree(all.get(i));
        }
    }

    private List<Path> sortedNewestFirst() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).forEach(out::add);
        }
        out.sort(Comparator.comparingInt(Checkpoints::epochOf).reversed());
        return out;
    }

    private static int epochOf(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }
}
