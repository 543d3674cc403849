package io.fashionspark.data;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The recipe's input scaling, the one place it is written: a grey level {@code x} in 0..255
 * becomes {@code 2*x/255 - 1}. Training's minibatches and every prediction go through it.
 */
public final class Pixels {
    private Pixels() {
    }

    /** Scales one raw pixel byte (0-255) to [-1, 1]. */
    public static float scale(byte pixel) {
        return 2f * (pixel & 0xFF) / 255f - 1f;
    }

    /** Scales {@code image} into {@code out} from {@code offset} on. */
    public static void scaleInto(byte[] image, float[] out, int offset) {
        for (int j = 0; j < image.length; j++) {
            out[offset + j] = scale(image[j]);
        }
    }

    /**
     * The network input [n, width] for {@code images} of {@code width} raw pixels each, scaled,
     * one row per image (a fresh off-heap array the caller may close).
     */
    public static INDArray features(List<byte[]> images, int width) {
        float[] features = new float[images.size() * width];
        for (int i = 0; i < images.size(); i++) {
            scaleInto(images.get(i), features, i * width);
        }
        return NdArrays.fromFlat(features, images.size(), width);
    }
}
