package io.fashionspark.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs benchmark cases, each in a fresh JVM started with this JVM's own options and class path
 * (so start-up time and peak memory are the case's own), and collects their JSON results.
 * Cluster cases are started through Spark's SparkSubmit with the given Spark home, properties
 * file and application jar, the driver in client mode on this machine. The {@code pytorch} case
 * runs {@code python3} ({@link PyTorchCase}).
 */
public final class BenchRunner {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The Python that runs the {@code pytorch} case unless {@code FASHION_SPARK_PYTHON} names another. */
    public static final String PYTHON = "python3";

    private final Path dataDir;
    private final int epochs;
    private final Path work;
    private final Path sparkHome;
    private final Path appJar;
    private final Path sparkProperties;
    private String python = PYTHON;

    /**
     * @param dataDir         folder with the four IDX files
     * @param epochs          epochs per training case
     * @param work            folder for the cases' result files and logs
     * @param sparkHome       Spark home with jars/ for cluster cases (null: no cluster cases)
     * @param appJar          application jar submitted for cluster cases
     * @param sparkProperties spark-submit properties file for cluster cases
     */
    public BenchRunner(Path dataDir, int epochs, Path work, Path sparkHome, Path appJar, Path sparkProperties) {
        this.dataDir = dataDir;
        this.epochs = epochs;
        this.work = work;
        this.sparkHome = sparkHome;
        this.appJar = appJar;
        this.sparkProperties = sparkProperties;
    }

    /** Runs the {@code pytorch} case with {@code command} instead of {@link #PYTHON}; returns this runner. */
    public BenchRunner withPython(String command) {
        this.python = command;
        return this;
    }

    /** Runs {@code c} and returns its measurements, with the case's name and wall time added. */
    public ObjectNode run(BenchCase c) throws IOException, InterruptedException {
        String slug = c.name().replaceAll("[^A-Za-z0-9]+", "-");
        Path result = work.resolve(slug + ".json");
        Path log = work.resolve(slug + ".log");
        Files.deleteIfExists(result);
        if (c.kind().equals(PyTorchCase.NAME)) {
            long t0 = System.nanoTime();
            ObjectNode node = PyTorchCase.run(python, dataDir, epochs, c.threads(), work);
            node.put("case", c.name());
            node.put("threads", c.threads());
            node.put("wall_s", (System.nanoTime() - t0) / 1e9);
            return node;
        }
        List<String> caseArgs = new ArrayList<>(List.of(c.kind(), result.toString(), dataDir.toString(),
                Integer.toString(epochs)));
        if (c.kind().equals("spark")) {
            caseArgs.add(c.onCluster() ? "submit" : c.master());
            caseArgs.add(Integer.toString(c.frequency()));
        }
        ProcessBuilder pb = new ProcessBuilder(command(c, caseArgs)).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("OMP_NUM_THREADS", Integer.toString(c.threads()));
        env.putIfAbsent("SPARK_LOCAL_IP", "127.0.0.1");
        if (c.onCluster()) {
            env.put("SPARK_HOME", sparkHome.toString());
            env.putIfAbsent("SPARK_SCALA_VERSION", "2.12");
        }
        long t0 = System.nanoTime();
        int exit = pb.start().waitFor();
        double wall = (System.nanoTime() - t0) / 1e9;
        if (exit != 0 || !Files.isRegularFile(result)) {
            throw new IOException("bench case " + c.name() + ": exit code " + exit + ", no result; see " + log);
        }
        ObjectNode node = (ObjectNode) JSON.readTree(result.toFile());
        node.put("case", c.name());
        node.put("threads", c.threads());
        node.put("wall_s", wall);
        return node;
    }

    private List<String> command(BenchCase c, List<String> caseArgs) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        if (!c.onCluster()) {
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(CaseRunner.class.getName());
            cmd.addAll(caseArgs);
            return cmd;
        }
        if (sparkHome == null || appJar == null || sparkProperties == null) {
            throw new IllegalStateException("cluster case " + c.name() + " needs a Spark home, app jar and properties");
        }
        cmd.add("-cp");
        cmd.add(sparkHome.resolve("jars") + "/*");
        cmd.addAll(List.of("org.apache.spark.deploy.SparkSubmit", "--master", c.master(), "--deploy-mode", "client",
                "--properties-file", sparkProperties.toString(),
                "--conf", "spark.executorEnv.OMP_NUM_THREADS=" + c.threads(),
                "--class", CaseRunner.class.getName(), appJar.toString()));
        cmd.addAll(caseArgs);
        return cmd;
    }
}
