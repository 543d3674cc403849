package io.fashionspark.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.fashionspark.config.RunConfig;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

class ParameterDigestTest {
    @Test
    void digestIsTheSha256OfTheLittleEndianFloatsAndSeesEveryBit() throws Exception {
        MultiLayerNetwork net = NetworkFactory.create(RunConfig.DEFAULTS);
        // Independent reference: every parameter's IEEE 754 bits, lowest byte first, in flat order.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (long i = 0; i < net.numParams(); i++) {
            int bits = Float.floatToRawIntBits(net.params().getFloat(i));
            for (int b = 0; b < 4; b++) {
                bytes.write(bits >>> (8 * b));
            }
        }
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        assertEquals(expected, ParameterDigest.sha256(net));
        assertEquals(expected, ParameterDigest.sha256(NetworkFactory.create(RunConfig.DEFAULTS)), "same seed, same digest");

        long last = net.numParams() - 1;
        float value = net.params().getFloat(last);
        net.params().putScalar(last, Float.intBitsToFloat(Float.floatToRawIntBits(value) ^ 1));
        assertNotEquals(expected, ParameterDigest.sha256(net), "one bit of the last parameter changes it");
    }
}
