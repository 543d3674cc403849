package io.fashionspark.model;

import io.fashionspark.data.Checksums;
import io.fashionspark.data.NdArrays;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The SHA-256 of a network's parameter vector: its float32 values in DL4J's flat order,
 * little-endian. Two networks with this digest in common have the same parameters, bit for bit.
 */
public final class ParameterDigest {
    private ParameterDigest() {
    }

    /** The digest of {@code net}'s parameters as 64 hex digits. */
    public static String sha256(MultiLayerNetwork net) {
        float[] values = NdArrays.toFlat(net.params());
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return Checksums.sha256Hex(new byte[][] {bytes.array()}, new int[] {bytes.capacity()});
    }
}
