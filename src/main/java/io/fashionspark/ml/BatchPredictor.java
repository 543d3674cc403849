package io.fashionspark.ml;

import io.fashionspark.eval.DistributedEvaluator;
import io.fashionspark.model.Classifier;
import java.io.Serial;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Appends prediction, probability and class name to every row of a partition, on the executors.
 * Rows are pulled lazily in minibatches of {@link DistributedEvaluator#BATCH}, one forward pass per
 * minibatch, through the broadcast {@link Classifier} (its network is built once per executor JVM).
 */
final class BatchPredictor implements MapPartitionsFunction<Row, Row> {
    @Serial
    private static final long serialVersionUID = 1L;
    private final Broadcast<Classifier> model;
    private final PixelColumn pixels;
    private final int featuresIndex;

    BatchPredictor(Broadcast<Classifier> model, PixelColumn pixels, int featuresIndex) {
        this.model = model;
        this.pixels = pixels;
        this.featuresIndex = featuresIndex;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        return new Iterator<>() {
            private Iterator<Row> batch = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                if (!batch.hasNext() && rows.hasNext()) {
                    batch = predictNext(rows);
                }
                return batch.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return batch.next();
            }
        };
    }

    private Iterator<Row> predictNext(Iterator<Row> rows) {
        List<Row> chunk = new ArrayList<>(DistributedEvaluator.BATCH);
        List<byte[]> images = new ArrayList<>(DistributedEvaluator.BATCH);
        while (rows.hasNext() && chunk.size() < DistributedEvaluator.BATCH) {
            Row row = rows.next();
            chunk.add(row);
            images.add(pixels.pixels(row.get(featuresIndex)));
        }
        Classifier classifier = model.value();
        float[][] probabilities = classifier.probabilities(images);
        List<Row> out = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            Row row = chunk.get(i);
            Object[] values = new Object[row.size() + 3];
            for (int c = 0; c < row.size(); c++) {
                values[c] = row.get(c);
            }
            int predicted = Classifier.argMax(probabilities[i]);
            double[] p = new double[probabilities[i].length];
            for (int k = 0; k < p.length; k++) {
                p[k] = probabilities[i][k];
            }
            values[row.size()] = (double) predicted;
            values[row.size() + 1] = Vectors.dense(p);
            values[row.size() + 2] = classifier.className(predicted);
            out.add(RowFactory.create(values));
        }
        return out.iterator();
    }
}
