package io.fashionspark.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** {@code fashion-spark train} in a JVM of its own, so a test can SIGKILL it mid-run. */
final class TrainProcess {
    private final Process process;
    private final List<String> lines = new ArrayList<>();

    private TrainProcess(Process process) {
        this.process = process;
    }

    /** Starts the CLI with {@code args} on the test class path; stderr goes to {@code log}. */
    static TrainProcess start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + Path.of("conf", "jvm.options").toAbsolutePath(),
                "-Xmx1g",
                "-Dlog4j2.configurationFile=" + Path.of("conf", "log4j2.properties").toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"),
                "io.fashionspark.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(log.toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return new TrainProcess(pb.start());
    }

    /** Reads stdout until a line matches (returns true) or the process ends (false). */
    boolean awaitLine(Predicate<String> match) throws IOException {
        BufferedReader out = reader();
        String line;
        while ((line = out.readLine()) != null) {
            lines.add(line);
            if (match.test(line)) {
                return true;
            }
        }
        return false;
    }

    /** Kills the JVM with SIGKILL and waits for it to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    /** Waits for the process to end (bounded), reading the rest of stdout; returns the exit code. */
    int finish(long seconds) throws IOException, InterruptedException {
        awaitLine(l -> false);
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("train did not finish in " + seconds + " s");
        }
        return process.exitValue();
    }

    List<String> lines() {
        return lines;
    }

    private BufferedReader reader;

    private BufferedReader reader() {
        if (reader == null) {
            reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }
        return reader;
    }
}
