package io.fashionspark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pytorch case without torch: a stand-in "python" that prints what the recipe script prints. */
public class PyTorchCaseTest {
    @TempDir
    Path tmp;

    /** An executable shell script standing in for python3. */
    public static Path fakePython(Path dir, String body) throws IOException {
        Path script = dir.resolve("fake-python");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    @Test
    void aPythonWithoutTorchOrNoPythonAtAllIsAReasonToSkip() throws Exception {
        Path noTorch = fakePython(tmp, "exit 1");
        assertEquals(noTorch + " cannot import torch (on Debian: apt-get install python3-torch)",
                PyTorchCase.unavailable(noTorch.toString()).orElseThrow());
        assertEquals("no " + tmp.resolve("missing") + " on the PATH",
                PyTorchCase.unavailable(tmp.resolve("missing").toString()).orElseThrow());
        assertFalse(PyTorchCase.unavailable(fakePython(tmp, "exit 0").toString()).isPresent());
    }

    @Test
    void theScriptRunsWithOneTorchThreadAndTheCoresAsBlasThreadsAndItsEpochsAreRead() throws Exception {
        // Prints the arguments and the BLAS threads it was given, then three epochs and the test line.
        Path python = fakePython(tmp, "echo \"args $2 $3 $4 $5 $6 $7 blas $OPENBLAS_NUM_THREADS\"\n"
                + "echo '{\"epoch\": 0, \"epoch_s\": 3.5}'\necho '{\"epoch\": 1, \"epoch_s\": 2.25}'\n"
                + "echo '{\"epoch\": 2, \"epoch_s\": 2.75}'\necho '{\"test_acc\": 0.8836, \"torch\": \"1.13.1\"}'");

        ObjectNode r = PyTorchCase.run(python.toString(), Path.of("/data/fm"), 3, 2, tmp);

        assertEquals(PyTorchCase.NAME, r.get("kind").asText());
        assertEquals(3.5, r.get("first_epoch_s").asDouble());
        assertEquals(2.5, r.get("median_epoch_s").asDouble(), 1e-12, "the median of the epochs after the first");
        assertEquals(0.8836, r.get("test_accuracy").asDouble());
        assertEquals(50_000, r.get("train_rows").asInt());
        List<String> log = Files.readAllLines(tmp.resolve("pytorch.log"));
        assertEquals("args --data /data/fm --threads 1 --epochs 3 blas 2", log.get(0));
        assertTrue(Files.readString(tmp.resolve("torch_recipe.py")).contains("def main()"), "the script is extracted");
    }

    @Test
    void aScriptThatFailsOrPrintsNoEpochFailsTheCase() throws Exception {
        Path python = fakePython(tmp, "echo 'Traceback: no data'; exit 1");
        IOException e = assertThrows(IOException.class, () -> PyTorchCase.run(python.toString(), tmp, 2, 2, tmp));
        assertTrue(e.getMessage().startsWith("bench case pytorch: exit code 1, no epochs; see "), e.getMessage());
    }
}
