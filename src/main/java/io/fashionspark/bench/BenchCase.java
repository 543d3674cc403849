package io.fashionspark.bench;

import io.fashionspark.config.TrainConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * One configuration of the benchmark.
 *
 * @param name      short name shown in the table
 * @param kind      {@code gemm}, {@code floor} or {@code spark}
 * @param master    Spark master for {@code spark} cases ({@code local[2]}, {@code spark://...}), else null
 * @param frequency minibatches per worker between parameter averagings ({@code spark} cases), or
 *                  {@code TrainConfig.AUTO}: what {@code auto} chooses for the case's worker count
 * @param threads   OpenMP/BLAS threads of the case's JVM (per executor core under a cluster master)
 */
public record BenchCase(String name, String kind, String master, int frequency, int threads) {
    /** Averaging frequencies the local[N] sweep covers, besides the default's. */
    public static final List<Integer> SWEEP = List.of(1, 5, 10, 20);

    /** True for a case that runs on a standalone cluster (launched through spark-submit). */
    public boolean onCluster() {
        return master != null && master.startsWith("spark://");
    }

    /**
     * The standard plan on a machine of {@code cores} cores: the matrix-multiply probes, the
     * single-process floor, local[1], local[cores] at {@code frequency} and at each sweep
     * frequency, a standalone cluster when {@code clusterMaster} is given, and the recipe in
     * PyTorch ({@link PyTorchCase}) with {@code cores} BLAS threads.
     */
    public static List<BenchCase> plan(int cores, int frequency, String clusterMaster) {
        List<BenchCase> cases = new ArrayList<>();
        cases.add(new BenchCase("gemm-all-cores", "gemm", null, 0, cores));
        cases.add(new BenchCase("gemm-1-thread", "gemm", null, 0, 1));
        cases.add(new BenchCase("floor", "floor", null, 0, 1));
        cases.add(new BenchCase("local[1]", "spark", "local[1]", frequency, 1));
        String all = "local[" + cores + "]";
        cases.add(new BenchCase(all, "spark", all, frequency, 1));
        int chosen = frequency == TrainConfig.AUTO
                ? TrainConfig.DEFAULTS.averagingFrequencyFor(cores, Integer.MAX_VALUE) : frequency;
        for (int f : SWEEP) {
            if (f != chosen) {
                cases.add(new BenchCase(all + " f=" + f, "spark", all, f, 1));
            }
        }
        if (clusterMaster != null) {
            cases.add(new BenchCase("cluster", "spark", clusterMaster, frequency, 1));
        }
        cases.add(new BenchCase(PyTorchCase.NAME, PyTorchCase.NAME, null, 0, cores));
        return cases;
    }
}
