package io.fashionspark.model;

import io.fashionspark.data.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Saves and loads {@code model.zip} (DL4J format, with updater state). Saving writes a
 * temporary file beside the target and renames it, so a crash never leaves a half-written model.
 */
public final class ModelStore {
    private ModelStore() {
    }

    /** Writes {@code net} with its updater state to {@code target}, atomically. */
    public static void save(MultiLayerNetwork net, Path target) throws IOException {
        Path tmp = AtomicFiles.tempSibling(target, ".tmp");
        try {
            ModelSerializer.writeModel(net, tmp.toFile(), true);
            AtomicFiles.moveIntoPlace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Loads a model written by {@link #save}, checking that it is this project's architecture.
     *
     * @throws ModelFileException when the file is missing, unreadable or of another shape
     */
    public static MultiLayerNetwork load(Path file) throws ModelFileException {
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(file.getFileName() + ": model file not found (" + file + ")");
        }
        MultiLayerNetwork net;
        try {
            net = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
        } catch (IOException | RuntimeException e) {
            throw unreadable(file.getFileName().toString(), e);
        }
        return requireArchitecture(net, file.getFileName().toString());
    }

    /** The error for a model file {@code name} that DL4J could not read. */
    public static ModelFileException unreadable(String name, Exception cause) {
        return new ModelFileException(name + ": expected a DL4J model zip, found an unreadable file ("
                + cause.getClass().getSimpleName() + ")", cause);
    }

    /**
     * Returns {@code net} if it is this project's architecture (784 inputs, 10 classes).
     *
     * @throws ModelFileException naming {@code name} otherwise
     */
    public static MultiLayerNetwork requireArchitecture(MultiLayerNetwork net, String name) throws ModelFileException {
        long in = net.layerInputSize(0);
        long out = net.layerSize(net.getnLayers() - 1);
        if (in != NetworkFactory.INPUTS || out != NetworkFactory.OUTPUTS) {
            throw new ModelFileException(name + ": expected a " + NetworkFactory.INPUTS + "-input, "
                    + NetworkFactory.OUTPUTS + "-class network, found " + in + " inputs and " + out + " outputs");
        }
        return net;
    }
}
