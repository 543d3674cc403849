package io.fashionspark.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One run of a project script ({@code submit/*.sh}) as a child process, bounded in time.
 *
 * <p>Stdout is read line by line while the process runs (each line goes to an optional
 * listener); stderr goes to a file. A run that outlives its timeout is killed together with
 * its descendants, which are all processes this test started.
 *
 * @param exitCode the script's exit code, or -1 if it was killed at the timeout
 * @param stdout   every stdout line
 * @param stderr   the file holding stderr
 */
record ScriptRun(int exitCode, List<String> stdout, Path stderr) {

    /**
     * Runs {@code command} in {@code dir} with the inherited environment changed by {@code env}
     * (a null value removes the variable) and waits at most {@code timeout}.
     */
    static ScriptRun run(List<String> command, Path dir, Map<String, String> env, Path stderr, Duration timeout,
                         Consumer<String> onLine) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectError(stderr.toFile());
        env.forEach((key, value) -> {
            if (value == null) {
                builder.environment().remove(key);
            } else {
                builder.environment().put(key, value);
            }
        });
        Process process = builder.start();
        process.getOutputStream().close();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> readLines(process, lines, onLine), "stdout of " + command.get(0));
        reader.setDaemon(true);
        reader.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            reader.join(5_000);
            return new ScriptRun(-1, List.copyOf(lines), stderr);
        }
        reader.join(10_000);
        return new ScriptRun(process.exitValue(), List.copyOf(lines), stderr);
    }

    private static void readLines(Process process, List<String> lines, Consumer<String> onLine) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
                if (onLine != null) {
                    onLine.accept(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stdout, then the last lines of stderr: the message of a failed assertion. */
    String describe() {
        List<String> err;
        try {
            err = Files.exists(stderr) ? Files.readAllLines(stderr, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            err = List.of("(stderr unreadable: " + e.getMessage() + ")");
        }
        return "exit " + exitCode + "\n--- stdout ---\n" + String.join("\n", stdout)
                + "\n--- stderr (last 60 lines of " + stderr + ") ---\n"
                + String.join("\n", err.subList(Math.max(0, err.size() - 60), err.size()));
    }
}
