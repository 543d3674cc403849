package io.fashionspark.score;

import io.fashionspark.model.Classifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Scores one partition of (path, content) rows on an executor, lazily: decodes and prepares each
 * file, runs the network on up to {@code batch} images at a time (one INDArray per batch, never
 * one per file) and yields one {@link ScoreTable} row per file, in input order. At most
 * {@code batch} files' contents are held at once. A file that cannot be decoded yields a row with
 * its error and the partition goes on; a failure of the network fails the task.
 */
final class PartitionScorer implements Iterator<Row> {
    /** How many classes a row reports: the prediction and the next two. */
    static final int TOP = 3;

    private final Classifier model;
    private final InvertMode invert;
    private final int batch;
    private final Iterator<Row> files;
    private final Deque<Row> ready = new ArrayDeque<>();

    private PartitionScorer(Classifier model, InvertMode invert, int batch, Iterator<Row> files) {
        this.model = model;
        this.invert = invert;
        this.batch = batch;
        this.files = files;
    }

    /** The scored rows of {@code files}, rows of (path string, content bytes). */
    static Iterator<Row> score(Classifier model, InvertMode invert, int batch, Iterator<Row> files) {
        return new PartitionScorer(model, invert, batch, files);
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && files.hasNext()) {
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
        List<String> paths = new ArrayList<>(batch);
        List<Object> outcomes = new ArrayList<>(batch);
        List<byte[]> images = new ArrayList<>(batch);
        while (files.hasNext() && paths.size() < batch) {
            Row file = files.next();
            String path = file.getString(0);
            paths.add(path);
            try {
                PreparedImage image = ImagePreprocessor.prepare(
                        ImageDecoder.decode(fileName(path), (byte[]) file.get(1)), invert);
                images.add(image.pixels());
                outcomes.add(image);
            } catch (UnreadableImageException e) {
                outcomes.add(e.getMessage());
            }
        }
        float[][] probabilities = model.probabilities(images);
        int scored = 0;
        for (int i = 0; i < paths.size(); i++) {
            ready.add(outcomes.get(i) instanceof PreparedImage image
                    ? scoredRow(paths.get(i), image, probabilities[scored++])
                    : RowFactory.create(paths.get(i), null, null, null, null, null, null, null, null, null, null,
                            outcomes.get(i)));
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
