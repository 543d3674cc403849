package io.fashionspark.score;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Columns of a scoring output: one row per file. Every column but {@code path} is null when the
 * file could not be scored, and {@code error} is null when it was; {@code width}, {@code height}
 * and {@code inverted} describe the decoded image. The same flat columns in every format.
 */
public final class ScoreTable {
    /** The file's URI as Spark listed it, e.g. {@code file:/data/photos/shirt.jpg} (string). */
    public static final String PATH = "path";
    /** Predicted class 0-9 (int). */
    public static final String LABEL = "label";
    /** Name of the predicted class, e.g. {@code Ankle boot} (string). */
    public static final String CLASS_NAME = "class_name";
    /** Probability of the predicted class (float). */
    public static final String PROBABILITY = "probability";
    /** Second most probable class (int). */
    public static final String TOP2_LABEL = "top2_label";
    /** Its probability (float). */
    public static final String TOP2_PROBABILITY = "top2_probability";
    /** Third most probable class (int). */
    public static final String TOP3_LABEL = "top3_label";
    /** Its probability (float). */
    public static final String TOP3_PROBABILITY = "top3_probability";
    /** Width of the decoded image in pixels (int). */
    public static final String WIDTH = "width";
    /** Height of the decoded image in pixels (int). */
    public static final String HEIGHT = "height";
    /** Whether the grey levels were inverted before scoring (boolean). */
    public static final String INVERTED = "inverted";
    /** Why the file could not be scored, one line starting with its name (string; null when scored). */
    public static final String ERROR = "error";

    /** Schema of every scoring output. */
    public static final StructType SCHEMA = new StructType()
            .add(PATH, DataTypes.StringType, false)
            .add(LABEL, DataTypes.IntegerType, true)
            .add(CLASS_NAME, DataTypes.StringType, true)
            .add(PROBABILITY, DataTypes.FloatType, true)
            .add(TOP2_LABEL, DataTypes.IntegerType, true)
            .add(TOP2_PROBABILITY, DataTypes.FloatType, true)
            .add(TOP3_LABEL, DataTypes.IntegerType, true)
            .add(TOP3_PROBABILITY, DataTypes.FloatType, true)
            .add(WIDTH, DataTypes.IntegerType, true)
            .add(HEIGHT, DataTypes.IntegerType, true)
            .add(INVERTED, DataTypes.BooleanType, true)
            .add(ERROR, DataTypes.StringType, true);

    private ScoreTable() {
    }

    /** The row of a file that could not be scored: its path and why. */
    public static Row errorRow(String path, String error) {
        return RowFactory.create(path, null, null, null, null, null, null, null, null, null, null, error);
    }
}
