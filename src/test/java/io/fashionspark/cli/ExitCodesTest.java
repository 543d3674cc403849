package io.fashionspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.fashionspark.config.RunConfig;
import io.fashionspark.testing.LocalFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.spark.network.util.JavaUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.common.base.Preconditions;
import picocli.CommandLine;

/**
 * Exit code 2 is for this project's own input and usage errors only: an
 * {@code IllegalArgumentException} thrown inside Spark or DL4J, and a download that fails on the
 * network, are failures (exit 1).
 */
class ExitCodesTest {
    @TempDir
    Path tmp;

    @Test
    void illegalArgumentsThrownInsideSparkOrDl4jAreFailures() {
        IllegalArgumentException spark = assertThrows(IllegalArgumentException.class,
                () -> JavaUtils.byteStringAsBytes("lots"));
        IllegalArgumentException dl4j = assertThrows(IllegalArgumentException.class,
                () -> Preconditions.checkArgument(false, "expected a positive size, got %s", -1));
        assertEquals(ErrorHandler.FAILURE, ErrorHandler.exitCode(spark));
        assertEquals(ErrorHandler.FAILURE, ErrorHandler.exitCode(dl4j));
        assertEquals("download: failed: expected a positive size, got -1", handled(dl4j, "download"));
    }

    @Test
    void illegalArgumentsFromThisProjectsChecksAreBadInput() {
        Properties p = new Properties();
        p.setProperty("train.epochs", "0");
        IllegalArgumentException ours = assertThrows(IllegalArgumentException.class, () -> RunConfig.fromProperties(p));
        assertEquals(ErrorHandler.BAD_INPUT, ErrorHandler.exitCode(ours));
        assertEquals("train: train.epochs: expected an integer in [1, 100000], found 0", handled(ours, "train"));
    }

    @Test
    void aDownloadWithNoConnectionIsAFailureAndLeavesNothing() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Path dir = tmp.resolve("data");
        CliRun run = CliRun.of(Map.of(), "download", "--data-dir", dir.toString(),
                "--set", "data.download.url=http://127.0.0.1:" + closed + "/");
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().startsWith("download: failed: train-images-idx3-ubyte.gz: expected a download from"),
                run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        // Nothing is left: the download now also removes the folder it created when no file arrived.
        assertFalse(Files.exists(dir), "the folder the failed download created is removed");
    }

    @Test
    void aDownloadRefusedByTheServerIsAFailure() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        try {
            CliRun run = CliRun.of(Map.of(), "download", "--data-dir", tmp.resolve("data").toString(),
                    "--set", "data.download.url=http://127.0.0.1:" + server.getAddress().getPort() + "/");
            assertEquals(1, run.exitCode(), run.err());
            assertTrue(run.err().contains("found HTTP status 404"), run.err());
        } finally {
            server.stop(0);
        }
    }

    /** What the error handler prints for {@code e} escaping {@code command}; checks it is one line. */
    private static String handled(Exception e, String command) {
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(new PrintWriter(new StringWriter()), new PrintWriter(err, true), Map.of(),
                LocalFiles.locations());
        CommandLine cli = new CommandLine(new Main(), new ContextFactory(context));
        cli.parseArgs(command);
        CommandLine sub = cli.getSubcommands().get(command);
        new ErrorHandler(context).handleExecutionException(e, sub, cli.getParseResult());
        String printed = err.toString();
        assertEquals(1, printed.lines().count(), printed);
        return printed.strip();
    }
}
