package dev.onnxworkbench.models.export.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onnxworkbench.models.IoReasons;
import dev.onnxworkbench.models.WorkbenchException;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What the Spark job does, as {@code job.json} says: the model file, where the rows come from, where the
 * predictions go, rows per model run and ONNX Runtime threads per task.
 *
 * <pre>{"model": "model.onnx", "source": {"format": "csv", "path": "rows.csv"},
 *  "sink": {"format": "parquet", "path": "preds.parquet", "mode": "overwrite"}, "batch": 4096, "threads": 1}</pre>
 */
public record SparkJobSpec(String model, Endpoint source, Endpoint sink, int batch, int threads)
        implements Serializable {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final int DEFAULT_BATCH = 4096;

    public SparkJobSpec {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be 1 or more, not " + batch);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (one per core) or more, not " + threads);
        }
    }

    /** The formats the job reads and writes. */
    public enum Format {
        CSV, JSONL, PARQUET, JDBC;

        static Format of(String name, String path, String where) throws WorkbenchException {
            if (name != null) {
                return switch (name.toLowerCase(Locale.ROOT)) {
                    case "csv" -> CSV;
                    case "jsonl", "json", "ndjson" -> JSONL;
                    case "parquet" -> PARQUET;
                    case "jdbc" -> JDBC;
                    default -> throw new WorkbenchException(where + ".format '" + name
                            + "' is none of csv, jsonl, parquet, jdbc.");
                };
            }
            String p = path == null ? "" : path.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
            if (p.endsWith(".csv")) {
                return CSV;
            }
            if (p.endsWith(".jsonl") || p.endsWith(".ndjson") || p.endsWith(".json")) {
                return JSONL;
            }
            if (p.endsWith(".parquet")) {
                return PARQUET;
            }
            throw new WorkbenchException(where + " needs \"format\" (csv, jsonl, parquet or jdbc): its path "
                    + (path == null ? "is missing" : "'" + path + "' does not end in .csv, .jsonl or .parquet") + ".");
        }
    }

    /**
     * A source or a sink: files (a path Spark reads: local, hdfs://, s3a://; a folder of part files) or a JDBC
     * table or query. {@code mode} is Spark's save mode for sinks (overwrite, append, errorifexists, ignore).
     */
    public record Endpoint(Format format, String path, String url, String table, String query, String user,
                           String password, String mode) implements Serializable {

        /** Where Spark reads or writes, for messages. */
        public String describe() {
            return format == Format.JDBC ? url + (table != null ? " table " + table : " query " + query) : path;
        }

        ObjectNode toJson() {
            ObjectNode o = JSON.createObjectNode();
            o.put("format", format.name().toLowerCase(Locale.ROOT));
            putIf(o, "path", path);
            putIf(o, "url", url);
            putIf(o, "table", table);
            putIf(o, "query", query);
            putIf(o, "user", user);
            putIf(o, "password", password);
            putIf(o, "mode", mode);
            return o;
        }

        static Endpoint fromJson(JsonNode node, String where, boolean sink) throws WorkbenchException {
            if (node == null || !node.isObject()) {
                throw new WorkbenchException("job.json needs \"" + where + "\": an object with format and path "
                        + "(or url and table" + (sink ? "" : "/query") + ").");
            }
            String path = text(node, "path");
            Format format = Format.of(text(node, "format"), path, where);
            String url = text(node, "url");
            String table = text(node, "table");
            String query = text(node, "query");
            if (format == Format.JDBC) {
                if (url == null || !url.startsWith("jdbc:")) {
                    throw new WorkbenchException(where + ".url must be a JDBC URL (jdbc:...), not " + url + ".");
                }
                if (sink ? table == null : (table == null) == (query == null)) {
                    throw new WorkbenchException(where + " needs " + (sink ? "\"table\"" : "either \"table\" or "
                            + "\"query\"") + " with a JDBC url.");
                }
            } else if (path == null) {
                throw new WorkbenchException(where + " needs \"path\".");
            }
            String mode = text(node, "mode");
            if (sink && mode == null) {
                mode = format == Format.JDBC ? "append" : "overwrite";
            }
            return new Endpoint(format, path, url, table, query, text(node, "user"), text(node, "password"), mode);
        }

        private static void putIf(ObjectNode o, String key, String value) {
            if (value != null) {
                o.put(key, value);
            }
        }
    }

    /** Reads job.json; every missing or wrong field is named. */
    public static SparkJobSpec read(Path file) throws WorkbenchException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new WorkbenchException("Could not read the job file " + file + ": " + IoReasons.of(e), e);
        }
        return fromJson(root, file.getFileName().toString());
    }

    public static SparkJobSpec parse(String json, String name) throws WorkbenchException {
        try {
            return fromJson(JSON.readTree(json), name);
        } catch (IOException e) {
            throw new WorkbenchException(name + " is not JSON: " + e.getMessage(), e);
        }
    }

    private static SparkJobSpec fromJson(JsonNode root, String name) throws WorkbenchException {
        if (root == null || !root.isObject()) {
            throw new WorkbenchException(name + " must hold a JSON object with source and sink.");
        }
        Endpoint source = Endpoint.fromJson(root.get("source"), "source", false);
        Endpoint sink = Endpoint.fromJson(root.get("sink"), "sink", true);
        int batch = root.has("batch") ? root.get("batch").asInt(-1) : DEFAULT_BATCH;
        int threads = root.has("threads") ? root.get("threads").asInt(-1) : 1;
        try {
            return new SparkJobSpec(text(root, "model"), source, sink, batch, threads);
        } catch (IllegalArgumentException e) {
            throw new WorkbenchException(name + ": " + e.getMessage() + ".", e);
        }
    }

    /** The same job with another model file name (the export ships the model next to job.json). */
    public SparkJobSpec withModel(String file) {
        return new SparkJobSpec(file, source, sink, batch, threads);
    }

    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        if (model != null) {
            o.put("model", model);
        }
        o.set("source", source.toJson());
        o.set("sink", sink.toJson());
        o.put("batch", batch);
        o.put("threads", threads);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }
}
