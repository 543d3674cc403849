package io.fashionspark.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fashionspark.testing.LocalFiles;
import io.fashionspark.testing.SparkTestSession;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RowFilesTest {
    @TempDir
    Path tmp;

    /** Rows with every kind of value, and strings that need quoting or escaping in CSV and JSON. */
    private static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        String[] paths = {"file:/data/plain.png", "file:/data/a b,c.png", "file:/data/\"quoted\".png",
            "file:/data/back\\slash.png", "file:/data/ trailing .png", "file:/data/100% ünïcode 日本.png",
            "file:/data/line\nbreak.png", "hdfs://nn:8020/x/y.jpg"};
        for (int i = 0; i < paths.length; i++) {
            rows.add(RowFactory.create(paths[i], i % 10, "Ankle boot", 0.987654321f / (i + 1), 3, 1e-7f, 4,
                    Float.MIN_VALUE, 28 + i, 1000 - i, i % 2 == 0, null));
        }
        rows.add(ScoreTable.errorRow("file:/data/bad,\"one\".png", "bad,\"one\".png: expected a PNG, found \\ junk"));
        rows.add(ScoreTable.errorRow("file:/data/empty.png", "empty.png: expected an image, found an empty file"));
        return rows;
    }

    @ParameterizedTest
    @EnumSource(value = ScoreFormat.class, names = {"CSV", "JSON"})
    void sparksReaderReadsBackExactlyTheRowsWritten(ScoreFormat format) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(format.label()));
        try (OutputStream out = Files.newOutputStream(dir.resolve("part-00000." + format.label()))) {
            assertEquals(rows().size(), RowFiles.write(rows().iterator(), format, out));
        }
        List<Row> back = FolderScorer.read(SparkTestSession.get(), format, LocalFiles.of(dir)).collectAsList();
        assertEquals(rows().size(), back.size());
        for (int i = 0; i < back.size(); i++) {
            assertEquals(rows().get(i), back.get(i), "row " + i);
        }
    }
}
