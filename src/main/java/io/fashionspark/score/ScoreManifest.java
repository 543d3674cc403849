package io.fashionspark.score;

import io.fashionspark.data.Checksums;
import java.io.IOException;
import io.fashionspark.files.Location;

/**
 * What a scoring output was made from, written as {@code _manifest.json} beside the data (Spark's
 * readers skip names starting with {@code _}): the model file with its SHA-256, the input and
 * options, the counts and the versions.
 *
 * @param model          the model file used
 * @param input          the input folder (absolute)
 * @param glob           the file-name pattern, or null for every file
 * @param format         csv, parquet or json
 * @param invert         auto, always or never
 * @param fit            trim, pad or stretch
 * @param sharpen        whether the 28x28 inputs were sharpened
 * @param files          files listed
 * @param scored         files scored
 * @param failed         files with an error row
 * @param seconds        wall time of the scoring and writing jobs
 * @param master         the Spark master
 * @param projectVersion this project's version
 * @param gitCommit      the commit it was built from
 * @param sparkVersion   the Spark version that ran
 * @param dl4jVersion    the DL4J version
 * @param createdAt      when the output was completed (ISO-8601, UTC)
 */
public record ScoreManifest(ModelFile model, String input, String glob, String format, String invert, String fit,
                            boolean sharpen, long files,
                            long scored, long failed, double seconds, String master, String projectVersion,
                            String gitCommit, String sparkVersion, String dl4jVersion, String createdAt) {
    /** File name of the manifest inside an output folder. */
    public static final String FILE_NAME = "_manifest.json";

    /**
     * A model file, identified by content.
     *
     * @param path   absolute path
     * @param sha256 SHA-256 of its bytes (lower-case hex)
     * @param bytes  size
     */
    public record ModelFile(String path, String sha256, long bytes) {
        /** Describes {@code file}, reading it once for the digest (on the driver). */
        public static ModelFile of(Location file) throws IOException {
            return new ModelFile(file.toString(), Checksums.sha256Hex(file), file.size());
        }
    }
}
