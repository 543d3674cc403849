package io.fashionspark.score;

import io.fashionspark.files.Location;
import java.io.IOException;
import java.util.Objects;
import org.apache.hadoop.fs.GlobFilter;

/**
 * What to score and where to write it. Values are validated here; {@link #checkFiles()} checks the
 * file system. Both run on the driver before any Spark job, and messages name the option.
 *
 * @param input  folder listed recursively for image files, on any file system
 * @param output folder to create for the results, on any file system; must not exist
 * @param format file format of the results
 * @param prepare how images become 28x28 network inputs (inversion, fit, sharpening)
 * @param glob   file-name pattern such as {@code *.png} (Hadoop glob syntax), or null for every file
 */
public record ScoreRequest(Location input, Location output, ScoreFormat format, PrepareOptions prepare, String glob) {
    /**
     * Validates the values.
     *
     * @throws IllegalArgumentException naming {@code --glob} if the pattern is blank or malformed
     */
    public ScoreRequest {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(prepare, "prepare");
        if (glob != null) {
            checkGlob(glob);
        }
    }

    private static void checkGlob(String glob) {
        if (glob.isBlank()) {
            throw new IllegalArgumentException("--glob: expected a file-name pattern such as *.png, found an empty one");
        }
        try {
            new GlobFilter(glob);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("--glob: expected a file-name pattern such as *.png, found " + glob
                    + " (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")", e);
        }
    }

    /**
     * Checks that the input folder exists and the output does not.
     *
     * @throws IllegalArgumentException   naming {@code --input} if it is missing or not a folder
     * @throws java.nio.file.FileAlreadyExistsException naming the output if it exists (it is left as it is)
     */
    public void checkFiles() throws IOException {
        if (!input.isDirectory()) {
            throw new IllegalArgumentException("--input: expected a folder of images, found "
                    + (input.exists() ? "a file" : "nothing") + " at " + input);
        }
        StagedFolder.checkAbsent(output, "--output");
    }
}
