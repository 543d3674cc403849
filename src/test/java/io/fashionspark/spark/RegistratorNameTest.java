package io.fashionspark.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.Kryo;
import io.fashionspark.data.ImageRow;
import java.nio.ByteBuffer;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import scala.reflect.ClassTag$;

/**
 * The Kryo registrator loads under its name and under the name it had before it moved to this
 * package, which users' {@code spark-defaults.conf} files may still hold.
 */
class RegistratorNameTest {
    @ParameterizedTest
    @ValueSource(strings = {"io.fashionspark.spark.NdArrayKryoRegistrator", "io.fashionspark.train.NdArrayKryoRegistrator"})
    void registersTheRawByteSerializerForIndArrays(String name) {
        SparkConf conf = new SparkConf().set("spark.kryo.registrator", name).set("spark.kryo.registrationRequired",
                "false");
        KryoSerializer serializer = new KryoSerializer(conf);
        Kryo kryo = serializer.newKryo();
        assertInstanceOf(NdArraySerializer.class, kryo.getSerializer(Nd4j.getBackend().getNDArrayClass()));
        SerializerInstance instance = serializer.newInstance();
        INDArray array = Nd4j.linspace(1, 12, 12).reshape(3, 4);
        ByteBuffer bytes = instance.serialize(array, ClassTag$.MODULE$.apply(INDArray.class));
        INDArray back = instance.deserialize(bytes, ClassTag$.MODULE$.apply(INDArray.class));
        assertEquals(array, back);
    }

    @Test
    void imageRowsTravelWithoutTheirClassName() {
        byte[] pixels = new byte[784];
        pixels[3] = 7;
        ImageRow row = new ImageRow(59_999, 9, pixels);
        SerializerInstance registered = new KryoSerializer(new SparkConf()
                .set("spark.kryo.registrator", NdArrayKryoRegistrator.NAME)).newInstance();
        SerializerInstance plain = new KryoSerializer(new SparkConf()).newInstance();
        ByteBuffer bytes = registered.serialize(row, ClassTag$.MODULE$.apply(ImageRow.class));
        int named = plain.serialize(row, ClassTag$.MODULE$.apply(ImageRow.class)).remaining();
        // Unregistered, Kryo writes "io.fashionspark.data.ImageRow" (29 characters) before every row.
        assertTrue(bytes.remaining() + 25 < named, bytes.remaining() + " bytes registered, " + named + " by name");
        assertEquals(row, registered.deserialize(bytes, ClassTag$.MODULE$.apply(ImageRow.class)));
    }
}
