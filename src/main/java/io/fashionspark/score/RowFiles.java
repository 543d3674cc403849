package io.fashionspark.score;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Writes {@link ScoreTable} rows as CSV or JSON Lines, byte for byte as Spark's own CSV and JSON
 * sources read them back (CSV: a header line, {@code ,} between fields, an empty field for null,
 * fields with a quote, backslash, comma, line break or outer space quoted with {@code "} and
 * escaped with {@code \}, Spark's defaults; numbers as Java prints them). Runs in the tasks that
 * write an output's files, so a small scoring job starts no Spark SQL query (planning one costs
 * about a second and a half in a fresh JVM). Parquet is written by Spark.
 */
final class RowFiles {
    private static final JsonFactory JSON = new JsonFactory();

    private RowFiles() {
    }

    /** Writes {@code rows} to {@code out} in {@code format} (CSV or JSON) and closes it; returns the row count. */
    static long write(Iterator<Row> rows, ScoreFormat format, OutputStream out) throws IOException {
        return switch (format) {
            case CSV -> writeCsv(rows, out);
            case JSON -> writeJson(rows, out);
            case PARQUET -> throw new IllegalArgumentException("Parquet is written by Spark");
        };
    }

    private static long writeCsv(Iterator<Row> rows, OutputStream out) throws IOException {
        StructField[] fields = ScoreTable.SCHEMA.fields();
        long n = 0;
        try (Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            for (int i = 0; i < fields.length; i++) {
                w.write(i == 0 ? "" : ",");
                w.write(csvField(fields[i].name()));
            }
            w.write('\n');
            while (rows.hasNext()) {
                Row row = rows.next();
                for (int i = 0; i < fields.length; i++) {
                    if (i > 0) {
                        w.write(',');
                    }
                    if (!row.isNullAt(i)) {
                        Object v = row.get(i);
                        w.write(v instanceof String s ? csvField(s) : String.valueOf(v));
                    }
                }
                w.write('\n');
                n++;
            }
        }
        return n;
    }

    /** A CSV field as Spark writes it by default: quoted when needed, {@code "} and {@code \} escaped with {@code \}. */
    static String csvField(String s) {
        boolean quote = s.isEmpty() || Character.isWhitespace(s.charAt(0))
                || Character.isWhitespace(s.charAt(s.length() - 1));
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == ',' || c == '"' || c == '\\' || c == '\n' || c == '\r';
        }
        if (!quote) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 8).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.append('"').toString();
    }

    private static long writeJson(Iterator<Row> rows, OutputStream out) throws IOException {
        StructField[] fields = ScoreTable.SCHEMA.fields();
        long n = 0;
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.setRootValueSeparator(null);
            while (rows.hasNext()) {
                Row row = rows.next();
                g.writeStartObject();
                for (int i = 0; i < fields.length; i++) {
                    g.writeFieldName(fields[i].name());
                    writeJsonValue(g, fields[i].dataType(), row, i);
                }
                g.writeEndObject();
                g.writeRaw('\n');
                n++;
            }
        }
        return n;
    }

    private static void writeJsonValue(JsonGenerator g, DataType type, Row row, int i) throws IOException {
        if (row.isNullAt(i)) {
            g.writeNull();
        } else if (type.equals(DataTypes.StringType)) {
            g.writeString(row.getString(i));
        } else if (type.equals(DataTypes.IntegerType)) {
            g.writeNumber(row.getInt(i));
        } else if (type.equals(DataTypes.FloatType)) {
            g.writeNumber(row.getFloat(i));
        } else if (type.equals(DataTypes.BooleanType)) {
            g.writeBoolean(row.getBoolean(i));
        } else {
            throw new IllegalStateException("no JSON writer for " + type);
        }
    }
}
