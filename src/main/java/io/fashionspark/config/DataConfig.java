package io.fashionspark.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where the IDX files live and how the training set is split.
 *
 * @param dir                folder holding the four IDX files (.gz or raw)
 * @param validationFraction share of the training file held out each epoch (1/6: 10,000 of 60,000)
 * @param downloadUrl        base URL the {@code download} command fetches the official files from
 */
public record DataConfig(Path dir, double validationFraction, URI downloadUrl) {
    public static final String DIR = "data.dir";
    public static final String VALIDATION_FRACTION = "data.validation.fraction";
    public static final String DOWNLOAD_URL = "data.download.url";
    public static final Path DEFAULT_DIR = Path.of("data", "fashion-mnist");
    public static final URI DEFAULT_DOWNLOAD_URL =
            URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");
    public static final DataConfig DEFAULTS = new DataConfig(DEFAULT_DIR, 1.0 / 6.0, DEFAULT_DOWNLOAD_URL);

    public DataConfig {
        PropertyReader.check(dir != null && !dir.toString().isBlank(), DIR, "a folder", "'" + dir + "'");
        PropertyReader.check(validationFraction > 0 && validationFraction < 1,
                VALIDATION_FRACTION, "a value in (0, 1)", validationFraction);
        PropertyReader.check(downloadUrl != null && downloadUrl.getScheme() != null,
                DOWNLOAD_URL, "an absolute URL", downloadUrl);
    }

    static DataConfig fromProperties(Properties p) {
        PropertyReader r = new PropertyReader(p);
        return new DataConfig(
                Path.of(r.string(DIR, DEFAULTS.dir.toString())),
                r.number(VALIDATION_FRACTION, DEFAULTS.validationFraction),
                r.uri(DOWNLOAD_URL, DEFAULTS.downloadUrl));
    }

    void toProperties(Properties p) {
        p.setProperty(DIR, dir.toString());
        p.setProperty(VALIDATION_FRACTION, Double.toString(validationFraction));
        p.setProperty(DOWNLOAD_URL, downloadUrl.toString());
    }

    /** Number of validation rows for a training file of {@code total} rows (10,000 of 60,000). */
    public long validationCount(long total) {
        return Math.round(total * validationFraction);
    }
}
