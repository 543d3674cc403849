package io.fashionspark.model;

import io.fashionspark.data.NdArrays;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
