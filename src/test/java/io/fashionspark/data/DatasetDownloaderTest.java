package io.fashionspark.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fashionspark.testing.LocalFiles;
import io.fashionspark.testing.SyntheticFashion;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a loopback HTTP server serving generated files; never touches the network. */
class DatasetDownloaderTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String OFFLINE_HINT = "; to work offline, place train-images-idx3-ubyte.gz,"
            + " train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz"
            + " (or their uncompressed forms) in ";

    @TempDir
    Path temp;
    private Path served;
    private Path target;
    private Map<String, String> md5;
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private ExecutorService executor;
    private HttpServer server;

    @BeforeEach
    void serveGeneratedDataset() throws IOException {
        served = temp.resolve("served");
        target = temp.resolve("downloaded");
        SyntheticFashion.writeDataset(served, 30, 10, 11L, true);
        md5 = new HashMap<>();
        for (String name : DatasetDownloader.officialNames()) {
            md5.put(name, Checksums.md5Hex(LocalFiles.of(served.resolve(name))));
        }
        executor = Executors.newCachedThreadPool();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/mirror/", this::serveFile);
        server.createContext("/slow/", this::stall);
        server.start();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void serveFile(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        requests.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
        Path file = served.resolve(name);
        if (!Files.isRegularFile(file)) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        byte[] body = Files.readAllBytes(file);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void stall(HttpExchange exchange) throws IOException {
        boolean headersFirst = exchange.getRequestURI().getPath().contains("/body/");
        if (headersFirst) {
            exchange.sendResponseHeaders(200, 1000);
            exchange.getResponseBody().write(new byte[10]);
            exchange.getResponseBody().flush();
        }
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exchange.close();
    }

    private URI base(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void downloadsAndVerifiesAllFourFiles() throws IOException {
        DatasetFiles files = new DatasetDownloader(base("/mirror/"), md5, TIMEOUT).download(LocalFiles.of(target));

        assertEquals(DatasetDownloader.officialNames().stream().map(n -> LocalFiles.of(target.resolve(n))).
                toList(), files.all());
        for (String name : DatasetDownloader.officialNames()) {
            assertArrayEquals(Files.readAllBytes(served.resolve(name)), Files.readAllBytes(target.resolve(name)));
        }
        assertEquals(30, IdxReader.read(files.trainImages(), files.trainLabels(), 10).count());
        assertEquals(List.of("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz",
                "train-labels-idx1-ubyte.gz"), folderContents());
    }

    @Test
    void resolvesFileNamesUnderBaseUriWithoutTrailingSlash() throws IOException {
        new DatasetDownloader(base("/mirror"), md5, TIMEOUT).download(LocalFiles.of(target));

        assertEquals(1, requests.get("t10k-labels-idx1-ubyte.gz").get());
        assertTrue(Files.isRegularFile(target.resolve("t10k-labels-idx1-ubyte.gz")));
    }

    @Test
    void skipsFilesAlreadyPresentWithExpectedMd5() throws IOException {
        Files.createDirectories(target);
        Files.copy(served.resolve("train-images-idx3-ubyte.gz"), target.resolve("train-images-idx3-ubyte.gz"));

        new DatasetDownloader(base("/mirror/"), md5, TIMEOUT).download(LocalFiles.of(target));

        assertFalse(requests.containsKey("train-images-idx3-ubyte.gz"));
        assertEquals(1, requests.get("train-labels-idx1-ubyte.gz").get());
        assertEquals(3, requests.size());
    }

    @Test
    void refusesToOverwriteAPresentFileWhoseMd5Differs() throws IOException {
        Files.createDirectories(target);
        Path mine = target.resolve("t10k-images-idx3-ubyte.gz");
        Files.write(mine, new byte[] {1, 2, 3});

        // A local file that is not the official one is bad input (exit 2), not a failed download.
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> new DatasetDownloader(base("/mirror/"), md5, TIMEOUT).download(LocalFiles.of(target)));

        assertEquals(InvalidDataException.class, e.getClass());
        assertTrue(e.getMessage().startsWith("t10k-images-idx3-ubyte.gz: expected MD5 "), e.getMessage());
        assertTrue(e.getMessage().contains("left untouched"), e.getMessage());
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(mine));
        assertFalse(requests.containsKey("t10k-images-idx3-ubyte.gz"));
    }

    @Test
    void checksumMismatchLeavesNothingBehind() throws IOException {
        Map<String, String> wrong = new HashMap<>(md5);
        wrong.put("train-labels-idx1-ubyte.gz", "0123456789abcdef0123456789abcdef");
        DatasetDownloader downloader = new DatasetDownloader(base("/mirror/"), wrong, TIMEOUT);

        DownloadException e = assertThrows(DownloadException.class, () -> downloader.download(LocalFiles.of(target)));

        assertEquals("train-labels-idx1-ubyte.gz: expected MD5 0123456789abcdef0123456789abcdef, found "
                + md5.get("train-labels-idx1-ubyte.gz") + " (downloaded from "
                + base("/mirror/train-labels-idx1-ubyte.gz") + ")", e.getMessage());
        assertEquals(List.of("train-images-idx3-ubyte.gz"), folderContents());
    }

    @Test
    void reportsHttpStatusOtherThan200WithOfflineAdvice() throws IOException {
        Files.delete(served.resolve("t10k-images-idx3-ubyte.gz"));
        DatasetDownloader downloader = new DatasetDownloader(base("/mirror/"), md5, TIMEOUT);

        DownloadException e = assertThrows(DownloadException.class, () -> downloader.download(LocalFiles.of(target)));

        assertEquals("t10k-images-idx3-ubyte.gz: expected a download from " + base("/mirror/t10k-images-idx3-ubyte.gz")
                + ", found HTTP status 404" + OFFLINE_HINT + target.toAbsolutePath()
                + ", or point --data-dir or FASHION_MNIST_DIR at a folder holding them", e.getMessage());
        assertEquals(List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"), folderContents());
    }

    @Test
    void reportsRefusedConnectionWithOfflineAdvice() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        URI uri = URI.create("http://127.0.0.1:" + closedPort + "/");
        DatasetDownloader downloader = new DatasetDownloader(uri, md5, TIMEOUT);

        DownloadException e = assertThrows(DownloadException.class, () -> downloader.download(LocalFiles.of(target)));

        String message = e.getMessage();
        assertTrue(message.startsWith("train-images-idx3-ubyte.gz: expected a download from " + uri
                + "train-images-idx3-ubyte.gz, found no connection to 127.0.0.1:" + closedPort + " (refused or unreachable)"),
                message);
        assertTrue(message.endsWith(OFFLINE_HINT + target.toAbsolutePath()
                + ", or point --data-dir or FASHION_MNIST_DIR at a folder holding them"), message);
        assertFalse(message.contains("\n"), message);
        assertEquals(List.of(), folderContents());
    }

    @Test
    void givesUpWhenServerSendsNoResponse() throws IOException {
        DatasetDownloader downloader = new DatasetDownloader(base("/slow/"), md5, Duration.ofMillis(300));

        DownloadException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(DownloadException.class, () -> downloader.download(LocalFiles.of(target))));

        assertTrue(e.getMessage().contains(", found a timeout after 300 ms ("), e.getMessage());
        assertEquals(List.of(), folderContents());
    }

    @Test
    void givesUpWhenBodyStallsAfterHeaders() throws IOException {
        DatasetDownloader downloader = new DatasetDownloader(base("/slow/body/"), md5, Duration.ofMillis(300));

        DownloadException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(DownloadException.class, () -> downloader.download(LocalFiles.of(target))));

        assertTrue(e.getMessage().contains(", found a timeout after 300 ms (body stalled)"), e.getMessage());
        assertEquals(List.of(), folderContents());
    }

    @Test
    void rejectsUnusableSettings() {
        assertThrows(IllegalArgumentException.class,
                () -> new DatasetDownloader(URI.create("ftp://example.org/"), md5, TIMEOUT));
        assertThrows(IllegalArgumentException.class,
                () -> new DatasetDownloader(base("/mirror/"), Map.of(), TIMEOUT));
        assertThrows(IllegalArgumentException.class,
                () -> new DatasetDownloader(base("/mirror/"), md5, Duration.ZERO));
    }

    @Test
    void defaultsPointAtOfficialFilesAndChecksums() {
        assertEquals("http", io.fashionspark.config.DataConfig.DEFAULT_DOWNLOAD_URL.getScheme());
        assertEquals("8d4fb7e6c68d591d4c3dfef9ec88bf0d", DatasetDownloader.OFFICIAL_MD5.get("train-images-idx3-ubyte.gz"));
        assertEquals("bb300cfdad3c16e7a12a480ee83cd310", DatasetDownloader.OFFICIAL_MD5.get("t10k-labels-idx1-ubyte.gz"));
        assertEquals(List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                "t10k-labels-idx1-ubyte.gz"), DatasetDownloader.officialNames());
    }

    /** Names of everything in the download folder, sorted: finished files and any temporary leftovers. */
    private List<String> folderContents() throws IOException {
        if (!Files.isDirectory(target)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
