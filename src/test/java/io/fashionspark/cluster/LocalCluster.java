package io.fashionspark.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on 127.0.0.1, started and stopped by {@code submit/cluster.sh}.
 *
 * <p>It runs on free ports with its state (pid files, logs, work folders) in its own folder, so
 * it neither needs nor disturbs a cluster on the default ports. {@link #close()} stops exactly
 * the processes the script recorded, and a shutdown hook does the same if the JVM ends first.
 */
final class LocalCluster implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);
    private static final String EXECUTOR_MAIN = "CoarseGrainedExecutorBackend";

    private final Path root;
    private final Path state;
    private final Map<String, String> env;
    private final int port;
    private final Thread shutdownHook = new Thread(this::stopQuietly, "stop local cluster");
    private boolean stopped;

    private LocalCluster(Path root, Path state, Map<String, String> env, int port) {
        this.root = root;
        this.state = state;
        this.env = env;
        this.port = port;
    }

    /**
     * Starts {@code workers} workers of one core and 2g each, with state under {@code state}.
     *
     * @throws AssertionError if the script fails; whatever it started is stopped first
     */
    static LocalCluster start(Path root, Path buildDir, Path state, int workers)
            throws IOException, InterruptedException {
        Map<String, String> env = environment(buildDir, state);
        int port = freePort();
        int webui = freePorts(workers + 1);
        LocalCluster cluster = new LocalCluster(root, state, env, port);
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        ScriptRun run = ScriptRun.run(List.of(cluster.script(), "start", "--workers", String.valueOf(workers),
                        "--cores", "1", "--memory", "2g", "--port", String.valueOf(port),
                        "--webui-port", String.valueOf(webui)),
                root, env, state.resolveSibling("cluster-start.err"), START_TIMEOUT, null);
        if (run.exitCode() != 0) {
            cluster.close();
            throw new AssertionError("submit/cluster.sh start failed: " + run.describe());
        }
        return cluster;
    }

    /**
     * Stops whatever a cluster recorded in {@code state} still runs (left by a JVM that died
     * before it could stop it) and deletes that folder.
     */
    static void removeEarlier(Path root, Path buildDir, Path state) throws IOException, InterruptedException {
        if (Files.isDirectory(state)) {
            new LocalCluster(root, state, environment(buildDir, state), 0).close();
        }
        Path folder = state.getParent();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** {@code spark://127.0.0.1:<port>}. */
    /** The cluster's state folder (pid files, logs, the secret). */
    Path state() {
        return state;
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + port;
    }

    /** The environment the scripts need to find this build and this cluster. */
    Map<String, String> environment() {
        return env;
    }

    /** The recorded pids of the running workers. */
    List<Long> workerPids() throws IOException {
        List<Long> pids = new ArrayList<>();
        try (var files = Files.newDirectoryStream(state, "worker-*.pid")) {
            for (Path file : files) {
                pids.add(Long.parseLong(Files.readString(file).trim()));
            }
        }
        return pids;
    }

    /** The executor JVM a worker started, found among the worker's child processes. */
    static Optional<ProcessHandle> executorOf(long workerPid) {
        return ProcessHandle.of(workerPid).stream()
                .flatMap(ProcessHandle::children)
                .filter(p -> p.info().arguments().map(args -> String.join(" ", args).contains(EXECUTOR_MAIN))
                        .orElse(p.info().commandLine().map(c -> c.contains(EXECUTOR_MAIN)).orElse(false)))
                .findFirst();
    }

    /** Stops the cluster with {@code submit/cluster.sh stop}; a second call does nothing. */
    @Override
    public synchronized void close() throws IOException, InterruptedException {
        if (stopped) {
            return;
        }
        stopped = true;
        ScriptRun run = ScriptRun.run(List.of(script(), "stop"), root, env, state.resolveSibling("cluster-stop.err"),
                STOP_TIMEOUT, null);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // Called from the hook itself while the JVM exits.
        }
        if (run.exitCode() != 0) {
            throw new AssertionError("submit/cluster.sh stop failed: " + run.describe());
        }
    }

    private void stopQuietly() {
        try {
            close();
        } catch (IOException | InterruptedException | AssertionError e) {
            System.err.println("stopping the local cluster failed: " + e);
        }
    }

    private static Map<String, String> environment(Path buildDir, Path state) {
        Map<String, String> env = new HashMap<>();
        env.put("BUILD_DIR", buildDir.toString());
        env.put("CLUSTER_DIR", state.toString());
        // The cluster runs the Spark home built from Maven's jars, never an installed Spark.
        env.put("SPARK_HOME", null);
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        return env;
    }

    private String script() {
        return root.resolve("submit/cluster.sh").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The first of {@code count} consecutive ports that are free on loopback now. */
    private static int freePorts(int count) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(20_000, 30_000);
            if (allFree(first, count)) {
                return first;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports in 20000-30000");
    }

    private static boolean allFree(int first, int count) {
        for (int p = first; p < first + count; p++) {
            try (ServerSocket socket = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }
}
