package io.fashionspark.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.testing.SparkTestSession;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import scala.reflect.ClassTag$;

/** INDArrays through Spark's Kryo serializer with this application's registrator. */
class NdArraySerializerTest {
    private static final SerializerInstance KRYO = new KryoSerializer(new SparkConf()
            .set("spark.kryo.registrator", NdArrayKryoRegistrator.NAME)
            .set("spark.kryoserializer.buffer.max", "64m")).newInstance();

    private static INDArray roundTrip(INDArray a) {
        ByteBuffer bytes = KRYO.serialize(a, ClassTag$.MODULE$.apply(INDArray.class));
        return KRYO.deserialize(bytes, ClassTag$.MODULE$.apply(INDArray.class));
    }

    @Test
    void arraysOfEveryOrderAndTypeComeBackEqual() {
        List<INDArray> arrays = List.of(
                Nd4j.rand(DataType.FLOAT, 3, 784),
                Nd4j.rand(DataType.FLOAT, 5, 7).dup('f'),
                Nd4j.rand(DataType.DOUBLE, 4, 2, 3),
                Nd4j.createFromArray(1, -2, 3_000_000),
                Nd4j.createFromArray(true, false, true),
                Nd4j.scalar(2.5f),
                Nd4j.rand(DataType.FLOAT, 1, 40_000));
        for (INDArray a : arrays) {
            INDArray back = roundTrip(a);
            assertEquals(a.dataType(), back.dataType(), a.shapeInfoToString());
            assertArrayEquals(a.shape(), back.shape());
            assertEquals(a, back, a.shapeInfoToString());
        }
    }

    @Test
    void viewsAreWrittenAsTheirOwnElementsOnly() {
        INDArray parent = Nd4j.arange(0, 40).castTo(DataType.FLOAT).reshape(4, 10);
        INDArray rows = parent.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all());
        INDArray column = parent.get(NDArrayIndex.all(), NDArrayIndex.point(3));

        assertEquals(rows, roundTrip(rows));
        assertEquals(column, roundTrip(column));
        assertTrue(KRYO.serialize(rows, ClassTag$.MODULE$.apply(INDArray.class)).remaining() < 40 * 4);
    }

    @Test
    void emptyArraysUseNd4jsOwnFormat() {
        INDArray empty = Nd4j.empty(DataType.FLOAT);

        INDArray back = roundTrip(empty);

        assertTrue(back.isEmpty());
    }

    @Test
    void rawBytesAreAboutTheArraySize() {
        INDArray params = Nd4j.rand(DataType.FLOAT, 1, 576_810);

        int size = KRYO.serialize(params, ClassTag$.MODULE$.apply(INDArray.class)).remaining();

        assertTrue(size >= 576_810 * 4 && size < 576_810 * 4 + 200, "serialized size " + size);
    }

    @Test
    void minibatchesSurviveASparkShuffleWithTheSessionsSerializer() {
        DataSet batch = new DataSet(Nd4j.rand(DataType.FLOAT, 6, 784), Nd4j.eye(6).castTo(DataType.FLOAT).get(
                NDArrayIndex.all(), NDArrayIndex.interval(0, 6)));
        var sc = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
        assertEquals(NdArrayKryoRegistrator.NAME, sc.getConf().get("spark.kryo.registrator"));

        List<DataSet> back = sc.parallelize(List.of(batch, batch), 2).repartition(1).collect();

        assertEquals(2, back.size());
        for (DataSet d : back) {
            assertEquals(batch.getFeatures(), d.getFeatures());
            assertEquals(batch.getLabels(), d.getLabels());
        }
    }
}
