package io.fashionspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fashionspark.files.JsonFiles;
import io.fashionspark.files.Location;
import io.fashionspark.files.Locations;
import io.fashionspark.run.RunLock;
import io.fashionspark.testing.MiniHdfs;
import io.fashionspark.testing.SyntheticFashion;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command with its data, run folders, models and outputs on a real HDFS (one NameNode and
 * one DataNode on 127.0.0.1): the same files and promises as on a local disk.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HdfsTest {
    @TempDir
    static Path tmp;
    static String hdfs;
    static String data;
    static FileSystem fs;
    static Locations locations;

    @BeforeAll
    static void dataOnHdfs() throws Exception {
        hdfs = MiniHdfs.uri();
        fs = MiniHdfs.fileSystem();
        locations = new Locations(new Configuration());
        Path local = tmp.resolve("data");
        SyntheticFashion.writeDataset(local, 600, 200, 3, true);
        data = hdfs + "/data/fashion";
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(local.toUri()), new org.apache.hadoop.fs.Path(data));
    }

    private static String[] train(String out, int epochs, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--data-dir", data, "--out", out, "--master", "local[2]",
                "--epochs", Integer.toString(epochs), "--batch-size", "32", "--seed", "9",
                "--set", "train.averaging.frequency=4"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static Set<String> names(String folder) throws Exception {
        Set<String> names = new TreeSet<>();
        for (FileStatus s : fs.listStatus(new org.apache.hadoop.fs.Path(folder))) {
            names.add(s.getPath().getName());
        }
        return names;
    }

    @Test
    @Order(1)
    void trainsWithDataAndRunFolderOnHdfsThenEveryCommandReadsAndWritesThere() throws Exception {
        String run = hdfs + "/runs/first";
        CliRun train = CliRun.of(train(run, 2));
        assertEquals(0, train.exitCode(), train.err());
        assertTrue(train.out().contains("output: " + run + " "), train.out());
        assertEquals(Set.of("checkpoints", "config.properties", "confusion.png", "curves.png", "learning-rate.png",
                "metrics.jsonl", "model.zip", "provenance.json", "report.html", "test-report.json"), names(run));
        assertEquals(Set.of("epoch-0001", "epoch-0002"), names(run + "/checkpoints"));
        assertFalse(Files.exists(Path.of("hdfs:")), "no local folder named after the URI");
        JsonNode provenance = JsonFiles.read(locations.of(run + "/provenance.json", "test"));
        provenance.get("inputs").forEach(i -> assertTrue(i.get("path").asText().startsWith(data + "/"), i.toString()));

        String model = run + "/model.zip";
        CliRun evaluate = CliRun.of("evaluate", "--model", model, "--data-dir", data, "--master", "local[2]",
                "--report", hdfs + "/reports/eval.json");
        assertEquals(0, evaluate.exitCode(), evaluate.err());
        assertTrue(names(hdfs + "/reports").containsAll(Set.of("eval.json", "eval.html", "eval-confusion.png")));

        CliRun predict = CliRun.of("predict", "--model", model, "--data-dir", data, "--count", "4");
        assertEquals(0, predict.exitCode(), predict.err());
        assertEquals(4, predict.out().lines().filter(l -> l.startsWith("  #")).count());

        fs.delete(new org.apache.hadoop.fs.Path(run + "/report.html"), false);
        CliRun report = CliRun.of("report", run);
        assertEquals(0, report.exitCode(), report.err());
        assertTrue(report.out().contains("(40 test images shown)"), report.out());
        assertTrue(names(run).contains("report.html"));

        String pngs = hdfs + "/images/test";
        CliRun export = CliRun.of("export-images", "--images", data + "/t10k-images-idx3-ubyte.gz", "--labels",
                data + "/t10k-labels-idx1-ubyte.gz", "--output", pngs, "--limit", "30");
        assertEquals(0, export.exitCode(), export.err());
        String scores = hdfs + "/scores/test";
        CliRun score = CliRun.of("score", "--model", model, "--input", pngs, "--output", scores, "--master", "local[2]");
        assertEquals(0, score.exitCode(), score.err());
        assertTrue(score.out().contains("scored 30, failed 0 of 30 files"), score.out());
        assertTrue(names(scores).contains("_manifest.json"));
        assertEquals(Set.of("test"), names(hdfs + "/scores"), "no staging folder left beside the output");
    }

    @Test
    @Order(2)
    void aBadIdxFileOnHdfsExitsTwoNamingItAndLeavesNothing() throws Exception {
        String bad = hdfs + "/data/bad";
        fs.mkdirs(new org.apache.hadoop.fs.Path(bad));
        for (String name : List.of("train-images-idx3-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                "t10k-labels-idx1-ubyte.gz")) {
            fs.copyToLocalFile(false, new org.apache.hadoop.fs.Path(data + "/" + name),
                    new org.apache.hadoop.fs.Path(tmp.resolve(name).toUri()), true);
            fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(tmp.resolve(name).toUri()),
                    new org.apache.hadoop.fs.Path(bad + "/" + name));
        }
        try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path(bad + "/train-labels-idx1-ubyte"))) {
            out.write(new byte[] {0, 0, 8, 3, 0, 0, 0, 1, 5});
        }
        String run = hdfs + "/runs/bad";
        CliRun train = CliRun.of("train", "--data-dir", bad, "--out", run, "--epochs", "1");
        assertEquals(2, train.exitCode(), train.out());
        assertEquals("train: train-labels-idx1-ubyte: expected magic 2049, found 2051", train.err().strip());
        assertFalse(fs.exists(new org.apache.hadoop.fs.Path(run)), "nothing written");
    }

    @Test
    @Order(3)
    void theLockIsExclusiveAndOverwriteReplacesARunFolderOnHdfs() throws Exception {
        Location folder = locations.of(hdfs + "/runs/locked", "test");
        folder.mkdirs();
        try (RunLock held = RunLock.acquire(folder)) {
            FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class, () -> RunLock.acquire(folder));
            assertTrue(e.getMessage().contains("run folder in use by process " + ProcessHandle.current().pid()),
                    e.getMessage());
        }
        // A lock of a driver on another node that stopped refreshing it is stale; a fresh one is not.
        Location lock = folder.resolve(RunLock.FILE);
        lock.writeAtomically("4242 another-node 2026-01-01T00:00:00Z".getBytes(StandardCharsets.UTF_8));
        assertThrows(FileAlreadyExistsException.class, () -> RunLock.acquire(folder));
        lock.touch(System.currentTimeMillis() - 120_000);
        RunLock.acquire(folder).close();
        assertFalse(lock.exists());

        String run = hdfs + "/runs/again";
        assertEquals(0, CliRun.of(train(run, 1)).exitCode());
        CliRun refused = CliRun.of(train(run, 1));
        assertEquals(2, refused.exitCode());
        assertTrue(refused.err().contains(run + ": output folder already exists"), refused.err());
        CliRun replaced = CliRun.of(train(run, 1, "--overwrite", "--learning-rate", "0.003"));
        assertEquals(0, replaced.exitCode(), replaced.err());
        assertTrue(new String(locations.of(run + "/config.properties", "test").readAllBytes(), StandardCharsets.UTF_8)
                .contains("optimizer.learning.rate=0.003"));
    }

    @Test
    @Order(4)
    void aDriverKilledMidRunResumesFromItsHdfsRunFolder() throws Exception {
        String run = hdfs + "/runs/killed";
        TrainProcess p = TrainProcess.start(tmp.resolve("killed.log"), train(run, 5));
        assertTrue(p.awaitLine(l -> l.startsWith("epoch  2/")), "epoch line: " + p.lines());
        Thread.sleep(400);
        p.kill();
        assertTrue(names(run).contains(RunLock.FILE), "the killed driver left its lock");
        assertFalse(names(run).contains("test-report.json"));

        CliRun resumed = CliRun.of("train", "--resume", run, "--master", "local[2]");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("Resuming " + run + " after epoch "), resumed.out());
        List<Integer> epochs = new ArrayList<>();
        for (String line : new String(locations.of(run + "/metrics.jsonl", "test").readAllBytes(),
                StandardCharsets.UTF_8).lines().toList()) {
            epochs.add(JsonFiles.parseTree(line).get("epoch").asInt());
        }
        assertEquals(List.of(0, 1, 2, 3, 4), epochs, "each epoch exactly once");
        assertFalse(names(run).contains(RunLock.FILE), "lock released");
        assertTrue(names(run).stream().noneMatch(n -> n.startsWith(".")), "no temporary file left: " + names(run));
    }

    @Test
    @Order(5)
    void aSchemeWithoutItsConnectorIsRefusedSayingWhatToAdd() {
        CliRun run = CliRun.of("train", "--data-dir", "s3a://bucket/fashion", "--out", tmp.resolve("s3").toString());
        assertEquals(2, run.exitCode(), run.out());
        assertEquals("train: data.dir: s3a://bucket/fashion: no Hadoop file system for scheme \"s3a\" here; add"
                + " org.apache.hadoop:hadoop-aws:3.3.4 to the application (the launcher's --packages or --jars, as with"
                + " spark-submit)", run.err().strip());
    }
}
