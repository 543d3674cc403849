package io.fashionspark.score;

import io.fashionspark.files.FileTree;
import io.fashionspark.files.Location;
import io.fashionspark.files.Locations;
import io.fashionspark.model.Classifier;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;

/**
 * Scores one partition of file paths on an executor, lazily: reads each file (through the Hadoop
 * file system of its path, the local disk through the JDK), decodes and prepares it at once, so
 * that only its 784 prepared bytes are kept; runs the network on up to {@code batch} images at a
 * time (one INDArray per batch, never one per file) and yields one {@link ScoreTable} row per
 * file, in input order. Memory per task: one file's bytes and its decoded image, plus a batch of
 * prepared inputs. A file that cannot be read or decoded yields a row with its error and the
 * partition goes on; a failure of the network fails the task.
 */
public final class PartitionScorer implements Iterator<Row> {
    /** How many classes a row reports: the prediction and the next two. */
    static final int TOP = 3;
    /** Largest file read (128 MiB): far above any photo, and a bound on an executor's memory per task. */
    static final int MAX_FILE_BYTES = 128 << 20;

    private final Classifier model;
    private final PrepareOptions prepare;
    private final int batch;
    private final Locations locations;
    private final Iterator<String[]> paths;
    private final LongAccumulator done;
    private final Deque<Row> ready = new ArrayDeque<>();

    private PartitionScorer(Classifier model, PrepareOptions prepare, int batch, Locations locations,
                            Iterator<String[]> paths, LongAccumulator done) {
        this.model = model;
        this.prepare = prepare;
        this.batch = batch;
        this.locations = locations;
        this.paths = paths;
        this.done = done;
    }

    /**
     * The rows of {@code entries}: {path, null} for a file to score, {path, problem} for one that
     * the listing could not use (its row gets the problem as error). Paths are as
     * {@link io.fashionspark.files.FileTree} lists them; files are read with {@code conf};
     * {@code done} (may be null) counts the entries as they are done, for progress displays.
     */
    public static Iterator<Row> score(Classifier model, PrepareOptions prepare, int batch, Configuration conf,
                               Iterator<String[]> entries, LongAccumulator done) {
        return new PartitionScorer(model, prepare, batch, new Locations(conf), entries, done);
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && paths.hasNext()) {
            scoreNextBatch();
        }
        return !ready.isEmpty();
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    private void scoreNextBatch() {
        List<String> names = new ArrayList<>(batch);
        List<Object> outcomes = new ArrayList<>(batch);
        List<byte[]> images = new ArrayList<>(batch);
        while (paths.hasNext() && names.size() < batch) {
            String[] entry = paths.next();
            String path = entry[0];
            names.add(path);
            if (entry[1] != null) {
                outcomes.add(entry[1]);
                continue;
            }
            try {
                PreparedImage image = ImagePreprocessor.prepare(ImageDecoder.decode(fileName(path), read(path)), prepare);
                images.add(image.pixels());
                outcomes.add(image);
            } catch (UnreadableImageException e) {
                outcomes.add(e.getMessage());
            }
        }
        float[][] probabilities = model.probabilities(images);
        int scored = 0;
        for (int i = 0; i < names.size(); i++) {
            ready.add(outcomes.get(i) instanceof PreparedImage image
                    ? scoredRow(names.get(i), image, probabilities[scored++])
                    : ScoreTable.errorRow(names.get(i), (String) outcomes.get(i)));
        }
        if (done != null) {
            done.add(names.size());
        }
    }

    /** The file's bytes; a file that cannot be read is an unreadable image, with the reason. */
    private byte[] read(String path) throws UnreadableImageException {
        String name = fileName(path);
        try {
            Location file = locations.listed(path);
            return file.readAtMost(MAX_FILE_BYTES);
        } catch (Location.FileTooLargeException e) {
            throw new UnreadableImageException(name + ": expected an image file of at most " + (MAX_FILE_BYTES >> 20)
                    + " MiB, found a larger file", e);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableImageException(name + ": " + FileTree.unreadable(e, "disappeared before it was read"), e);
        }
    }

    private Row scoredRow(String path, PreparedImage image, float[] p) {
        int[] top = Classifier.ranking(p, TOP);
        return RowFactory.create(path, top[0], model.className(top[0]), p[top[0]], top[1], p[top[1]],
                top[2], p[top[2]], image.width(), image.height(), image.inverted(), null);
    }

    /** The last segment of a path or URI: the file's name, which starts every error message. */
    static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
