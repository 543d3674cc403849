package io.fashionspark.run;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fashionspark.files.AtomicFiles;
import io.fashionspark.files.JsonFiles;
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
 * network after 3 completed epochs ({@code model.zip} with Adam state and class names) and the
 * metrics of those epochs ({@code metrics.jsonl}; checkpoints of earlier versions hold them as a
 * JSON array in {@code metrics.json}, still read). Each checkpoint is built in a hidden folder and
 * renamed into place, so a checkpoint that exists is complete; only the newest {@code keep} are kept.
 */
public final class Checkpoints {
    public static final String DIR = "checkpoints";
    private static final Pattern NAME = Pattern.compile("epoch-(\\d{4,})");
    /** The metrics of a checkpoint written before they were JSON Lines. */
    private static final String LEGACY_METRICS = "metrics.json";

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
    public Path write(MultiLayerNetwork net, List<String> classNames, List<EpochMetrics> metrics) throws IOException {
        Path target = dir.resolve(String.format("epoch-%04d", metrics.size()));
        Path tmp = AtomicFiles.tempSiblingDirectory(target, ".tmp-");
        try {
            ModelStore.save(net, classNames, tmp.resolve(RunFolder.MODEL));
            MetricsFile.write(tmp.resolve(MetricsFile.NAME), metrics);
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
            Path model = p.resolve(RunFolder.MODEL);
            Path metrics = p.resolve(MetricsFile.NAME);
            Path legacy = p.resolve(LEGACY_METRICS);
            if (Files.isRegularFile(model) && Files.isRegularFile(metrics)) {
                return Optional.of(new Checkpoint(epochOf(p), model, MetricsFile.read(metrics)));
            }
            if (Files.isRegularFile(model) && Files.isRegularFile(legacy)) {
                return Optional.of(new Checkpoint(epochOf(p), model,
                        JsonFiles.read(legacy, new TypeReference<List<EpochMetrics>>() { })));
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
