package io.fashionspark.train;

/**
 * The Kryo registrator's earlier name, kept so that a {@code spark-defaults.conf} that names it
 * ({@code spark.kryo.registrator io.fashionspark.train.NdArrayKryoRegistrator}) keeps working.
 *
 * @deprecated name {@link io.fashionspark.spark.NdArrayKryoRegistrator} instead
 */
@Deprecated
public class NdArrayKryoRegistrator extends io.fashionspark.spark.NdArrayKryoRegistrator {
}
