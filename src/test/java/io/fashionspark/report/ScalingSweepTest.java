package io.fashionspark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fashionspark.files.JsonFiles;
import io.fashionspark.testing.LocalFiles;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep's summary: accuracy over seeds per worker count, the first epoch at 0.88, the files. */
class ScalingSweepTest {
    @TempDir
    Path tmp;

    private static ScalingSweep.Run run(int workers, long seed, double accuracy, double... val) {
        int first = 0;
        for (int e = 0; e < val.length && first == 0; e++) {
            first = val[e] >= ScalingSweep.THRESHOLD ? e + 1 : 0;
        }
        return new ScalingSweep.Run(workers, seed, "w" + workers + "-s" + seed, accuracy, first, 20 / workers,
                workers == 16 ? 24 : 20, 3.0, "ab", val);
    }

    private static ScalingSweep sweep() {
        return new ScalingSweep(List.of(run(16, 2, 0.86, 0.5, 0.87, 0.879), run(2, 1, 0.89, 0.85, 0.88, 0.89),
                run(16, 1, 0.88, 0.6, 0.88, 0.885), run(2, 2, 0.87, 0.8, 0.87, 0.881), run(16, 3, 0.87, 0.4, 0.7, 0.8)));
    }

    @Test
    void summarisesEachWorkerCountOverItsSeeds() {
        JsonNode rows = sweep().toJson().get("by_workers");
        assertEquals(2, rows.size());
        JsonNode two = rows.get(0);
        assertEquals(2, two.get("workers").asInt());
        assertEquals(0.88, two.at("/test_accuracy/mean").asDouble(), 1e-12);
        assertEquals(0.87, two.at("/test_accuracy/min").asDouble(), 0.0);
        assertEquals(0.89, two.at("/test_accuracy/max").asDouble(), 0.0);
        assertEquals("[2,3]", two.get("first_epoch_validation_at_threshold").toString());
        JsonNode sixteen = rows.get(1);
        assertEquals((0.88 + 0.86 + 0.87) / 3, sixteen.at("/test_accuracy/mean").asDouble(), 1e-12);
        assertEquals("[2,null,null]", sixteen.get("first_epoch_validation_at_threshold").toString(),
                "seeds in order; none for a seed that never reached 0.88");
        assertEquals(1, sixteen.get("averaging_frequency").asInt());
        assertEquals(24, sixteen.get("rounds_per_epoch").asInt());
        assertEquals(5, sweep().toJson().get("runs").size());
    }

    @Test
    void tableAndChartsShowEveryWorkerCount() {
        String table = sweep().table();
        assertTrue(table.contains("      2     2   0.8800   0.8700   0.8900") && table.contains("2,-,-"), table);
        LineChart accuracy = sweep().accuracyChart();
        assertEquals(List.of("mean", "min", "max"), accuracy.series().stream().map(LineChart.Series::name).toList());
        assertEquals(2.0, accuracy.series().get(0).x()[0], 0.0);
        assertEquals(0.86, accuracy.series().get(1).y()[1], 0.0);
        LineChart validation = sweep().validationChart();
        assertEquals(List.of("2 workers", "16 workers"), validation.series().stream().map(LineChart.Series::name).toList());
        assertEquals((0.5 + 0.6 + 0.4) / 3, validation.series().get(1).y()[0], 1e-12);
    }

    @Test
    void writesTheJsonBesideTheTwoCharts() throws Exception {
        sweep().write(LocalFiles.of(tmp));
        assertEquals(2, JsonFiles.read(LocalFiles.of(tmp.resolve(ScalingSweep.JSON))).get("by_workers").size());
        for (String svg : List.of(ScalingSweep.ACCURACY_SVG, ScalingSweep.VALIDATION_SVG)) {
            assertTrue(Files.readString(tmp.resolve(svg)).startsWith("<svg"), svg);
        }
        BufferedImage png = ImageIO.read(tmp.resolve(ScalingSweep.PNG).toFile());
        assertEquals(1280, png.getWidth(), "the two charts side by side");
    }
}
