package io.fashionspark.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fashionspark.config.DataConfig;
import io.fashionspark.files.JsonFiles;
import io.fashionspark.files.Location;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Saves and loads {@code model.zip}: DL4J's model format (configuration, parameters and, for
 * training, the Adam state; DL4J's {@code ModelSerializer} reads it as its own) plus one entry of
 * this project, {@value #METADATA}, holding the class names. A model written before that entry
 * existed has Fashion-MNIST's ten classes. Files live on any file system ({@link Location}).
 * Saving writes a temporary file beside the target and renames it, so a crash never leaves a
 * half-written model.
 */
public final class ModelStore {
    /** The zip entry with this project's metadata of a model. */
    public static final String METADATA = "fashion-spark.json";

    private ModelStore() {
    }

    /** What a model file holds besides DL4J's entries. */
    record Metadata(List<String> classNames) {
    }

    /** Writes {@code net} with its updater state and {@code classNames} to {@code target}, atomically. */
    public static void save(MultiLayerNetwork net, List<String> classNames, Location target) throws IOException {
        Location tmp = target.hiddenSibling(".tmp");
        try {
            try (OutputStream out = tmp.create()) {
                write(net, classNames, true, out);
            }
            tmp.renameTo(target, true);
        } finally {
            tmp.delete();
        }
    }

    /**
     * Writes the model zip to {@code out} (left open): the entries {@code ModelSerializer} writes, in its
     * order and encoding, then {@value #METADATA}.
     *
     * <p>The entries are deflate streams of uncompressed blocks: float parameters shrink by about
     * 7% at deflate's default level, which costs 175 ms for a checkpoint with Adam state (written
     * every epoch) against 3 ms without compression. Any zip reader reads them.
     *
     * @param withUpdater include the Adam state (needed to continue training, not to predict)
     */
    public static void write(MultiLayerNetwork net, List<String> classNames, boolean withUpdater, OutputStream out)
            throws IOException {
        Classifier.requireShape(net, DataConfig.checkClassNames(classNames));
        ZipOutputStream zip = new ZipOutputStream(new NonClosing(out));
        zip.setLevel(Deflater.NO_COMPRESSION);
        zip.putNextEntry(new ZipEntry(ModelSerializer.CONFIGURATION_JSON));
        zip.write(net.getLayerWiseConfigurations().toJson().getBytes(StandardCharsets.UTF_8));
        array(zip, ModelSerializer.COEFFICIENTS_BIN, net.params());
        INDArray updater = net.getUpdater() == null ? null : net.getUpdater().getStateViewArray();
        if (withUpdater && updater != null && updater.length() > 0) {
            array(zip, ModelSerializer.UPDATER_BIN, updater);
        }
        zip.putNextEntry(new ZipEntry(METADATA));
        zip.write(JsonFiles.line(new Metadata(classNames)).getBytes(StandardCharsets.UTF_8));
        zip.finish();
    }

    private static void array(ZipOutputStream zip, String entry, INDArray array) throws IOException {
        zip.putNextEntry(new ZipEntry(entry));
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(zip));
        Nd4j.write(array, data);
        data.flush();
    }

    /**
     * Loads a model file as a {@link Classifier} for prediction.
     *
     * @throws ModelFileException when the file is missing, unreadable or not a 784-input network
     *                            with one output per class name
     */
    public static Classifier load(Location file) throws IOException {
        Loaded loaded = read(bytes(file), file.name(), false);
        Classifier classifier = loaded.classifier();
        // The network just read is this model's: the first prediction in this JVM (a local-mode
        // executor's too, through the broadcast copy, which keeps the model's id) need not build one.
        classifier.giveBack(loaded.network());
        return classifier;
    }

    /**
     * Loads a model file with its Adam state, to continue training.
     *
     * @throws ModelFileException as {@link #load}
     */
    public static Loaded loadForTraining(Location file) throws IOException {
        return read(bytes(file), file.name(), true);
    }

    /**
     * Reads a model zip from {@code in} (read to its end, not closed) as a {@link Classifier};
     * {@code name} names it in errors.
     *
     * @throws ModelFileException as {@link #load}
     */
    public static Classifier read(InputStream in, String name) throws ModelFileException {
        try {
            return read(in.readAllBytes(), name, false).classifier();
        } catch (IOException e) {
            throw unreadable(name, e);
        }
    }

    /** A model read with its network (and Adam state when asked for) and its class names. */
    public record Loaded(MultiLayerNetwork network, List<String> classNames) {
        /** The loaded model for prediction. */
        public Classifier classifier() {
            return Classifier.of(network, classNames);
        }
    }

    private static byte[] bytes(Location file) throws IOException {
        if (!file.isFile()) {
            throw new ModelFileException(file.name() + ": model file not found (" + file + ")");
        }
        return file.readAllBytes();
    }

    private static Loaded read(byte[] zip, String name, boolean withUpdater) throws ModelFileException {
        MultiLayerNetwork net;
        List<String> names;
        try {
            net = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(zip), withUpdater);
            names = classNames(zip);
        } catch (IOException | RuntimeException e) {
            throw unreadable(name, e);
        }
        long in = net.layerInputSize(0);
        long out = net.layerSize(net.getnLayers() - 1);
        if (in != NetworkFactory.INPUTS || out != names.size()) {
            throw new ModelFileException(name + ": expected a " + NetworkFactory.INPUTS + "-input network with one"
                    + " output per class (" + names.size() + "), found " + in + " inputs and " + out + " outputs");
        }
        return new Loaded(net, names);
    }

    /** The class names of a model zip's metadata entry; Fashion-MNIST's without one. */
    private static List<String> classNames(byte[] zip) throws IOException {
        try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = entries.getNextEntry(); e != null; e = entries.getNextEntry()) {
                if (e.getName().equals(METADATA)) {
                    return DataConfig.checkClassNames(JsonFiles.parseLine(
                            new String(entries.readAllBytes(), StandardCharsets.UTF_8), Metadata.class).classNames());
                }
            }
        } catch (JsonProcessingException e) {
            throw new IOException(METADATA + ": " + e.getOriginalMessage(), e);
        }
        return DataConfig.FASHION_MNIST_CLASSES;
    }

    /** The error for a model file {@code name} that could not be read. */
    public static ModelFileException unreadable(String name, Exception cause) {
        return new ModelFileException(name + ": expected a DL4J model zip, found an unreadable file ("
                + cause.getClass().getSimpleName() + ")", cause);
    }

    /** Keeps a stream open when the zip writer closes: the caller owns it. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
