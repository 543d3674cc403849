package io.fashionspark.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fashionspark.config.DataConfig;
import io.fashionspark.config.RunConfig;
import io.fashionspark.data.ImageRow;
import io.fashionspark.data.ImageTable;
import io.fashionspark.data.LabeledImages;
import io.fashionspark.data.PixelBatch;
import io.fashionspark.model.Classifier;
import io.fashionspark.model.NetworkFactory;
import io.fashionspark.testing.SparkTestSession;
import io.fashionspark.testing.SyntheticFashion;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.adapter.SingletonDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

class DistributedEvaluatorTest {
    private static final int CLASSES = DataConfig.FASHION_MNIST_CLASSES.size();

    @Test
    void distributedEvaluationEqualsSingleProcessEvaluation() {
        LabeledImages images = SyntheticFashion.generate(700, 5);
        MultiLayerNetwork net = NetworkFactory.create(RunConfig.DEFAULTS);
        // A few local steps so the predictions are not uniform.
        List<ImageRow> rows = new ArrayList<>();
        for (int i = 0; i < images.count(); i++) {
            rows.add(new ImageRow(i, images.label(i), images.image(i)));
        }
        DataSet all = PixelBatch.of(rows, CLASSES).toDataSet();
        for (int i = 0; i < 5; i++) {
            net.fit(all);
        }
        Classifier model = Classifier.of(net, DataConfig.FASHION_MNIST_CLASSES);
        Dataset<Row> table = ImageTable.create(SparkTestSession.get(), images, 3);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
        EvaluationReport distributed = DistributedEvaluator.evaluateRows(sc, model,
                table.javaRDD().map(ImageTable::toImageRow));
        table.unpersist();
        EvaluationReport local = DistributedEvaluator.evaluateLocally(model, rows.iterator());

        assertEquals(700, distributed.examples());
        assertArrayEquals(local.confusionMatrix(), distributed.confusionMatrix());
        assertEquals(local.accuracy(), distributed.accuracy(), 0.0);
        assertEquals(local.loss(), distributed.loss(), 1e-4);

        // An independent reference computed with the network itself: net.output on the scaled
        // features (2x/255 - 1, written out here), argmax, counting, mean cross-entropy plus L2.
        float[] features = new float[images.count() * LabeledImages.PIXELS];
        for (int i = 0; i < images.count(); i++) {
            byte[] px = images.image(i);
            for (int j = 0; j < px.length; j++) {
                features[i * LabeledImages.PIXELS + j] = 2f * (px[j] & 0xFF) / 255f - 1f;
            }
        }
        INDArray output = net.output(Nd4j.create(features, new long[] {images.count(), LabeledImages.PIXELS}, 'c'),
                false);
        long[][] confusion = new long[CLASSES][CLASSES];
        long correct = 0;
        double crossEntropy = 0;
        for (int i = 0; i < images.count(); i++) {
            int predicted = 0;
            for (int c = 1; c < CLASSES; c++) {
                if (output.getFloat(i, c) > output.getFloat(i, predicted)) {
                    predicted = c;
                }
            }
            int actual = images.label(i);
            confusion[actual][predicted]++;
            correct += predicted == actual ? 1 : 0;
            crossEntropy -= Math.log(Math.max(output.getFloat(i, actual), 1e-10));
        }
        double referenceLoss = crossEntropy / images.count() + net.calcRegularizationScore(true);
        assertArrayEquals(confusion, distributed.confusionMatrix());
        assertEquals((double) correct / images.count(), distributed.accuracy(), 0.0);
        assertEquals(referenceLoss, distributed.loss(), 1e-4);
        assertEquals(DataConfig.FASHION_MNIST_CLASSES, distributed.classNames());

        // DL4J's own single-process evaluation and score agree with ours.
        Evaluation dl4j = net.evaluate(new SingletonDataSetIterator(all));
        assertEquals(dl4j.accuracy(), distributed.accuracy(), 1e-9);
        for (int c = 0; c < CLASSES; c++) {
            assertEquals(dl4j.precision(c), distributed.perClass().get(c).precision(), 1e-9, "precision " + c);
            assertEquals(dl4j.recall(c), distributed.perClass().get(c).recall(), 1e-9, "recall " + c);
        }
        assertEquals(net.score(all, false), distributed.loss(), 1e-4);
    }

    @Test
    void perClassMetricsFollowFromTheConfusionMatrix() {
        ConfusionCounts counts = new ConfusionCounts(10);
        counts.add(0, 0, 0.1);
        counts.add(0, 1, 2.0);
        counts.add(1, 1, 0.2);
        counts.add(1, 1, 0.3);
        EvaluationReport r = EvaluationReport.of(counts, 0.5, DataConfig.FASHION_MNIST_CLASSES);
        assertEquals(0.75, r.accuracy(), 1e-12);
        assertEquals(1.0, r.perClass().get(0).precision(), 1e-12);
        assertEquals(0.5, r.perClass().get(0).recall(), 1e-12);
        assertEquals(2.0 / 3, r.perClass().get(1).precision(), 1e-12);
        assertEquals(2 * (2.0 / 3) / (1 + 2.0 / 3), r.perClass().get(1).f1(), 1e-12);
        assertEquals(2.6 / 4 + 0.5, r.loss(), 1e-12);
        assertEquals("Trouser", r.classNames().get(1));
        assertEquals(List.of(0, 1), List.of(r.mostConfused(1).get(0)[0], r.mostConfused(1).get(0)[1]));
    }
}
