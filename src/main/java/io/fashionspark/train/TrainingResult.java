package io.fashionspark.train;

import io.fashionspark.eval.EvaluationReport;
import io.fashionspark.eval.Prediction;
import io.fashionspark.model.Classifier;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Everything a finished training run produced, on the driver.
 *
 * @param network        the trained network (with Adam state)
 * @param model          the trained network as a classifier with its class names
 * @param epochs         metrics of each epoch run
 * @param test           distributed evaluation on the test set
 * @param samples        predictions for the first test images
 * @param workers        training partitions (parallel workers) per epoch
 * @param setupSeconds   from the start of the run to the first epoch (table build and caching)
 * @param trainSeconds   wall time of all epochs
 * @param testSeconds    wall time of the test evaluation
 * @param executors      executors that took part, with their task counts
 * @param executorLosses executors lost during the run, with the epoch of each loss
 */
public record TrainingResult(MultiLayerNetwork network, Classifier model, List<EpochMetrics> epochs, EvaluationReport test,
                             List<Prediction> samples, int workers, double setupSeconds, double trainSeconds,
                             double testSeconds, List<ExecutorRecord> executors,
                             List<ExecutorLoss> executorLosses) {
}
