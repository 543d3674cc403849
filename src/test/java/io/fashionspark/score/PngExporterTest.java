package io.fashionspark.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PngExporterTest {
    @Test
    void namesCarryTheLabelAndAZeroPaddedIndex() {
        assertEquals("3/00042.png", PngExporter.relativeName(3, 42, 5));
        assertEquals("9/123456.png", PngExporter.relativeName(9, 123456, 6));
    }

    @Test
    void labelIsRecoveredFromTheFolder() {
        assertEquals(7, PngExporter.labelOf(Path.of("out", "7", "00001.png")));
    }

    @Test
    void fileOutsideALabelFolderIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PngExporter.labelOf(Path.of("out", "x", "00001.png")));
        assertTrue(e.getMessage().contains("00001.png"), e.getMessage());
    }
}
