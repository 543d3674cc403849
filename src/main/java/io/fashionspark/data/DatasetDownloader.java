package io.fashionspark.data;

import io.fashionspark.files.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads the four official Fashion-MNIST {@code .gz} files into a folder and checks their MD5.
 *
 * <p>Each file goes to a temporary file in the target folder, is checked against its expected
 * MD5 and only then atomically renamed to its official name, so a failure never leaves a
 * half-written file behind. Files already present with the expected MD5 are not downloaded
 * again. Progress is logged at INFO. Runs on the calling thread (the driver); not for use
 * inside Spark tasks.
 */
public final class DatasetDownloader {
    /** Published MD5 of each official {@code .gz} file. */
    public static final Map<String, String> OFFICIAL_MD5 = Map.of(
            "train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
            "train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe",
            "t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79",
            "t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310");
    /** Default bound on connecting, on waiting for each response's headers and on each pause in a body. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(DatasetDownloader.class);
    private static final Pattern MD5_HEX = Pattern.compile("[0-9a-fA-F]{32}");

    private final URI baseUri;
    private final Map<String, String> expectedMd5;
    private final Duration timeout;

    /**
     * A downloader for another location (a mirror, or a local server in tests).
     *
     * @param baseUri     http or https folder URI; each file is fetched from {@code baseUri + name.gz}
     * @param expectedMd5 {@code name.gz} to expected MD5 (hex) for each of the four files
     * @param timeout     bound on connecting, on waiting for each response's headers and on each
     *                    pause while a body arrives (not on the whole transfer)
     * @throws IllegalArgumentException if the URI is not absolute http(s), a file's MD5 is
     *                                  missing or not 32 hex digits, or the timeout is not positive
     */
    public DatasetDownloader(URI baseUri, Map<String, String> expectedMd5, Duration timeout) {
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(expectedMd5, "expectedMd5");
        Objects.requireNonNull(timeout, "timeout");
        String scheme = baseUri.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || baseUri.getHost() == null) {
            throw new IllegalArgumentException("base URI: expected an absolute http or https URI, found " + baseUri);
        }
        for (String name : officialNames()) {
            String md5 = expectedMd5.get(name);
            if (md5 == null || !MD5_HEX.matcher(md5).matches()) {
                throw new IllegalArgumentException("expected MD5 of " + name + ": expected 32 hex digits, found " + md5);
            }
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout: expected a positive duration, found " + timeout);
        }
        this.baseUri = baseUri.toString().endsWith("/") ? baseUri : URI.create(baseUri + "/");
        this.expectedMd5 = Map.copyOf(expectedMd5);
        this.timeout = timeout;
    }

    /** The official {@code .gz} file names, in the order of {@link DatasetFiles#all()}. */
    public static List<String> officialNames() {
        List<String> names = new ArrayList<>();
        for (String base : DatasetFiles.BASE_NAMES) {
            names.add(base + DatasetFiles.GZ);
        }
        return List.copyOf(names);
    }

    /**
     * Downloads the four {@code .gz} files into {@code dir} (on any file system), creating it if
     * needed. Each file arrives in a local temporary file, is checked against its MD5, then copied
     * into {@code dir} under a hidden name and renamed into place. A folder this call created is
     * removed again when the download fails before any file arrived.
     *
     * @return the four verified {@code .gz} files
     * @throws DownloadException      if a download fails (network error, timeout, HTTP status
     *                                other than 200) or a file's MD5 differs; the message names
     *                                the file and URL and says how to proceed offline
     * @throws InvalidDataException   if a file of that name is already there with another MD5 (it is left as it is)
     * @throws InterruptedIOException if the thread is interrupted (its interrupt flag is kept)
     * @throws IOException            if the folder cannot be created or written
     */
    public DatasetFiles download(Location dir) throws IOException {
        boolean created = !dir.exists();
        dir.mkdirs();
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        List<Location> files = new ArrayList<>();
        try {
            for (String name : officialNames()) {
                files.add(fetch(client, dir, name));
            }
        } catch (IOException | RuntimeException e) {
            if (created && dir.list().isEmpty()) {
                dir.delete();
            }
            throw e;
        }
        LOG.info("Fashion-MNIST files ready in {}", dir);
        return new DatasetFiles(files.get(0), files.get(1), files.get(2), files.get(3));
    }

    private Location fetch(HttpClient client, Location dir, String name) throws IOException {
        Location target = dir.resolve(name);
        String expected = expectedMd5.get(name);
        if (target.isFile()) {
            String found = Checksums.md5Hex(target);
            if (found.equalsIgnoreCase(expected)) {
                LOG.info("{} already present with the expected MD5, skipping", name);
                return target;
            }
            // Never overwrite a file the user has: it may be a deliberate copy (e.g. re-packed data).
            throw new InvalidDataException(name + ": expected MD5 " + expected + ", found " + found
                    + " in the existing file " + target + "; it was left untouched (move it away to download again)");
        }
        URI uri = baseUri.resolve(name);
        Path temp = Files.createTempFile("fashion-spark-" + name + "-", ".part");
        try {
            LOG.info("Downloading {} from {}", name, uri);
            transfer(client, uri, temp, dir, name);
            String found;
            try (InputStream in = Files.newInputStream(temp)) {
                found = Checksums.md5Hex(in);
            }
            if (!found.equalsIgnoreCase(expected)) {
                throw new DownloadException(name + ": expected MD5 " + expected + ", found " + found
                        + " (downloaded from " + uri + ")");
            }
            copyIntoPlace(temp, target);
            LOG.info("Saved {} ({} bytes, MD5 ok)", target, target.size());
            return target;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Copies the local file {@code from} to a hidden sibling of {@code target}, then renames it into place. */
    private static void copyIntoPlace(Path from, Location target) throws IOException {
        Location partial = target.hiddenSibling(".part");
        try {
            try (InputStream in = Files.newInputStream(from); OutputStream out = partial.create()) {
                in.transferTo(out);
            }
            partial.renameTo(target, false);
        } finally {
            partial.delete();
        }
    }

    private void transfer(HttpClient client, URI uri, Path temp, Location dir, String name) throws IOException {
        int status;
        try {
            status = HttpFileTransfer.get(client, uri, temp, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(name + ": download from " + uri + " interrupted");
        } catch (IOException e) {
            throw offline(name, uri, dir, describe(e, uri), e);
        }
        if (status != 200) {
            throw offline(name, uri, dir, "HTTP status " + status, null);
        }
    }

    private static DownloadException offline(String name, URI uri, Location dir, String found, Throwable cause) {
        return new DownloadException(name + ": expected a download from " + uri + ", found " + found
                + "; to work offline, place " + String.join(", ", officialNames())
                + " (or their uncompressed forms) in " + dir
                + ", or point --data-dir or FASHION_MNIST_DIR at a folder holding them", cause);
    }

    private String describe(IOException e, URI uri) {
        if (e instanceof HttpTimeoutException) {
            return "a timeout after " + timeout.toMillis() + " ms (" + e.getMessage() + ")";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "unknown host " + uri.getHost();
            }
        }
        if (e instanceof ConnectException) {
            // The JDK's client gives no detail here; refusal or an unreachable host are the usual causes.
            return "no connection to " + uri.getAuthority() + " ("
                    + (e.getMessage() == null ? "refused or unreachable" : e.getMessage()) + ")";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
    }
}
