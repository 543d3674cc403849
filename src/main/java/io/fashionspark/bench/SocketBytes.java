package io.fashionspark.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bytes a process has sent and received over its open TCP connections, from the kernel's
 * per-socket counters as Linux's {@code ss -tinpH} shows them. On the bench's driver, the
 * difference between two readings is what went through the driver in between (connections closed
 * in between are missed; Spark keeps its connections to the executors open). Runs on the driver.
 */
final class SocketBytes {
    private static final Pattern PID = Pattern.compile("pid=(\\d+),");
    private static final Pattern SENT = Pattern.compile("bytes_sent:(\\d+)");
    private static final Pattern RECEIVED = Pattern.compile("bytes_received:(\\d+)");

    private SocketBytes() {
    }

    /** {sent, received} of this JVM's connections, or null where {@code ss} cannot be run. */
    static long[] ofThisProcess() {
        try {
            Process p = new ProcessBuilder("ss", "-tinpH").redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return parse(new String(out, StandardCharsets.UTF_8), ProcessHandle.current().pid());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Sums the counters of {@code pid}'s sockets in {@code ss -tinpH} output: each socket is a line
     * naming its process ({@code users:(("java",pid=N,fd=M))}) followed by an indented line of
     * counters; a counter the kernel leaves out is 0.
     */
    static long[] parse(String output, long pid) {
        long[] total = new long[2];
        boolean ours = false;
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (!Character.isWhitespace(line.charAt(0))) {
                Matcher m = PID.matcher(line);
                ours = false;
                while (m.find()) {
                    ours |= Long.parseLong(m.group(1)) == pid;
                }
            } else if (ours) {
                total[0] += counter(SENT, line);
                total[1] += counter(RECEIVED, line);
                ours = false;
            }
        }
        return total;
    }

    private static long counter(Pattern p, String line) {
        Matcher m = p.matcher(line);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
