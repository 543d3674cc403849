package io.fashionspark.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.testing.IdxWriter;
import io.fashionspark.testing.LocalFiles;
import io.fashionspark.testing.SyntheticFashion;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of a valid small IDX pair: byte flips, truncations, insertions, deletions and
 * header edits, on the IDX bytes before gzip or on the gzip bytes themselves. Every read must
 * either succeed or throw an {@link InvalidDataException} with a one-line message naming the
 * file; never another exception, a hang or an allocation sized by a corrupt header.
 */
class IdxFuzzTest {
    private static final int CASES = 3000;
    private static final long SEED = 20_240_601L;
    private static final long ALLOCATION_LIMIT = 8L << 20;
    private static final int[] HEADER_VALUES = {
        0, 1, -1, 5, 7, 27, 29, 32, 255, 2049, 2051, 65_536, 2_000_000_000, Integer.MAX_VALUE, Integer.MIN_VALUE
    };
    private static final String[] KINDS = {"flip", "truncate", "insert", "delete", "header"};

    @TempDir
    Path dir;

    private final Map<String, Integer> outcomes = new TreeMap<>();
    private final Map<String, Integer> kinds = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();

    @Test
    void everyMutatedFileReadsOrFailsWithInvalidDataException() {
        LabeledImages valid = SyntheticFashion.generate(6, 3L);
        byte[] images = IdxWriter.encode(IdxWriter.IMAGE_MAGIC, new int[] {6, 28, 28}, valid.pixels());
        byte[] labels = IdxWriter.encode(IdxWriter.LABEL_MAGIC, new int[] {6}, valid.labels());
        Random random = new Random(SEED);

        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int c = 0; c < CASES; c++) {
                runCase(c, random, images, labels);
            }
        });

        System.out.println("IdxFuzzTest: " + CASES + " cases (seed " + SEED + "), mutations " + kinds
                + ", outcomes " + outcomes);
        assertTrue(failures.isEmpty(), failures.size() + " unexpected outcomes, the first: "
                + failures.subList(0, Math.min(10, failures.size())));
        assertEquals(CASES, outcomes.values().stream().mapToInt(Integer::intValue).sum());
        assertTrue(outcomes.getOrDefault("ok", 0) > 0, "no mutated pair was readable: " + outcomes);
        assertTrue(outcomes.getOrDefault("IdxFormatException", 0) > CASES / 2, "too few rejections: " + outcomes);
    }

    private void runCase(int c, Random random, byte[] images, byte[] labels) throws IOException {
        boolean gzip = random.nextBoolean();
        boolean afterGzip = gzip && random.nextInt(3) == 0;
        int target = random.nextInt(3);
        String kind = KINDS[random.nextInt(KINDS.length)];
        String description = "case " + c + ": " + kind + (gzip ? (afterGzip ? " on gzip bytes" : " before gzip") : " raw")
                + " of " + (target == 0 ? "images" : target == 1 ? "labels" : "both");
        kinds.merge(kind, 1, Integer::sum);
        Path imageFile = dir.resolve(gzip ? "images.gz" : "images");
        Path labelFile = dir.resolve(gzip ? "labels.gz" : "labels");
        Files.write(imageFile, prepare(images, target != 1, kind, gzip, afterGzip, random));
        Files.write(labelFile, prepare(labels, target != 0, kind, gzip, afterGzip, random));
        outcomes.merge(read(imageFile, labelFile, description), 1, Integer::sum);
    }

    private static byte[] prepare(byte[] idx, boolean mutate, String kind, boolean gzip, boolean afterGzip,
            Random random) {
        if (!mutate) {
            return gzip ? IdxWriter.gzip(idx) : idx;
        }
        if (afterGzip) {
            return mutate(IdxWriter.gzip(idx), kind.equals("header") ? "flip" : kind, random);
        }
        byte[] mutated = mutate(idx, kind, random);
        return gzip ? IdxWriter.gzip(mutated) : mutated;
    }

    private String read(Path imageFile, Path labelFile, String description) {
        long before = ThreadAllocation.current();
        String outcome;
        try {
            LabeledImages read = IdxReader.read(LocalFiles.of(imageFile), LocalFiles.of(labelFile), 10);
            outcome = read.pixels().length == read.count() * LabeledImages.PIXELS ? "ok" : fail(description, "bad shape");
        } catch (InvalidDataException e) {
            String message = e.getMessage();
            boolean named = message.startsWith(imageFile.getFileName() + ": ")
                    || message.startsWith(labelFile.getFileName() + ": ");
            outcome = named && !message.contains("\n") ? e.getClass().getSimpleName()
                    : fail(description, "badly formed message: " + message);
        } catch (Throwable t) {
            outcome = fail(description, t.toString());
        }
        long allocated = ThreadAllocation.current() - before;
        if (ThreadAllocation.supported() && allocated > ALLOCATION_LIMIT) {
            fail(description, "allocated " + allocated + " bytes");
        }
        return outcome;
    }

    private String fail(String description, String problem) {
        failures.add(description + ": " + problem);
        return "unexpected";
    }

    private static byte[] mutate(byte[] bytes, String kind, Random random) {
        switch (kind) {
            case "flip":
                byte[] flipped = bytes.clone();
                for (int i = 1 + random.nextInt(4); i > 0; i--) {
                    flipped[random.nextInt(flipped.length)] ^= (byte) (1 + random.nextInt(255));
                }
                return flipped;
            case "truncate":
                return Arrays.copyOf(bytes, random.nextInt(bytes.length));
            case "insert":
                return insert(bytes, random);
            case "delete":
                return delete(bytes, random);
            default:
                return editHeader(bytes, random);
        }
    }

    private static byte[] insert(byte[] bytes, Random random) {
        byte[] extra = new byte[1 + random.nextInt(16)];
        random.nextBytes(extra);
        int at = random.nextInt(bytes.length + 1);
        byte[] out = new byte[bytes.length + extra.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(extra, 0, out, at, extra.length);
        System.arraycopy(bytes, at, out, at + extra.length, bytes.length - at);
        return out;
    }

    private static byte[] delete(byte[] bytes, Random random) {
        int from = random.nextInt(bytes.length);
        int to = Math.min(bytes.length, from + 1 + random.nextInt(32));
        byte[] out = new byte[bytes.length - (to - from)];
        System.arraycopy(bytes, 0, out, 0, from);
        System.arraycopy(bytes, to, out, from, bytes.length - to);
        return out;
    }

    /** Replaces one header int (magic or a dimension) with an edge value or a random one. */
    private static byte[] editHeader(byte[] bytes, Random random) {
        byte[] edited = bytes.clone();
        int headerInts = bytes[3] == 3 ? 4 : 2;
        int value = random.nextInt(4) == 0 ? random.nextInt() : HEADER_VALUES[random.nextInt(HEADER_VALUES.length)];
        ByteBuffer.wrap(edited).putInt(4 * random.nextInt(headerInts), value);
        return edited;
    }
}
