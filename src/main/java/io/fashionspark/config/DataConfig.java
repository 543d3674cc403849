package io.fashionspark.config;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;

/**
 * Where the IDX files live and how the training set is split.
 *
 * @param dir                folder holding the four IDX files (.gz or raw): a plain path (a folder of the
 *                           driver, relative to its current folder) or a Hadoop file system URI
 * @param validationFraction share of the training file held out each epoch (1/6: 10,000 of 60,000)
 * @param downloadUrl        base URL the {@code download} command fetches the official files from
 * @param classNames         the name of each class, by label: as many names as classes (labels 0..n-1)
 */
public record DataConfig(String dir, double validationFraction, URI downloadUrl, List<String> classNames) {
    public static final String DIR = "data.dir";
    public static final String VALIDATION_FRACTION = "data.validation.fraction";
    public static final String DOWNLOAD_URL = "data.download.url";
    public static final String CLASS_NAMES = "data.class.names";
    public static final String DEFAULT_DIR = "data/fashion-mnist";
    public static final URI DEFAULT_DOWNLOAD_URL =
            URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");
    /** Fashion-MNIST's ten classes, by label. */
    public static final List<String> FASHION_MNIST_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    public static final DataConfig DEFAULTS =
            new DataConfig(DEFAULT_DIR, 1.0 / 6.0, DEFAULT_DOWNLOAD_URL, FASHION_MNIST_CLASSES);

    public DataConfig {
        PropertyReader.check(dir != null && !dir.isBlank(), DIR, "a folder (a path or URI)", "'" + dir + "'");
        PropertyReader.check(validationFraction > 0 && validationFraction < 1,
                VALIDATION_FRACTION, "a value in (0, 1)", validationFraction);
        PropertyReader.check(downloadUrl != null && downloadUrl.getScheme() != null,
                DOWNLOAD_URL, "an absolute URL", downloadUrl);
        classNames = checkClassNames(classNames);
    }

    /**
     * Returns {@code names} as an immutable list when they can name a dataset's classes: 2 to 256
     * names, each non-blank, without commas, leading or trailing spaces, and all different.
     *
     * @throws IllegalArgumentException naming {@code data.class.names} and the first bad name
     */
    public static List<String> checkClassNames(List<String> names) {
        PropertyReader.check(names != null, CLASS_NAMES, "a comma-separated list of class names", null);
        PropertyReader.check(names.size() >= 2 && names.size() <= 256, CLASS_NAMES,
                "2 to 256 comma-separated class names (one per label)", names.size() + " names " + names);
        HashSet<String> seen = new HashSet<>();
        for (String name : names) {
            PropertyReader.check(name != null && !name.isBlank() && name.equals(name.strip()) && !name.contains(","),
                    CLASS_NAMES, "non-empty names without commas or surrounding spaces", "'" + name + "'");
            PropertyReader.check(seen.add(name), CLASS_NAMES, "different names", "'" + name + "' twice");
        }
        return List.copyOf(names);
    }

    static DataConfig fromProperties(Properties p) {
        PropertyReader r = new PropertyReader(p);
        return new DataConfig(
                r.string(DIR, DEFAULTS.dir),
                r.number(VALIDATION_FRACTION, DEFAULTS.validationFraction),
                r.uri(DOWNLOAD_URL, DEFAULTS.downloadUrl),
                r.strings(CLASS_NAMES, DEFAULTS.classNames));
    }

    void toProperties(Properties p) {
        p.setProperty(DIR, dir);
        p.setProperty(VALIDATION_FRACTION, Double.toString(validationFraction));
        p.setProperty(DOWNLOAD_URL, downloadUrl.toString());
        p.setProperty(CLASS_NAMES, String.join(",", classNames));
    }

    /** Number of classes (labels 0..classes-1). */
    public int classes() {
        return classNames.size();
    }

    /** Number of validation rows for a training file of {@code total} rows (10,000 of 60,000). */
    public long validationCount(long total) {
        return Math.round(total * validationFraction);
    }
}
