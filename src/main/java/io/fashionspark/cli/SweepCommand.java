package io.fashionspark.cli;

import io.fashionspark.config.ConfigLoader;
import io.fashionspark.config.RunConfig;
import io.fashionspark.config.TrainConfig;
import io.fashionspark.files.Location;
import io.fashionspark.model.NetworkFactory;
import io.fashionspark.report.ScalingSweep;
import io.fashionspark.run.RunFolder;
import io.fashionspark.run.RunReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sweep}: trains the configured recipe once per worker count N and seed, each run in
 * {@code local[N]} embedded in this JVM (one Spark session after another), into run folders
 * {@code OUT/wN-sSEED}; then writes the accuracy-against-workers summary ({@link ScalingSweep})
 * beside them. A sweep started again keeps its finished runs and resumes an interrupted one, so
 * it can grow by worker counts or seeds; a run folder made with other settings is refused.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Train at several worker counts (local[N]) and seeds, then summarise test accuracy against"
                + " workers: sweep.json, two SVG charts and their PNG in --out.")
final class SweepCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    SharedOptions shared;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Sweep folder: one run folder per worker count and seed, and the summary. " + PathHelp.HELP)
    String out;

    @Option(names = "--workers", paramLabel = "N", split = ",", defaultValue = "1,2,4,8,16",
            description = "Worker counts, each run in local[N] (default: ${DEFAULT-VALUE}).")
    List<Integer> workers;

    @Option(names = "--seeds", paramLabel = "SEED", split = ",", defaultValue = "1,2,3",
            description = "Seeds (train.seed) of each worker count (default: ${DEFAULT-VALUE}).")
    List<Long> seeds;

    @Option(names = "--epochs", description = "Epochs (train.epochs).")
    Integer epochs;

    SweepCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        NetworkFactory.loadBackendInBackground();
        for (int n : workers) {
            if (n < 1) {
                throw new IllegalArgumentException("--workers: expected counts of at least 1, found " + n);
            }
        }
        Location dir = context.location(out, "--out");
        List<Map.Entry<String, RunConfig>> plan = new ArrayList<>();
        for (int n : new LinkedHashSet<>(workers)) {
            for (long seed : new LinkedHashSet<>(seeds)) {
                Map<String, String> flags = new LinkedHashMap<>();
                flags.put(TrainConfig.WORKERS, Integer.toString(n));
                flags.put(TrainConfig.SEED, Long.toString(seed));
                if (epochs != null) {
                    flags.put(TrainConfig.EPOCHS, epochs.toString());
                }
                plan.add(Map.entry("w" + n + "-s" + seed, shared.resolve(context, flags)));
            }
        }
        // Every settings clash is found before the first run starts.
        for (Map.Entry<String, RunConfig> p : plan) {
            Location run = dir.resolve(p.getKey());
            if (run.exists()) {
                RunConfig stored = RunConfig.fromProperties(ConfigLoader.read(RunFolder.open(run).file(RunFolder.CONFIG)));
                if (!stored.equals(p.getValue())) {
                    throw new IllegalArgumentException("--out: " + run + " was trained with other settings ("
                            + ConfigDiff.describe(stored, p.getValue()) + "); give the sweep another folder");
                }
            }
        }
        dir.mkdirs();
        Inputs inputs = Inputs.read(plan.get(0).getValue(), context);
        List<ScalingSweep.Run> done = new ArrayList<>();
        for (Map.Entry<String, RunConfig> p : plan) {
            RunConfig config = p.getValue();
            Location run = dir.resolve(p.getKey());
            String master = "local[" + config.train().workers() + "]";
            RunFolder existing = run.exists() ? RunFolder.open(run) : null;
            if (existing == null) {
                context.out().printf("%n== %s: %s, seed %d ==%n", p.getKey(), master, config.train().seed());
                new RunExecution(context, master, config, inputs).run(RunFolder.create(run, false));
            } else if (!existing.isComplete()) {
                context.out().printf("%n== %s: resuming ==%n", p.getKey());
                new RunExecution(context, master, config, inputs).resume(existing, config);
            } else {
                context.out().printf("%s: finished earlier, kept%n", p.getKey());
            }
            done.add(ScalingSweep.Run.of(RunReader.read(run, true)));
        }
        ScalingSweep sweep = new ScalingSweep(done);
        sweep.write(dir);
        context.out().printf("%n%s%nwritten: %s, %s, %s, %s in %s%n", sweep.table(), ScalingSweep.JSON,
                ScalingSweep.ACCURACY_SVG, ScalingSweep.VALIDATION_SVG, ScalingSweep.PNG, dir);
        return 0;
    }
}
