package io.fashionspark.bench;

import io.fashionspark.config.TrainConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parameter-averaging cost model and the derived bench figures. */
class ScalingModelTest {
    private static final long P = 576_810;

    private static ObjectNode sparkCase(String master, int workers, int frequency, double epochSeconds) {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("case", master + " f=" + frequency);
        c.put("kind", "spark");
        c.put("master", master);
        c.put("workers", workers);
        c.put("averaging_frequency", frequency);
        c.put("median_epoch_s", epochSeconds);
        c.put("train_rows", 50_000);
        return c;
    }

    @Test
    void roundOverheadIsTheSlopeOfEpochTimeOverRounds() {
        // 391 minibatches over 2 workers: 196 per worker; rounds = ceil(196 / f).
        List<ObjectNode> cases = new ArrayList<>();
        for (int f : new int[] {1, 5, 10, 20}) {
            double rounds = Math.ceil(196.0 / f);
            cases.add(sparkCase("local[2]", 2, f, 3.0 + 0.08 * rounds));
        }
        cases.add(sparkCase("local[1]", 1, 10, 99));

        assertEquals(0.08, ScalingModel.roundOverhead(cases, "local[2]", 50_000, 128), 1e-9);
        assertTrue(Double.isNaN(ScalingModel.roundOverhead(cases.subList(0, 1), "local[2]", 50_000, 128)));
    }

    @Test
    void predictionFollowsComputeFixedAndNetworkCosts() {
        ScalingModel m = new ScalingModel(P, 128, new TrainConfig(20, 128, 10, 0, 1), 10_000, 0.05,
                ScalingModel.TEN_GBE, 50_000, ScalingModel.assumedDriverBytesPerWorkerRound(P));

        assertEquals(3.0 * P * 4, m.bytesPerWorkerPerDirection(), 0.0);
        assertEquals(0.128, m.computeSeconds(8), 1e-12);
        assertEquals(2 * 4 * 3.0 * P * 4 / 1.25e9, m.networkSeconds(4), 1e-12);
        assertEquals(1.0, m.speedup(1), 0.0);
        double rounds8 = Math.ceil(50_000 / (8.0 * 10 * 128));
        assertEquals(rounds8 * (0.128 + 0.05 + m.networkSeconds(8)), m.epochSeconds(8), 1e-12);
        assertTrue(m.speedup(2) > 1 && m.speedup(8) > m.speedup(4));
        // The driver's link grows with N while compute per round does not: the gain flattens.
        assertTrue(m.speedup(64) - m.speedup(16) < m.speedup(16) - m.speedup(4));
    }

    @Test
    void autoLowersTheFrequencyAsWorkersGrow() {
        ScalingModel m = new ScalingModel(P, 128, TrainConfig.DEFAULTS, 10_000, 0.05, ScalingModel.TEN_GBE, 50_000,
                1e6);
        assertEquals(20, m.frequency(2));
        assertEquals(10, m.frequency(4));
        assertEquals(2, m.frequency(8));
        assertEquals(1, m.frequency(16));
        assertEquals(391, m.frequency(1), "one round per epoch");
        assertEquals(Math.ceil(50_000 / (16.0 * 128)) * (0.0128 + 0.05 + 16 * 1e6 / 1.25e9), m.epochSeconds(16), 1e-12);
        assertEquals(16 * 1e6 / 1.25e9, m.networkSeconds(16), 1e-15, "measured bytes replace the assumed ones");
    }

    @Test
    void efficiencyIsSixFlopsPerParameterAndExampleOverGemmRate() {
        ObjectNode gemm = JsonNodeFactory.instance.objectNode();
        gemm.put("case", "gemm-all-cores");
        gemm.put("kind", "gemm");
        gemm.put("gflops_2048", 200.0);
        ObjectNode floor = JsonNodeFactory.instance.objectNode();
        floor.put("kind", "floor");
        floor.put("median_epoch_s", 8.0);
        floor.put("train_rows", 50_000);
        ObjectNode local = sparkCase("local[2]", 2, 10, 4.0);
        List<ObjectNode> cases = List.of(gemm, floor, local);

        BenchTable.derive(cases, P);

        assertEquals(12_500, local.get("train_examples_per_s").asDouble(), 1e-9);
        assertEquals(6.0 * P * 12_500 / 200e9, local.get("efficiency").asDouble(), 1e-12);
        assertEquals(0.5, local.get("vs_floor").asDouble(), 1e-12);
        String table = BenchTable.format(cases);
        assertTrue(table.contains("local[2]") && table.contains("12500"), table);
    }
}
