package io.fashionspark.cli;

import java.io.PrintWriter;
import java.util.Map;

/** What a command may touch of the outside world: its output streams and environment. */
record CliContext(PrintWriter out, PrintWriter err, Map<String, String> env) {
}
