package dev.onnxworkbench.models.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onnxworkbench.models.IoReasons;
import dev.onnxworkbench.models.WorkbenchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch prediction job as saved and replayed ({@code predict-batch --job job.json}, the window's last jobs,
 * {@code export spark --job job.json}): the model, where the rows come from, where the predictions go, the
 * key columns, the column mapping the user chose (input → column; inputs not named are matched by name),
 * whole shapes for inputs with free dimensions, and the rows per model run.
 *
 * <p>The JSON (version 1), camelCase; relative paths are relative to the job file's folder:
 * <pre>{@code
 * {"version": 1,
 *  "model": "weekly-weight-change.onnx",
 *  "source": {"file": "rows.parquet"}                              // or
 *            {"jdbc": "jdbc:sqlite:people.db", "table": "people"}  // or
 *            {"jdbc": "jdbc:postgresql://host/db", "query": "SELECT ..."},
 *  "sink":   {"file": "predictions.parquet"}                       // or
 *            {"jdbc": "jdbc:sqlite:out.db", "table": "predictions"},
 *  "key": ["id"],
 *  "mapping": {"age": "age_years"},
 *  "shapes": {"x": [1, 3]},
 *  "batch": 4096,
 *  "media": {"x": {"kind": "image", "imageSize": "64x64", "scaling": "0-1", …}}}  // optional
 * }</pre>
 * {@code media} holds the picture or recording settings for inputs fed from a column of paths
 * ({@link MediaColumns}); such paths are relative to the source file's folder.
 */
public record BatchJob(Path model, SourceSpec source, SinkSpec sink, List<String> key, Map<String, String> mapping,
                       Map<String, long[]> shapes, int batch, Map<String, JsonNode> media) {
    public static final int DEFAULT_BATCH = 4096;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public BatchJob {
        key = List.copyOf(key);
        mapping = Map.copyOf(new LinkedHashMap<>(mapping));
        shapes = Map.copyOf(shapes);
        Map<String, JsonNode> copied = new LinkedHashMap<>();
        media.forEach((input, settings) -> copied.put(input, MediaColumns.copy(settings)));
        media = java.util.Collections.unmodifiableMap(copied);
    }

    /** A job without picture or recording settings (path columns take the defaults). */
    public BatchJob(Path model, SourceSpec source, SinkSpec sink, List<String> key, Map<String, String> mapping,
                    Map<String, long[]> shapes, int batch) {
        this(model, source, sink, key, mapping, shapes, batch, Map.of());
    }

    public BatchJob withMedia(Map<String, JsonNode> newMedia) {
        return new BatchJob(model, source, sink, key, mapping, shapes, batch, newMedia);
    }

    /** The folder a column's relative paths resolve against: the source file's, else the working folder. */
    public Path mediaBase() {
        return source instanceof SourceSpec.File f ? f.path().toAbsolutePath().getParent() : null;
    }

    public BatchJob withSink(SinkSpec newSink) {
        return new BatchJob(model, source, newSink, key, mapping, shapes, batch, media);
    }

    public BatchJob withMapping(Map<String, String> newMapping) {
        return new BatchJob(model, source, sink, key, newMapping, shapes, batch, media);
    }

    /** The job as JSON text (the format above). */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        root.put("model", model.toString());
        ObjectNode src = root.putObject("source");
        switch (source) {
            case SourceSpec.File f -> src.put("file", f.path().toString());
            case SourceSpec.Jdbc j -> {
                src.put("jdbc", j.url());
                if (j.table() != null) {
                    src.put("table", j.table());
                } else {
                    src.put("query", j.query());
                }
            }
        }
        ObjectNode dst = root.putObject("sink");
        switch (sink) {
            case SinkSpec.File f -> dst.put("file", f.path().toString());
            case SinkSpec.Jdbc j -> {
                dst.put("jdbc", j.url());
                dst.put("table", j.table());
            }
        }
        ArrayNode keys = root.putArray("key");
        key.forEach(keys::add);
        ObjectNode map = root.putObject("mapping");
        new java.util.TreeMap<>(mapping).forEach(map::put);
        ObjectNode shapeNode = root.putObject("shapes");
        new java.util.TreeMap<>(shapes).forEach((input, dims) -> {
            ArrayNode a = shapeNode.putArray(input);
            for (long d : dims) {
                a.add(d);
            }
        });
        root.put("batch", batch);
        if (!media.isEmpty()) {
            ObjectNode mediaNode = root.putObject("media");
            new java.util.TreeMap<>(media).forEach(mediaNode::set);
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public void write(Path file) throws WorkbenchException {
        try {
            Files.writeString(file, toJson());
        } catch (IOException e) {
            throw new WorkbenchException("Could not write the job " + file + ": " + IoReasons.of(e), e);
        }
    }

    /** Reads a job file; relative paths in it are taken relative to the file's folder. */
    public static BatchJob read(Path file) throws WorkbenchException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new WorkbenchException("Could not read the job " + file + ": " + IoReasons.of(e), e);
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(text, base, file.getFileName().toString());
    }

    /** Parses job JSON; {@code base} resolves relative paths, {@code name} is used in messages. */
    public static BatchJob parse(String text, Path base, String name) throws WorkbenchException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw new WorkbenchException("The job " + name + " is not JSON: " + e.getMessage(), e);
        }
        if (!(root instanceof ObjectNode)) {
            throw new WorkbenchException("The job " + name + " must be a JSON object.");
        }
        int version = root.path("version").asInt(1);
        if (version != 1) {
            throw new WorkbenchException("The job " + name + " has version " + version + "; this release reads 1.");
        }
        Path model = path(base, required(root, "model", name).asText());
        JsonNode src = required(root, "source", name);
        SourceSpec source;
        if (src.hasNonNull("file")) {
            source = new SourceSpec.File(path(base, src.get("file").asText()));
        } else if (src.hasNonNull("jdbc")) {
            String table = src.hasNonNull("table") ? src.get("table").asText() : null;
            String query = src.hasNonNull("query") ? src.get("query").asText() : null;
            if ((table == null) == (query == null)) {
                throw new WorkbenchException("The job " + name + "'s source names a JDBC URL and needs exactly one "
                        + "of \"table\" and \"query\".");
            }
            source = new SourceSpec.Jdbc(src.get("jdbc").asText(), table, query);
        } else {
            throw new WorkbenchException("The job " + name + "'s source needs \"file\" or \"jdbc\".");
        }
        JsonNode dst = required(root, "sink", name);
        SinkSpec sink;
        if (dst.hasNonNull("file")) {
            sink = new SinkSpec.File(path(base, dst.get("file").asText()));
        } else if (dst.hasNonNull("jdbc") && dst.hasNonNull("table")) {
            sink = new SinkSpec.Jdbc(dst.get("jdbc").asText(), dst.get("table").asText());
        } else {
            throw new WorkbenchException("The job " + name + "'s sink needs \"file\", or \"jdbc\" and \"table\".");
        }
        List<String> key = new ArrayList<>();
        root.path("key").forEach(k -> key.add(k.asText()));
        Map<String, String> mapping = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("mapping").properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            mapping.put(e.getKey(), e.getValue().asText());
        }
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.path("shapes").properties()) {
            if (!e.getValue().isArray()) {
                throw new WorkbenchException("The job " + name + "'s shape of '" + e.getKey() + "' must be an array "
                        + "of sizes.");
            }
            long[] dims = new long[e.getValue().size()];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = e.getValue().get(i).asLong();
            }
            shapes.put(e.getKey(), dims);
        }
        int batch = root.path("batch").asInt(DEFAULT_BATCH);
        if (batch < 1) {
            throw new WorkbenchException("The job " + name + "'s batch must be 1 or more, not " + batch + ".");
        }
        Map<String, JsonNode> media = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.path("media").properties()) {
            if (!e.getValue().isObject()) {
                throw new WorkbenchException("The job " + name + "'s media settings of '" + e.getKey() + "' must be "
                        + "an object with \"kind\": \"image\" or \"audio\".");
            }
            media.put(e.getKey(), e.getValue());
        }
        return new BatchJob(model, source, sink, key, mapping, shapes, batch, media);
    }

    private static JsonNode required(JsonNode root, String field, String name) throws WorkbenchException {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            throw new WorkbenchException("The job " + name + " has no \"" + field + "\".");
        }
        return n;
    }

    private static Path path(Path base, String text) {
        Path p = Path.of(text);
        return p.isAbsolute() || base == null ? p : base.resolve(p).normalize();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BatchJob other && toJson().equals(other.toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }
}
