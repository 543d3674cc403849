package io.fashionspark.files;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.apache.hadoop.util.VersionInfo;

/**
 * Turns what a user typed into a {@link Location}, with one Hadoop configuration (the Spark
 * application's: {@code spark.hadoop.*} settings and the cluster's {@code *-site.xml} files).
 * A plain path is a file of this machine, relative to the current folder; anything with a
 * scheme is a URI of the Hadoop file system of that scheme.
 */
public final class Locations {
    /** Connectors that Spark does not ship, by scheme: what to add with {@code --packages}. */
    private static final Map<String, String> CONNECTORS = Map.of(
            "s3a", "org.apache.hadoop:hadoop-aws:%s",
            "s3", "org.apache.hadoop:hadoop-aws:%s (and use the s3a:// scheme)",
            "abfs", "org.apache.hadoop:hadoop-azure:%s",
            "abfss", "org.apache.hadoop:hadoop-azure:%s",
            "wasb", "org.apache.hadoop:hadoop-azure:%s",
            "wasbs", "org.apache.hadoop:hadoop-azure:%s",
            "gs", "the Cloud Storage connector's shaded jar (com.google.cloud.bigdataoss:gcs-connector, hadoop3)",
            "oss", "org.apache.hadoop:hadoop-aliyun:%s");

    /**
     * The configuration of plain local paths when the application's is made on first use
     * ({@link #lazy}): Hadoop's classes without its default resources, which take a second to parse.
     */
    private static final Configuration LOCAL_ONLY = new Configuration(false);

    private final Supplier<Configuration> make;
    private Configuration conf;
    private final Configuration localConf;
    private final RawLocalFileSystem localFs;

    /** Locations resolved with {@code conf}. */
    public Locations(Configuration conf) {
        this(() -> conf, conf);
    }

    private Locations(Supplier<Configuration> make, Configuration local) {
        this.make = make;
        this.localConf = local;
        this.localFs = new RawLocalFileSystem();
        try {
            localFs.initialize(URI.create("file:///"), local);
        } catch (IOException e) {
            throw new IllegalStateException("the local file system could not start: " + e.getMessage(), e);
        }
    }

    /**
     * Locations whose Hadoop configuration is made by {@code make} when first needed: for a path
     * with a scheme, or {@link #configuration()}. Plain local paths need none, so a command that
     * only touches local files does not pay for it.
     */
    public static Locations lazy(Supplier<Configuration> make) {
        return new Locations(make, LOCAL_ONLY);
    }

    /** The Hadoop configuration these locations use (made now when {@link #lazy} and not made yet). */
    public synchronized Configuration configuration() {
        if (conf == null) {
            conf = make.get();
        }
        return conf;
    }

    /**
     * The location a user named.
     *
     * @param option the option or key that named it, for the error message
     * @throws IllegalArgumentException naming {@code option} when the text is blank or its scheme has no
     *                                  Hadoop file system here (saying which connector to add)
     */
    public Location of(String given, String option) throws IOException {
        if (given == null || given.isBlank()) {
            throw new IllegalArgumentException(option + ": expected a path or URI, found an empty one");
        }
        URI uri = Location.schemeUri(given);
        if (uri == null || uri.getScheme().equalsIgnoreCase("file")) {
            java.nio.file.Path file = uri == null ? java.nio.file.Path.of(given) : java.nio.file.Path.of(uri);
            return local(file);
        }
        try {
            return remote(uri, new Path(uri));
        } catch (UnsupportedFileSystemException | RuntimeException e) {
            // Hadoop's defaults name classes of connectors it does not ship (fs.s3a.impl): not found here.
            if (e instanceof RuntimeException && !(e.getCause() instanceof ClassNotFoundException)) {
                throw e;
            }
            throw new IllegalArgumentException(option + ": " + given + ": no Hadoop file system for scheme \""
                    + uri.getScheme() + "\" here; " + connectorAdvice(uri.getScheme()), e);
        }
    }

    /**
     * A path as {@link FileTree} lists it and Spark writes it: Hadoop's form, a URI that is not
     * %-escaped ({@code file:/data/a b.png}, {@code hdfs://nn/data/a.png}).
     */
    public Location listed(String hadoopPath) throws IOException {
        Path path = new Path(hadoopPath);
        URI uri = path.toUri();
        if (uri.getScheme() == null || uri.getScheme().equalsIgnoreCase("file")) {
            return local(java.nio.file.Path.of(uri.getPath()));
        }
        return remote(uri, path);
    }

    /** {@code path} on the Hadoop file system of {@code uri}'s scheme, with the application's configuration. */
    private Location remote(URI uri, Path path) throws IOException {
        FileSystem fs = FileSystem.get(uri, configuration());
        return new Location(fs, configuration(), fs.makeQualified(path), false);
    }

    /** A file of this machine. */
    public Location local(java.nio.file.Path file) {
        java.nio.file.Path absolute = file.toAbsolutePath().normalize();
        try {
            return new Location(localFs, localConf, hadoopPath(absolute), true);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(file + ": not a usable path (" + e.getMessage() + ")", e);
        }
    }

    /**
     * An absolute local path in Hadoop's form ({@code file:/data/a b.png}); not
     * {@code Path.toUri()}, which ends an existing folder's URI with a slash.
     */
    static Path hadoopPath(java.nio.file.Path absolute) throws java.net.URISyntaxException {
        return new Path(new URI("file", null, absolute.toString(), null));
    }

    /** What to add for a scheme without a file system: its connector, as Spark users add jars. */
    static String connectorAdvice(String scheme) {
        String connector = CONNECTORS.get(scheme.toLowerCase(Locale.ROOT));
        String add = connector == null ? "the jar of its Hadoop connector"
                : String.format(Locale.ROOT, connector, VersionInfo.getVersion());
        return "add " + add + " to the application (the launcher's --packages or --jars, as with spark-submit)";
    }
}
