package io.fashionspark.ml;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Schema checks of both stages. They read only the schema and its metadata, so they run on the
 * driver before any Spark job; each failure is one {@link IllegalArgumentException} line naming
 * the column or param, what was expected and what was found.
 */
final class StageSchema {
    private StageSchema() {
    }

    /** The field {@code name} of {@code schema}; {@code param} is the param that named it. */
    static StructField column(StructType schema, String name, String param) {
        if (!Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new IllegalArgumentException(param + ": expected one of the columns "
                    + Arrays.toString(schema.fieldNames()) + ", found '" + name + "'");
        }
        return schema.apply(name);
    }

    /** Checks that the label column exists and is numeric (its values are checked as rows are read). */
    static void requireLabel(StructType schema, String name, int classes) {
        StructField field = column(schema, name, "labelCol");
        if (!(field.dataType() instanceof NumericType)) {
            throw new IllegalArgumentException(name + ": expected a numeric column of class indices 0.."
                    + (classes - 1) + ", found "
                    + field.dataType().simpleString());
        }
    }

    /** The features column of {@code params}, checked (see {@link PixelColumn#of}). */
    static PixelColumn features(StructType schema, FashionClassifierParams params) {
        return PixelColumn.of(column(schema, params.getFeaturesCol(), "featuresCol"), params.prepareOptions());
    }

    /**
     * {@code schema} with the three output columns appended, after checking the features column
     * and that each output name is non-empty, new and distinct from the other two. The prediction
     * column's metadata names the classes; the probability vector has one value per class.
     */
    static StructType withPredictions(StructType schema, FashionClassifierParams params, List<String> classNames) {
        features(schema, params);
        String prediction = params.getPredictionCol();
        String probability = params.getProbabilityCol();
        String className = params.getClassNameCol();
        Set<String> taken = new HashSet<>(Arrays.asList(schema.fieldNames()));
        requireNew(taken, prediction, "predictionCol");
        requireNew(taken, probability, "probabilityCol");
        requireNew(taken, className, "classNameCol");
        return schema
                .add(NominalAttribute.defaultAttr().withName(prediction)
                        .withValues(classNames.toArray(String[]::new)).toStructField())
                .add(new AttributeGroup(probability, classNames.size()).toStructField())
                .add(new StructField(className, DataTypes.StringType, false, Metadata.empty()));
    }

    private static void requireNew(Set<String> taken, String name, String param) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(param + ": expected a column name, found an empty one");
        }
        if (!taken.add(name)) {
            throw new IllegalArgumentException(param + ": expected a new column name, found '" + name
                    + "', which the input or another output column already has");
        }
    }
}
