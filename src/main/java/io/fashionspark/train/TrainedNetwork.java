package io.fashionspark.train;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** A network trained by the epoch loop, with each epoch's metrics. */
public record TrainedNetwork(MultiLayerNetwork network, List<EpochMetrics> epochs) {
}
