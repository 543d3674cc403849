package io.fashionspark.spark;

import com.esotericsoftware.kryo.Kryo;
import io.fashionspark.data.ImageRow;
import org.nd4j.kryo.Nd4jRegistrator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Spark's Kryo registrator for this application: ND4J's own registrations
 * ({@link Nd4jRegistrator}) with INDArrays written as raw bytes by {@link NdArraySerializer}
 * instead of ND4J's element-by-element stream. Runs wherever Spark creates a Kryo instance
 * (driver and executors); set as {@code spark.kryo.registrator}.
 *
 * <p>Why: INDArrays of parameters cross the serializer in an evaluation's classifier and, when a
 * block manager refuses the block a round's arrays otherwise travel in, in the round itself (3 x
 * 576,810 floats each way); ND4J's serializer writes them one {@code writeFloat} at a time, which
 * cost more than a round's compute when every round shipped them that way. {@link ImageRow}, which
 * the epoch split of a DataFrame's rows shuffles 50,000 times an epoch, is registered so that
 * Kryo writes a number instead of its class name before each row.
 */
public class NdArrayKryoRegistrator extends Nd4jRegistrator {
    /** Class name for {@code spark.kryo.registrator}. */
    public static final String NAME = NdArrayKryoRegistrator.class.getName();

    @Override
    public void registerClasses(Kryo kryo) {
        super.registerClasses(kryo);
        // Re-registering a class keeps its id and replaces its serializer.
        kryo.register(Nd4j.getBackend().getNDArrayClass(), new NdArraySerializer());
        kryo.register(ImageRow.class);
    }
}
