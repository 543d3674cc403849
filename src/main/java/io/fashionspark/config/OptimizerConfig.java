package io.fashionspark.config;

import java.util.Locale;
import java.util.Properties;

/**
 * Adam and its learning-rate schedule.
 *
 * @param learningRate base learning rate (recipe: 0.01)
 * @param schedule     LINEAR: lr(e) = learningRate * (epochs - e) / epochs for 0-based epoch e; CONSTANT
 * @param beta1        Adam beta1 (0.9)
 * @param beta2        Adam beta2 (0.999)
 * @param epsilon      Adam epsilon (1e-8)
 */
public record OptimizerConfig(double learningRate, Schedule schedule, double beta1, double beta2, double epsilon) {
    /** How the learning rate changes from epoch to epoch. */
    public enum Schedule { LINEAR, CONSTANT }

    public static final String LEARNING_RATE = "optimizer.learning.rate";
    public static final String SCHEDULE = "optimizer.schedule";
    public static final String BETA1 = "optimizer.beta1";
    public static final String BETA2 = "optimizer.beta2";
    public static final String EPSILON = "optimizer.epsilon";
    public static final Range LEARNING_RATE_RANGE =
            new Range(LEARNING_RATE, 0, false, Double.POSITIVE_INFINITY, false, "a finite value > 0");
    public static final OptimizerConfig DEFAULTS = new OptimizerConfig(0.01, Schedule.LINEAR, 0.9, 0.999, 1e-8);

    public OptimizerConfig {
        LEARNING_RATE_RANGE.check(learningRate);
        PropertyReader.check(schedule != null, SCHEDULE, "linear or constant", schedule);
        PropertyReader.check(beta1 >= 0 && beta1 < 1, BETA1, "a value in [0, 1)", beta1);
        PropertyReader.check(beta2 >= 0 && beta2 < 1, BETA2, "a value in [0, 1)", beta2);
        PropertyReader.check(epsilon > 0 && Double.isFinite(epsilon), EPSILON, "a finite value > 0", epsilon);
    }

    static OptimizerConfig fromProperties(Properties p) {
        PropertyReader r = new PropertyReader(p);
        return new OptimizerConfig(
                r.number(LEARNING_RATE, DEFAULTS.learningRate),
                r.enumValue(SCHEDULE, Schedule.class, DEFAULTS.schedule),
                r.number(BETA1, DEFAULTS.beta1),
                r.number(BETA2, DEFAULTS.beta2),
                r.number(EPSILON, DEFAULTS.epsilon));
    }

    void toProperties(Properties p) {
        p.setProperty(LEARNING_RATE, Double.toString(learningRate));
        p.setProperty(SCHEDULE, schedule.name().toLowerCase(Locale.ROOT));
        p.setProperty(BETA1, Double.toString(beta1));
        p.setProperty(BETA2, Double.toString(beta2));
        p.setProperty(EPSILON, Double.toString(epsilon));
    }

    /** The learning rate of 0-based epoch {@code epoch} in a run of {@code epochs} epochs. */
    public double learningRateAt(int epoch, int epochs) {
        if (schedule == Schedule.CONSTANT) {
            return learningRate;
        }
        return learningRate * (epochs - Math.min(epoch, epochs)) / epochs;
    }
}
