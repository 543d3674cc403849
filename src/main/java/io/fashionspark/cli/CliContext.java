package io.fashionspark.cli;

import io.fashionspark.files.Location;
import io.fashionspark.files.Locations;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;

/**
 * What a command may touch of the outside world: its output streams, environment, and the file
 * systems it resolves the paths and URIs a user gives ({@link Locations}).
 */
record CliContext(PrintWriter out, PrintWriter err, Map<String, String> env, Locations locations) {
    /** The location a user named with {@code option}: a plain path of this machine or a Hadoop URI. */
    Location location(String given, String option) throws IOException {
        return locations.of(given, option);
    }
}
