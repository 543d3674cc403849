package io.fashionspark.config;

import io.fashionspark.files.Location;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The one place that reads settings: defaults &lt; conf file &lt; environment (data folder only)
 * &lt; command-line overrides. Runs on the driver, before any Spark job.
 */
public final class ConfigLoader {
    /** Environment variable naming the data folder when {@code --data-dir} is not given. */
    public static final String DATA_DIR_ENV = "FASHION_MNIST_DIR";

    private ConfigLoader() {
    }

    /**
     * Resolves the effective configuration.
     *
     * @param confFile  optional properties file (e.g. conf/defaults.properties), on any file system
     * @param overrides key=value pairs from the command line (the highest precedence)
     * @param env       the process environment ({@code System.getenv()} in production)
     * @throws IllegalArgumentException for an unknown key or a bad value, naming the key
     * @throws IOException              when the conf file cannot be read
     */
    public static RunConfig load(Optional<Location> confFile, Map<String, String> overrides,
                                 Map<String, String> env) throws IOException {
        Properties merged = new Properties();
        if (confFile.isPresent()) {
            Properties fromFile = read(confFile.get());
            RunConfig.rejectUnknownKeys(fromFile, confFile.get().name());
            merged.putAll(fromFile);
        }
        String envDir = env.get(DATA_DIR_ENV);
        if (envDir != null && !envDir.isBlank()) {
            merged.setProperty(DataConfig.DIR, envDir.trim());
        }
        Properties cli = new Properties();
        cli.putAll(overrides);
        RunConfig.rejectUnknownKeys(cli, "command-line overrides");
        merged.putAll(cli);
        return RunConfig.fromProperties(merged);
    }

    /** Reads a properties file, naming it when it is missing or unreadable. */
    public static Properties read(Location file) throws IOException {
        if (!file.isFile()) {
            throw new NoSuchFileException(file.toString(), null, "configuration file not found");
        }
        Properties p = new Properties();
        try (Reader in = new InputStreamReader(file.open(), StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file.name() + ": malformed properties file: " + e.getMessage(), e);
        }
        return p;
    }
}
