package dev.onnxworkbench.models.batch;

import dev.onnxworkbench.models.samples.WeightChangeRows;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * Source tables and files of weight-change rows ({@link WeightChangeRows}) for batch tests and the benchmark:
 * the same rows as CSV, a SQL table (SQLite or PostgreSQL) and Parquet. {@code bad} puts one failing row of
 * each kind at fixed ids: a value that does not parse (id 3), a NULL (id 7), an unknown category (id 11).
 */
public final class BatchTestData {
    public static final long UNPARSABLE = 3;
    public static final long NULL_VALUE = 7;
    public static final long UNKNOWN_CATEGORY = 11;

    private BatchTestData() {
    }

    public static String[] row(long id, boolean bad) {
        String[] r = WeightChangeRows.row(id, 42);
        if (bad && id == UNPARSABLE) {
            r[1] = "forty";
        } else if (bad && id == NULL_VALUE) {
            r[4] = null;
        } else if (bad && id == UNKNOWN_CATEGORY) {
            r[2] = "other";
        }
        return r;
    }

    public static Path csv(Path file, long rows, boolean bad) throws Exception {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write(String.join(",", WeightChangeRows.COLUMNS));
            w.write('\n');
            for (long id = 1; id <= rows; id++) {
                String[] r = row(id, bad);
                for (int i = 0; i < r.length; i++) {
                    if (i > 0) {
                        w.write(',');
                    }
                    w.write(r[i] == null ? "" : r[i]);
                }
                w.write('\n');
            }
        }
        return file;
    }

    /** A table {@code table} (id BIGINT PRIMARY KEY, numbers REAL, categories TEXT) filled with the rows. */
    public static void table(String url, String table, long rows, boolean bad) throws Exception {
        try (Connection c = JdbcConnections.open(url)) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS " + table);
                // SQLite keeps what it is given: 'forty' stays text in a REAL column, as a real dirty table would.
                st.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, age " + (url.contains("sqlite")
                        ? "REAL" : "TEXT") + ", sex TEXT, weight_kg REAL, daily_kcal REAL, activity_level TEXT, "
                        + "sleep_quality TEXT)");
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (long id = 1; id <= rows; id++) {
                    String[] r = row(id, bad);
                    ins.setLong(1, id);
                    if (url.contains("sqlite")) {
                        ins.setObject(2, r[1].matches("[0-9.]+") ? (Object) Double.parseDouble(r[1]) : r[1]);
                    } else {
                        ins.setString(2, r[1]);
                    }
                    ins.setString(3, r[2]);
                    ins.setDouble(4, Double.parseDouble(r[3]));
                    if (r[4] == null) {
                        ins.setNull(5, java.sql.Types.REAL);
                    } else {
                        ins.setDouble(5, Double.parseDouble(r[4]));
                    }
                    ins.setString(6, r[5]);
                    ins.setString(7, r[6]);
                    ins.addBatch();
                    if (id % 10_000 == 0) {
                        ins.executeBatch();
                    }
                }
                ins.executeBatch();
            }
            c.commit();
        }
    }

    /** A Parquet file: id INT64, the numbers FLOAT (age as a string, to carry the unparsable value), categories strings. */
    public static Path parquet(Path file, long rows, boolean bad) throws Exception {
        MessageType schema = Types.buildMessage()
                .addField(Types.required(PrimitiveTypeName.INT64).named("id"))
                .addField(Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("age"))
                .addField(Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("sex"))
                .addField(Types.optional(PrimitiveTypeName.FLOAT).named("weight_kg"))
                .addField(Types.optional(PrimitiveTypeName.FLOAT).named("daily_kcal"))
                .addField(Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                        .named("activity_level"))
                .addField(Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                        .named("sleep_quality"))
                .named("people");
        try (ParquetWriter<Object[]> w = new RowArrayWriter.Builder(new LocalOutputFile(file), schema)
                .withConf(new PlainParquetConfiguration()).withCodecFactory(ParquetCodecs.INSTANCE).withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build()) {
            for (long id = 1; id <= rows; id++) {
                String[] r = row(id, bad);
                w.write(new Object[] {id, r[1], r[2], Float.parseFloat(r[3]),
                        r[4] == null ? null : Float.parseFloat(r[4]), r[5], r[6]});
            }
        }
        return file;
    }

    /** Reads a whole row source into id → the named column's cell (tests: small outputs only). */
    public static Map<String, String> column(RowSource source, String key, String column) throws Exception {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        try (source) {
            List<String> cols = source.columns();
            Row r;
            while ((r = source.next()) != null) {
                String k = r.cell(cols.indexOf(key));
                if (out.put(k, r.cell(cols.indexOf(column))) != null) {
                    throw new AssertionError("key " + k + " twice");
                }
            }
        }
        return out;
    }
}
