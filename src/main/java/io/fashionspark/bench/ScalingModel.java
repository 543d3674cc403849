package io.fashionspark.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fashionspark.config.TrainConfig;
import java.util.List;
import java.util.Locale;

/**
 * Cost model of synchronous parameter averaging, fed with a bench run's measurements.
 *
 * <p>Per averaging round each of N workers fits F minibatches of B examples (F as
 * {@code train.averaging.frequency} sets it for N workers: under {@code auto} it falls as N grows)
 * ({@code t_c = F B / r}, r = one worker's examples/s, taken from the single-process floor),
 * then the driver ships parameters and Adam's two moment vectors (3 P floats) to the workers
 * and receives as much back from each: {@code t_n = N D / bandwidth} through the driver's link,
 * with D the bytes per worker per round in both directions, measured on a standalone cluster
 * (the driver's TCP counters) when the bench ran one, else assumed {@code 2 x 12 P}; plus a fixed
 * cost per round ({@code t_o}: job scheduling, (de)serialization, averaging), fitted from the
 * averaging-frequency sweep as the slope of epoch time against rounds per epoch. An epoch of E
 * examples takes {@code E / (N F B)} rounds.
 *
 * @param driverBytesPerWorkerRound D: bytes through the driver per worker and round, both directions
 */
public record ScalingModel(long parameters, int batch, TrainConfig train, double workerExamplesPerSecond,
                           double roundOverheadSeconds, double bandwidthBytesPerSecond, long epochExamples,
                           double driverBytesPerWorkerRound) {
    /** Executor counts the prediction covers. */
    public static final List<Integer> EXECUTORS = List.of(1, 2, 4, 8, 16, 64);
    /** 10 Gigabit Ethernet, in bytes per second. */
    public static final double TEN_GBE = 1.25e9;

    /** Bytes each worker receives and sends per round: parameters plus Adam's m and v, as floats. */
    public double bytesPerWorkerPerDirection() {
        return stateBytes(parameters);
    }

    /** D assumed: every worker's state through the driver once each way, {@code 2 x 12 P}. */
    public static double assumedDriverBytesPerWorkerRound(long parameters) {
        return 2 * stateBytes(parameters);
    }

    private static double stateBytes(long parameters) {
        return 3.0 * parameters * Float.BYTES;
    }

    /** Minibatches each of {@code n} workers fits per round. */
    public int frequency(int n) {
        return train.averagingFrequencyFor(n, minibatchesPerWorker(epochExamples, batch, n));
    }

    /** The most minibatches one of {@code n} workers holds of an epoch of {@code examples}. */
    static int minibatchesPerWorker(long examples, int batch, int n) {
        long minibatches = (examples + batch - 1) / batch;
        return (int) ((minibatches + n - 1) / n);
    }

    /** Compute seconds per round per worker with {@code n} workers. */
    public double computeSeconds(int n) {
        return frequency(n) * (double) batch / workerExamplesPerSecond;
    }

    /** Network seconds per round at the driver with {@code n} workers. */
    public double networkSeconds(int n) {
        return n <= 1 ? 0 : n * driverBytesPerWorkerRound / bandwidthBytesPerSecond;
    }

    /** Predicted seconds per epoch with {@code n} workers (no averaging at all for one worker). */
    public double epochSeconds(int n) {
        if (n <= 1) {
            return epochExamples / workerExamplesPerSecond;
        }
        double rounds = Math.ceil(epochExamples / ((double) n * frequency(n) * batch));
        return rounds * (computeSeconds(n) + roundOverheadSeconds + networkSeconds(n));
    }

    /** Speed-up over one worker without averaging. */
    public double speedup(int n) {
        return epochSeconds(1) / epochSeconds(n);
    }

    /**
     * Fits the fixed cost per round from the sweep: least squares of median epoch seconds against
     * rounds per epoch over the training cases of {@code master}; NaN with fewer than two frequencies.
     */
    public static double roundOverhead(List<? extends JsonNode> cases, String master, long epochExamples, int batch) {
        double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (JsonNode c : cases) {
            if (!master.equals(c.path("master").asText()) || !c.has("median_epoch_s")) {
                continue;
            }
            int workers = c.path("workers").asInt(1);
            double perWorker = minibatchesPerWorker(epochExamples, batch, workers);
            double x = Math.ceil(perWorker / c.path("averaging_frequency").asInt());
            double y = c.path("median_epoch_s").asDouble();
            n++;
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double d = n * sxx - sx * sx;
        return n < 2 || d == 0 ? Double.NaN : (n * sxy - sx * sy) / d;
    }

    /** The prediction as JSON rows. */
    public ArrayNode toJson() {
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        for (int n : EXECUTORS) {
            ObjectNode r = rows.addObject();
            r.put("executors", n);
            r.put("averaging_frequency", frequency(n));
            r.put("epoch_s", epochSeconds(n));
            r.put("speedup", speedup(n));
            r.put("network_s_per_round", networkSeconds(n));
        }
        return rows;
    }

    /** The prediction as a table. */
    public String format() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "scaling model (10 GbE, B=%d): per round per worker %.1f MB through the driver, fixed %.0f ms%n",
                batch, driverBytesPerWorkerRound / 1e6, roundOverheadSeconds * 1e3));
        b.append(String.format(Locale.ROOT, "%9s %3s %9s %8s %12s%n", "executors", "F", "s/epoch", "speed-up",
                "net ms/round"));
        for (int n : EXECUTORS) {
            b.append(String.format(Locale.ROOT, "%9d %3d %9.2f %8.2f %12.1f%n", n, frequency(n), epochSeconds(n),
                    speedup(n), networkSeconds(n) * 1e3));
        }
        return b.toString();
    }
}
