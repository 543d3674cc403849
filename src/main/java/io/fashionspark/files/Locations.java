package io.fashionspark.files;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
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

    private final Configuration conf;
    private final RawLocalFileSystem localFs;

    /** Locations resolved with {@code conf}. */
    public Locations(Configuration conf) {
        this.conf = conf;
        this.localFs = new RawLocalFileSystem();
        try {
            localFs.initialize(URI.create("file:///"), conf);
        } catch (IOException e) {
            throw new IllegalStateException("the local file system could not start: " + e.getMessage(), e);
        }
    }

    /** The Hadoop configuration these locations use. */
    public Configuration configuration() {
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
            FileSystem fs = FileSystem.get(uri, conf);
            return new Location(fs, conf, fs.makeQualified(new Path(uri)), false);
        } catch (UnsupportedFileSystemException | RuntimeException e) {
            // Hadoop's defaults name classes of connectors it does not ship (fs.s3a.impl): not found here.
            if (e instanceof RuntimeException && !(e.getCause() instanceof ClassNotFoundException)) {
                throw e;
            }
            throw new IllegalArgumentException(option + ": " + given + ": no Hadoop file system for scheme \""
                    + uri.getScheme() + "\" here; " + connectorAdvice(uri.getScheme()), e);
        }
    }

    /** A file of this machine. */
    public Location local(java.nio.file.Path file) {
        java.nio.file.Path absolute = file.toAbsolutePath().normalize();
        try {
            // Not Path.toUri(): it ends an existing folder's URI with a slash.
            return new Location(localFs, conf, new Path(new URI("file", null, absolute.toString(), null)), true);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(file + ": not a usable path (" + e.getMessage() + ")", e);
        }
    }

    /** What to add for a scheme without a file system: its connector, as Spark users add jars. */
    static String connectorAdvice(String scheme) {
        String connector = CONNECTORS.get(scheme.toLowerCase(Locale.ROOT));
        String add = connector == null ? "the jar of its Hadoop connector"
                : String.format(Locale.ROOT, connector, VersionInfo.getVersion());
        return "add " + add + " to the application (the launcher's --packages or --jars, as with spark-submit)";
    }
}
