package io.fashionspark.data;

import io.fashionspark.files.Location;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The four Fashion-MNIST IDX files of one dataset folder.
 *
 * <p>Each file has an official base name ({@link #BASE_NAMES}) and may be present either as
 * {@code name.gz} or as the raw {@code name}; when both exist the raw one is used.
 *
 * @param trainImages training images
 * @param trainLabels training labels
 * @param testImages  test images
 * @param testLabels  test labels
 */
public record DatasetFiles(Location trainImages, Location trainLabels, Location testImages, Location testLabels) {
    /** Official base name of the training images. */
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    /** Official base name of the training labels. */
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    /** Official base name of the test images. */
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    /** Official base name of the test labels. */
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    /** The four base names, in the order of {@link #all()}. */
    public static final List<String> BASE_NAMES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);
    /** Suffix of the gzip-compressed files. */
    public static final String GZ = ".gz";

    /** Rejects null paths. */
    public DatasetFiles {
        Objects.requireNonNull(trainImages, "trainImages");
        Objects.requireNonNull(trainLabels, "trainLabels");
        Objects.requireNonNull(testImages, "testImages");
        Objects.requireNonNull(testLabels, "testLabels");
    }

    /** The four paths in the order train images, train labels, test images, test labels. */
    public List<Location> all() {
        return List.of(trainImages, trainLabels, testImages, testLabels);
    }

    /**
     * Which of the four files a folder holds.
     *
     * @param dir     the folder inspected
     * @param present base name to the file found for it (raw preferred over {@code .gz}), in
     *                official order; base names without a file are absent
     */
    public record Presence(Location dir, Map<String, Location> present) {
        /** Copies {@code present} into an unmodifiable map that keeps its order. */
        public Presence {
            Objects.requireNonNull(dir, "dir");
            present = Collections.unmodifiableMap(new LinkedHashMap<>(present));
        }

        /** True if a file for {@code baseName} (e.g. {@link #TEST_LABELS}) is present. */
        public boolean isPresent(String baseName) {
            return present.containsKey(baseName);
        }

        /** Base names with neither {@code name} nor {@code name.gz} present, in official order. */
        public List<String> missing() {
            List<String> missing = new ArrayList<>();
            for (String base : BASE_NAMES) {
                if (!present.containsKey(base)) {
                    missing.add(base);
                }
            }
            return missing;
        }

        /** True if all four files are present. */
        public boolean complete() {
            return present.size() == BASE_NAMES.size();
        }
    }

    /**
     * Tells which of the four files {@code dir} holds (on any file system); a missing folder holds none.
     *
     * <p>Only regular files count; the raw {@code name} wins over {@code name.gz}.
     */
    public static Presence inspect(Location dir) throws IOException {
        Map<String, Location> present = new LinkedHashMap<>();
        for (String base : BASE_NAMES) {
            Location raw = dir.resolve(base);
            Location gz = dir.resolve(base + GZ);
            if (raw.isFile()) {
                present.put(base, raw);
            } else if (gz.isFile()) {
                present.put(base, gz);
            }
        }
        return new Presence(dir, present);
    }

    /**
     * Finds the four files in {@code dir}.
     *
     * @throws MissingDataFileException if any is absent; the message names every missing file
     *                                  (as {@code name[.gz]}) and the folder
     */
    public static DatasetFiles locate(Location dir) throws IOException {
        Presence presence = inspect(dir);
        if (!presence.complete()) {
            List<String> names = new ArrayList<>();
            for (String base : presence.missing()) {
                names.add(base + "[" + GZ + "]");
            }
            String found = dir.isDirectory() ? "found none" : "found no such folder";
            throw new MissingDataFileException(String.join(", ", names) + ": expected in "
                    + dir + " (as name.gz or raw name), " + found);
        }
        Map<String, Location> p = presence.present();
        return new DatasetFiles(p.get(TRAIN_IMAGES), p.get(TRAIN_LABELS), p.get(TEST_IMAGES), p.get(TEST_LABELS));
    }
}
