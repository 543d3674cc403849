package io.fashionspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fashionspark.bench.ScalingModel;
import io.fashionspark.testing.SyntheticFashion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench command: refuses bad input in one line, and runs real cases in child JVMs. */
class BenchCommandTest {
    @TempDir
    Path tmp;

    @Test
    void badArgumentsAreRefusedInOneLineWithoutWritingAnything() throws Exception {
        Path data = tmp.resolve("data");
        SyntheticFashion.writeDataset(data, 120, 40, 3, true);
        Path existing = Files.writeString(tmp.resolve("old.json"), "{}");

        CliRun oneEpoch = CliRun.of("bench", "--data-dir", data.toString(), "--epochs", "1");
        CliRun unknown = CliRun.of("bench", "--data-dir", data.toString(), "--cases", "floor,local[9]",
                "--json", tmp.resolve("x.json").toString());
        CliRun exists = CliRun.of("bench", "--data-dir", data.toString(), "--json", existing.toString());
        CliRun noData = CliRun.of("bench", "--json", tmp.resolve("y.json").toString());

        assertEquals(2, oneEpoch.exitCode(), oneEpoch.err());
        assertTrue(oneEpoch.err().contains("--epochs: expected at least 2"), oneEpoch.err());
        assertEquals(2, unknown.exitCode(), unknown.err());
        assertTrue(unknown.err().contains("unknown case local[9]"), unknown.err());
        assertEquals(2, exists.exitCode(), exists.err());
        assertTrue(exists.err().contains("already exists"), exists.err());
        assertEquals("{}", Files.readString(existing));
        assertEquals(2, noData.exitCode(), noData.err());
        assertTrue(noData.err().contains("--data-dir"), noData.err());
        assertFalse(Files.exists(tmp.resolve("x.json")));
    }

    @Test
    void floorAndSparkCasesRunInTheirOwnJvmsAndLandInTheTableAndJson() throws Exception {
        Path data = tmp.resolve("data");
        SyntheticFashion.writeDataset(data, 600, 100, 5, true);
        Path json = tmp.resolve("bench.json");

        CliRun run = CliRun.of("bench", "--data-dir", data.toString(), "--epochs", "2", "--cores", "2",
                "--cases", "floor,local[2]", "--json", json.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("floor") && run.out().contains("local[2]"), run.out());
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertEquals(2, doc.get("cases").size());
        for (JsonNode c : doc.get("cases")) {
            assertEquals(2, c.get("epoch_seconds").size(), c.toString());
            assertEquals(500, c.get("train_rows").asInt(), c.toString());
            assertTrue(c.get("peak_rss_bytes").asLong() > 50_000_000L, c.toString());
            assertTrue(c.get("test_images_per_s").asDouble() > 0, c.toString());
            assertTrue(c.get("start_to_first_epoch_s").asDouble() > 0, c.toString());
        }
        JsonNode spark = doc.get("cases").get(1);
        assertEquals("local[2]", spark.get("case").asText());
        assertEquals(2, spark.get("workers").asInt());
        assertEquals(20, spark.get("averaging_frequency").asInt(), "auto's choice for 2 workers");
        // 250 images per worker in minibatches of 128: 2 each, one round; each worker's result (its block)
        // holds the recipe network's parameters and Adam state, 3 x 576,810 floats.
        assertEquals(1, spark.get("rounds_per_epoch").asInt());
        double result = spark.get("round_result_bytes").asDouble();
        assertTrue(result > 2 * 3 * 4 * 576_810 && result < 2 * 3 * 4 * 576_810 * 1.1, spark.toString());
        // In local mode the driver reads the results from the block manager it shares with the executor,
        // not over a TCP connection to this JVM itself: far less than one round's results per epoch.
        JsonNode traffic = spark.get("driver_socket_bytes_per_epoch");
        assertTrue(traffic.get("received").asLong() >= 0 && traffic.get("received").asLong() < result / 4,
                spark.toString());
        assertEquals(1.0, doc.get("cases").get(0).get("vs_floor").asDouble(), 1e-9);
    }

    @Test
    void theDriversBytesPerWorkerAndRoundComeFromTheClusterCaseWhenThereIsOne() {
        ObjectNode cluster = new ObjectMapper().createObjectNode();
        cluster.put("case", "cluster");
        cluster.put("workers", 4);
        cluster.put("rounds_per_epoch", 20);
        cluster.putObject("driver_socket_bytes_per_epoch").put("sent", 800_000_000L).put("received", 400_000_000L);
        assertEquals(1.2e9 / 20 / 4, BenchCommand.driverBytes(List.of(cluster), 576_810), 1e-6);
        assertEquals(ScalingModel.assumedDriverBytesPerWorkerRound(576_810),
                BenchCommand.driverBytes(List.of(new ObjectMapper().createObjectNode()), 576_810), 0.0);
    }

    @Test
    void thePytorchCaseIsSkippedWithAReasonWhenTorchCannotBeImportedAndSitsInTheTableWhenItRuns() throws Exception {
        Path data = tmp.resolve("data-torch");
        SyntheticFashion.writeDataset(data, 600, 100, 5, true);
        Path noTorch = io.fashionspark.bench.PyTorchCaseTest.fakePython(Files.createDirectories(tmp.resolve("no-torch")),
                "exit 1");
        Path skippedJson = tmp.resolve("skipped.json");

        CliRun skipped = CliRun.of(java.util.Map.of(BenchCommand.PYTHON_ENV, noTorch.toString()), "bench", "--data-dir",
                data.toString(), "--epochs", "2", "--cores", "2", "--cases", "pytorch", "--json", skippedJson.toString());

        assertEquals(0, skipped.exitCode(), skipped.err());
        assertTrue(skipped.err().contains("bench: pytorch skipped: " + noTorch + " cannot import torch"), skipped.err());
        JsonNode doc = new ObjectMapper().readTree(skippedJson.toFile());
        assertEquals(0, doc.get("cases").size());
        assertTrue(doc.get("skipped").get("pytorch").asText().contains("cannot import torch"), doc.toString());

        // A stand-in that imports "torch" and prints two epochs of 2 s: floor and pytorch in one table.
        Path torch = io.fashionspark.bench.PyTorchCaseTest.fakePython(Files.createDirectories(tmp.resolve("torch")),
                "case \"$1\" in -c) exit 0;; esac\n"
                        + "echo '{\"epoch\": 0, \"epoch_s\": 2.0}'\necho '{\"epoch\": 1, \"epoch_s\": 2.0}'");
        Path json = tmp.resolve("with-torch.json");
        CliRun run = CliRun.of(java.util.Map.of(BenchCommand.PYTHON_ENV, torch.toString()), "bench", "--data-dir",
                data.toString(), "--epochs", "2", "--cores", "2", "--cases", "floor,pytorch", "--json", json.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("x pytorch"), run.out());
        JsonNode cases = new ObjectMapper().readTree(json.toFile()).get("cases");
        assertEquals("pytorch", cases.get(1).get("case").asText());
        assertEquals(1.0, cases.get(1).get("vs_pytorch").asDouble(), 1e-9);
        assertEquals(cases.get(0).get("median_epoch_s").asDouble() / 2.0, cases.get(0).get("vs_pytorch").asDouble(), 1e-9);
    }
}
