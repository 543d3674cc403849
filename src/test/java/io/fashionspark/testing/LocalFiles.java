package io.fashionspark.testing;

import io.fashionspark.files.Location;
import io.fashionspark.files.Locations;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;

/** Local files as {@link Location}s, for tests that call the main code's file APIs with a {@code @TempDir} path. */
public final class LocalFiles {
    private static final Locations LOCATIONS = new Locations(new Configuration());

    private LocalFiles() {
    }

    /** The locations every test shares: resolved with a default Hadoop configuration. */
    public static Locations locations() {
        return LOCATIONS;
    }

    /** The local file or folder {@code path} as a {@link Location}. */
    public static Location of(Path path) {
        return LOCATIONS.local(path);
    }
}
