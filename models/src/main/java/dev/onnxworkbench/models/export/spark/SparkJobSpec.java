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
import dev.onnxworkbench.models.batch.BatchJob;
import dev.onnxworkbench.models.batch.SinkSpec;
import dev.onnxworkbench.models.batch.SourceSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the Spark job does, as {@code job.json} says: the model file, where the rows come from, where the
 * predictions go, rows per model run and ONNX Runtime threads per task; the key columns a SQL table sink keys
 * its rows by (as predict-batch's {@code --key}) and the picture/recording settings of inputs fed from a
 * column of paths ({@code media}, as predict-batch's job saves them; kept as JSON text per input).
 *
 * <pre>{"model": "model.onnx", "source": {"format": "csv", "path": "rows.csv"},
 *  "sink": {"format": "parquet", "path": "preds.parquet", "mode": "overwrite"}, "batch": 4096, "threads": 1,
 *  "key": ["id"], "media": {"x": {"kind": "image", "imageSize": "64x64"}}}</pre>
 */
public record SparkJobSpec(String model, Endpoint source, Endpoint sink, int batch, int threads,
                           Map<String, String> mapping, Map<String, long[]> shapes,
                           Map<String, List<String>> categories, List<String> key,
                           Map<String, String> media) implements Serializable {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final int DEFAULT_BATCH = 4096;

    public SparkJobSpec(String model, Endpoint source, Endpoint sink, int batch, int threads,
                        Map<String, String> mapping, Map<String, long[]> shapes, Map<String, List<String>> categories) {
        this(model, source, sink, batch, threads, mapping, shapes, categories, List.of(), Map.of());
    }

    public SparkJobSpec {
        mapping = mapping == null ? Map.of() : Map.copyOf(mapping);
        shapes = shapes == null ? Map.of() : Map.copyOf(shapes);
        categories = categories == null ? null : Map.copyOf(categories);
        key = key == null ? List.of() : List.copyOf(key);
        media = media == null ? Map.of() : Map.copyOf(media);
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

    /**
     * Reads job.json: predict-batch's saved job ({@code --save-job}, {@link BatchJob}: "file"/"jdbc" endpoints)
     * or this Spark job's own form (written by the export); every missing or wrong field is named.
     */
    public static SparkJobSpec read(Path file) throws WorkbenchException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new WorkbenchException("Could not read the job file " + file + ": " + IoReasons.of(e), e);
        }
        JsonNode source = root == null ? null : root.get("source");
        if (source != null && (source.has("file") || source.has("jdbc"))) {
            return of(BatchJob.read(file));
        }
        return fromJson(root, file.getFileName().toString());
    }

    /** predict-batch's job as a Spark job: the same source, sink, mapping, shapes and batch; one thread per task. */
    public static SparkJobSpec of(BatchJob job) {
        Endpoint source = switch (job.source()) {
            case SourceSpec.File f -> new Endpoint(formatOf(f.path()), f.path().toAbsolutePath().toString(), null,
                    null, null, null, null, null);
            case SourceSpec.Jdbc j -> new Endpoint(Format.JDBC, null, j.url(), j.table(), j.query(), null, null, null);
        };
        Endpoint sink = switch (job.sink()) {
            case SinkSpec.File f -> new Endpoint(formatOf(f.path()), f.path().toAbsolutePath().toString(), null, null,
                    null, null, null, "overwrite");
            case SinkSpec.Jdbc j -> new Endpoint(Format.JDBC, null, j.url(), j.table(), null, null, null, "append");
        };
        Map<String, String> media = new LinkedHashMap<>();
        job.media().forEach((input, settings) -> media.put(input, settings.toString()));
        return new SparkJobSpec(job.model() == null ? null : job.model().toString(), source, sink, job.batch(), 1,
                job.mapping(), job.shapes(), null, job.key(), media);
    }

    private static Format formatOf(Path file) {
        try {
            return Format.of(null, file.toString(), "the job's file");
        } catch (WorkbenchException e) {
            return Format.CSV; // BatchJob has checked the extension already
        }
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
        Map<String, String> mapping = new LinkedHashMap<>();
        if (root.get("mapping") instanceof ObjectNode m) {
            m.properties().forEach(e -> mapping.put(e.getKey(), e.getValue().asText()));
        }
        Map<String, long[]> shapes = new LinkedHashMap<>();
        if (root.get("shapes") instanceof ObjectNode m) {
            for (Map.Entry<String, JsonNode> e : m.properties()) {
                long[] dims = new long[e.getValue().size()];
                for (int i = 0; i < dims.length; i++) {
                    dims[i] = e.getValue().get(i).asLong();
                }
                shapes.put(e.getKey(), dims);
            }
        }
        Map<String, List<String>> categories = null;
        if (root.get("categories") instanceof ObjectNode m) {
            categories = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : m.properties()) {
                List<String> values = new ArrayList<>();
                e.getValue().forEach(v -> values.add(v.asText()));
                categories.put(e.getKey(), values);
            }
        }
        List<String> key = new ArrayList<>();
        root.path("key").forEach(k -> key.add(k.asText()));
        Map<String, String> media = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.path("media").properties()) {
            if (!e.getValue().isObject()) {
                throw new WorkbenchException(name + ": the media settings of '" + e.getKey() + "' must be an object "
                        + "with \"kind\": image or audio.");
            }
            media.put(e.getKey(), e.getValue().toString());
        }
        try {
            return new SparkJobSpec(text(root, "model"), source, sink, batch, threads, mapping, shapes, categories,
                    key, media);
        } catch (IllegalArgumentException e) {
            throw new WorkbenchException(name + ": " + e.getMessage() + ".", e);
        }
    }

    /** The same job with another model file name (the export ships the model next to job.json). */
    public SparkJobSpec withModel(String file) {
        return new SparkJobSpec(file, source, sink, batch, threads, mapping, shapes, categories, key, media);
    }

    /**
     * The same job with the categories each string input's encoder knows, read by the export from the model
     * (the cluster's protobuf may be older than the one the project's ONNX reader was generated for).
     */
    public SparkJobSpec withCategories(Map<String, List<String>> known) {
        return new SparkJobSpec(model, source, sink, batch, threads, mapping, shapes, known, key, media);
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
        if (!mapping.isEmpty()) {
            ObjectNode m = o.putObject("mapping");
            mapping.forEach(m::put);
        }
        if (!shapes.isEmpty()) {
            ObjectNode m = o.putObject("shapes");
            shapes.forEach((k, v) -> {
                var a = m.putArray(k);
                for (long d : v) {
                    a.add(d);
                }
            });
        }
        if (!key.isEmpty()) {
            var k = o.putArray("key");
            key.forEach(k::add);
        }
        if (!media.isEmpty()) {
            ObjectNode m = o.putObject("media");
            for (Map.Entry<String, String> e : media.entrySet()) {
                try {
                    m.set(e.getKey(), JSON.readTree(e.getValue()));
                } catch (IOException ex) {
                    throw new IllegalStateException(ex); // it was read from JSON
                }
            }
        }
        if (categories != null) {
            ObjectNode m = o.putObject("categories");
            categories.forEach((k, v) -> {
                var a = m.putArray(k);
                v.forEach(a::add);
            });
        }
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
