package io.fashionspark.ml;

import io.fashionspark.model.Classifier;
import io.fashionspark.model.ModelFileException;
import io.fashionspark.model.ModelStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;

/**
 * Saves and loads a {@link FashionClassifierModel} as a directory on any Hadoop file system
 * (a plain path is on the default one, the local disk unless configured otherwise):
 * <pre>
 *   metadata/part-00000   Spark's default params JSON (class, uid, Spark version, params)
 *   data/model.zip        the DL4J model (configuration and parameters, no updater state)
 * </pre>
 * The metadata is what {@code PipelineModel.load} reads to find the class and its {@code read()}.
 * Both run on the driver; writing the metadata runs one small Spark job, as Spark's writers do.
 */
final class ModelPersistence {
    /** Where the network lives under a saved model's directory. */
    static final String NETWORK_FILE = "data/model.zip";

    private ModelPersistence() {
    }

    /** Writes the params with Spark's own writer, then the network, through a temporary name. */
    static final class Writer extends MLWriter {
        private final FashionClassifierModel model;

        Writer(FashionClassifierModel model) {
            this.model = model;
        }

        @Override
        public void saveImpl(String path) {
            Classifier classifier = model.classifier();
            try {
                // MLWriter.save has already applied overwrite(), so the directory is free.
                model.paramsWriter().session(sparkSession()).save(path);
                Path target = new Path(path, NETWORK_FILE);
                Path partial = new Path(target.getParent(), "." + target.getName() + ".partial");
                FileSystem fs = target.getFileSystem(sc().hadoopConfiguration());
                try (OutputStream out = fs.create(partial, true)) {
                    ModelStore.write(classifier.network(), classifier.classNames(), false, out);
                }
                if (!fs.rename(partial, target)) {
                    throw new IOException(target + ": could not rename " + partial.getName() + " into place");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Reads the params with Spark's own reader, then attaches the network. */
    static final class Reader extends MLReader<FashionClassifierModel> {
        @Override
        public FashionClassifierModel load(String path) {
            MLReader<FashionClassifierModel> params = new DefaultParamsReadable<FashionClassifierModel>() { }.read();
            FashionClassifierModel bare = params.session(sparkSession()).load(path);
            try {
                Classifier classifier = readClassifier(new Path(path, NETWORK_FILE));
                return bare.copyValues(new FashionClassifierModel(bare.uid(), classifier, java.util.List.of()),
                        ParamMap.empty());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private Classifier readClassifier(Path file) throws IOException {
            FileSystem fs = file.getFileSystem(sc().hadoopConfiguration());
            if (!fs.exists(file)) {
                throw new ModelFileException(file + ": model file not found");
            }
            try (InputStream in = fs.open(file)) {
                return ModelStore.read(in, file.toString());
            }
        }
    }
}
