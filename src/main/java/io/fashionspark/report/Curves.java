package io.fashionspark.report;

import io.fashionspark.train.EpochMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The report's learning-curve charts, built from metrics.jsonl epochs (x axis: 1-based epoch). */
public final class Curves {
    /** SVG id of the loss chart. */
    public static final String LOSS_ID = "chart-loss";
    /** SVG id of the validation accuracy chart. */
    public static final String ACCURACY_ID = "chart-accuracy";
    /** SVG id of the learning-rate chart. */
    public static final String LEARNING_RATE_ID = "chart-learning-rate";
    /** SVG id of the comparison page's validation accuracy chart. */
    public static final String COMPARE_ACCURACY_ID = "chart-compare-accuracy";
    /** SVG id of the comparison page's validation loss chart. */
    public static final String COMPARE_LOSS_ID = "chart-compare-loss";

    private Curves() {
    }

    /** Training and validation loss per epoch. */
    public static LineChart loss(List<EpochMetrics> epochs) {
        return new LineChart(LOSS_ID, "Loss", "epoch", "loss", List.of(
                series("train loss", LineChart.COLORS.get(0), epochs, EpochMetrics::trainLoss),
                series("validation loss", LineChart.COLORS.get(1), epochs, EpochMetrics::valLoss)));
    }

    /** Validation accuracy per epoch. */
    public static LineChart accuracy(List<EpochMetrics> epochs) {
        return new LineChart(ACCURACY_ID, "Validation accuracy", "epoch", "accuracy", List.of(
                series("validation accuracy", LineChart.COLORS.get(2), epochs, EpochMetrics::valAccuracy)));
    }

    /** The learning rate of each epoch. */
    public static LineChart learningRate(List<EpochMetrics> epochs) {
        return new LineChart(LEARNING_RATE_ID, "Learning rate schedule", "epoch", "learning rate", List.of(
                series("learning rate", LineChart.COLORS.get(3), epochs, EpochMetrics::learningRate)));
    }

    /** One metric of several runs on one chart, a line per run labelled with its title. */
    public static LineChart compare(String id, String title, String yLabel, List<ReportContent> runs,
                                    ToDoubleFunction<EpochMetrics> metric) {
        List<LineChart.Series> series = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            series.add(series(runs.get(i).title(), LineChart.COLORS.get(i % LineChart.COLORS.size()),
                    runs.get(i).epochs(), metric));
        }
        return new LineChart(id, title, "epoch", yLabel, series);
    }

    private static LineChart.Series series(String name, String color, List<EpochMetrics> epochs,
                                           ToDoubleFunction<EpochMetrics> metric) {
        double[] x = new double[epochs.size()];
        double[] y = new double[epochs.size()];
        for (int i = 0; i < epochs.size(); i++) {
            x[i] = epochs.get(i).epoch() + 1;
            y[i] = metric.applyAsDouble(epochs.get(i));
        }
        return new LineChart.Series(name, color, x, y);
    }
}
