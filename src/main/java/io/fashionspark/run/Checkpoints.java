package io.fashionspark.run;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fashionspark.files.JsonFiles;
import io.fashionspark.files.Location;
import io.fashionspark.model.ModelStore;
import io.fashionspark.train.EpochMetrics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    private final Location dir;
    private final int keep;

    /** A checkpoint that was found: epochs completed, its model file and the metrics so far. */
    public record Checkpoint(int epochsDone, Location model, List<EpochMetrics> metrics) {
    }

    public Checkpoints(Location runFolder, int keep) {
        this.dir = runFolder.resolve(DIR);
        this.keep = keep;
    }

    /**
     * Saves {@code net} after {@code metrics.size()} completed epochs, then prunes old checkpoints.
     * The checkpoint is complete (its files durable) when this returns.
     */
    public Location write(MultiLayerNetwork net, List<String> classNames, List<EpochMetrics> metrics)
            throws IOException {
        Location target = dir.resolve(String.format("epoch-%04d", metrics.size()));
        Location tmp = target.hiddenSibling(".tmp");
        try {
            ModelStore.save(net, classNames, tmp.resolve(RunFolder.MODEL));
            MetricsFile.write(tmp.resolve(MetricsFile.NAME), metrics);
            target.delete();
            tmp.renameTo(target, false);
        } finally {
            tmp.delete();
        }
        prune();
        return target;
    }

    /** The newest complete checkpoint, if any. */
    public Optional<Checkpoint> latest() throws IOException {
        for (Location p : sortedNewestFirst()) {
            Location model = p.resolve(RunFolder.MODEL);
            Location metrics = p.resolve(MetricsFile.NAME);
            Location legacy = p.resolve(LEGACY_METRICS);
            if (model.isFile() && metrics.isFile()) {
                return Optional.of(new Checkpoint(epochOf(p), model, MetricsFile.read(metrics)));
            }
            if (model.isFile() && legacy.isFile()) {
                return Optional.of(new Checkpoint(epochOf(p), model,
                        JsonFiles.read(legacy, new TypeReference<List<EpochMetrics>>() { })));
            }
        }
        return Optional.empty();
    }

    private void prune() throws IOException {
        List<Location> all = sortedNewestFirst();
        for (int i = keep; i < all.size(); i++) {
            all.get(i).delete();
        }
    }

    private List<Location> sortedNewestFirst() throws IOException {
        List<Location> out = new ArrayList<>();
        for (Location p : dir.list()) {
            if (NAME.matcher(p.name()).matches()) {
                out.add(p);
            }
        }
        out.sort(Comparator.comparingInt(Checkpoints::epochOf).reversed());
        return out;
    }

    private static int epochOf(Location p) {
        Matcher m = NAME.matcher(p.name());
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }
}
