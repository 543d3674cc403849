package io.fashionspark.ml;

import io.fashionspark.data.LabeledImages;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** DataFrames of generated images in the layouts the stages accept; every frame has an {@code id} column. */
final class ImageFrames {
    static final int PIXELS = LabeledImages.PIXELS;

    private ImageFrames() {
    }

    /**
     * id (long), label (int) and the image's 28 rows as vectors {@code r0..r27} of 28 intensities
     * 0..255, each with its size in ML attribute metadata (as a feature stage would leave it).
     */
    static Dataset<Row> imageRows(SparkSession spark, LabeledImages images) {
        int side = LabeledImages.SIDE;
        StructType schema = new StructType().add("id", DataTypes.LongType).add("label", DataTypes.IntegerType);
        for (int r = 0; r < side; r++) {
            schema = schema.add(new StructField("r" + r, SQLDataTypes.VectorType(), false,
                    new AttributeGroup("r" + r, side).toMetadata()));
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < images.count(); i++) {
            Object[] values = new Object[side + 2];
            values[0] = (long) i;
            values[1] = images.label(i);
            byte[] image = images.image(i);
            for (int r = 0; r < side; r++) {
                double[] row = new double[side];
                for (int c = 0; c < side; c++) {
                    row[c] = image[r * side + c] & 0xFF;
                }
                values[r + 2] = Vectors.dense(row);
            }
            rows.add(RowFactory.create(values));
        }
        return spark.createDataFrame(rows, schema);
    }

    /** The feature stage of the tests' pipelines: the row vectors {@code r0..r27} into one {@code features} vector. */
    static VectorAssembler assembler() {
        String[] columns = new String[LabeledImages.SIDE];
        for (int r = 0; r < columns.length; r++) {
            columns[r] = "r" + r;
        }
        return new VectorAssembler().setInputCols(columns).setOutputCol("features");
    }

    /**
     * id, label (double), {@code features} (dense vector without size metadata), {@code pixels}
     * (binary) and {@code values} (array of doubles) of every image.
     */
    static Dataset<Row> allLayouts(SparkSession spark, LabeledImages images) {
        StructType schema = new StructType()
                .add("id", DataTypes.LongType)
                .add("label", DataTypes.DoubleType)
                .add("features", SQLDataTypes.VectorType())
                .add("pixels", DataTypes.BinaryType)
                .add("values", DataTypes.createArrayType(DataTypes.DoubleType));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < images.count(); i++) {
            byte[] image = images.image(i);
            double[] values = new double[PIXELS];
            List<Double> list = new ArrayList<>(PIXELS);
            for (int p = 0; p < PIXELS; p++) {
                values[p] = image[p] & 0xFF;
                list.add(values[p]);
            }
            rows.add(RowFactory.create((long) i, (double) images.label(i), Vectors.dense(values), image, list));
        }
        return spark.createDataFrame(rows, schema);
    }

    /** id, label (double) and {@code features}: vectors of {@code size} copies of {@code value}. */
    static Dataset<Row> constantVectors(SparkSession spark, int rows, int size, double value) {
        StructType schema = new StructType()
                .add("id", DataTypes.LongType)
                .add("label", DataTypes.DoubleType)
                .add("features", SQLDataTypes.VectorType());
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            double[] values = new double[size];
            java.util.Arrays.fill(values, value);
            out.add(RowFactory.create((long) i, (double) (i % 10), Vectors.dense(values)));
        }
        return spark.createDataFrame(out, schema);
    }
}
