package io.fashionspark.cli;

import io.fashionspark.config.ConfigLoader;
import io.fashionspark.config.DataConfig;
import io.fashionspark.config.RunConfig;
import java.io.IOException;
import io.fashionspark.files.Location;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options every command shares: configuration file, overrides, data folder, verbosity. */
final class SharedOptions {
    @Option(names = "--conf", paramLabel = "FILE",
            description = "Properties file with settings (see conf/defaults.properties). " + PathHelp.HELP)
    String conf;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder with the four IDX files (.gz or raw). Default: $FASHION_MNIST_DIR, else"
                    + " data/fashion-mnist. " + PathHelp.HELP)
    String dataDir;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Overrides one setting, e.g. --set train.averaging.frequency=5 (repeatable).")
    Map<String, String> settings = new LinkedHashMap<>();

    @Mixin
    VerboseOption verbosity;

    /** Resolves the effective configuration: defaults < --conf < environment < flags. */
    RunConfig resolve(CliContext context, Map<String, String> flagSettings) throws IOException {
        verbosity.apply();
        Map<String, String> overrides = new LinkedHashMap<>(settings);
        overrides.putAll(flagSettings);
        if (dataDir != null) {
            overrides.put(DataConfig.DIR, dataDir);
        }
        return ConfigLoader.load(conf == null ? Optional.empty() : Optional.of(context.location(conf, "--conf")),
                overrides, context.env());
    }

    /**
     * Resolves the configuration of a run being resumed: its stored {@code config.properties}
     * &lt; flags. The environment is not consulted: the run keeps its own data folder unless a flag says otherwise.
     */
    RunConfig resolveOver(Location stored, Map<String, String> flagSettings) throws IOException {
        if (conf != null) {
            throw new IllegalArgumentException("--conf: not with --resume (the run's own configuration applies)");
        }
        Map<String, String> overrides = new LinkedHashMap<>(settings);
        overrides.putAll(flagSettings);
        if (dataDir != null) {
            overrides.put(DataConfig.DIR, dataDir);
        }
        return ConfigLoader.load(Optional.of(stored), overrides, Map.of());
    }

    /** True when SPARK_LOCAL_IP pins Spark (and so its web UI) to a loopback address. */
    static boolean uiOnLoopback(CliContext context) {
        String ip = context.env().get("SPARK_LOCAL_IP");
        return ip != null && (ip.startsWith("127.") || ip.equals("localhost") || ip.equals("::1"));
    }
}
