package dev.onnxworkbench.models.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onnxworkbench.models.WorkbenchException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The session config file ({@code --config FILE} of run, bench, serve; Run ▸ Load Session Config… in the
 * window; what {@code tune} saves): a provider with its settings as JSON. It is a file format for
 * {@link ProviderSettings}, nothing more, so every place that opens sessions takes it unchanged:
 *
 * <pre>{@code
 * {
 *   "provider": "cpu",                      // cpu, cuda or tensorrt (required)
 *   "graphOptimizationLevel": "all",        // disable, basic, extended, all
 *   "intraOpThreads": 2,                    // 0 = ONNX Runtime's choice
 *   "interOpThreads": 0,
 *   "executionMode": "sequential",          // or parallel
 *   "providerOptions": {"trt_fp16_enable": "true", "cudnn_conv_algo_search": "HEURISTIC"}
 * }
 * }</pre>
 *
 * Fields left out keep the provider's defaults. Unknown fields, unknown provider options and values an
 * option does not take are refused with a message that names the file, the field and what is allowed.
 */
public final class SessionConfig {
    static final String PROVIDER = "provider";
    static final String LEVEL = "graphOptimizationLevel";
    static final String INTRA = "intraOpThreads";
    static final String INTER = "interOpThreads";
    static final String MODE = "executionMode";
    static final String OPTIONS = "providerOptions";
    /** Free text a tool may leave in the file (the tuner writes what it measured); ignored on reading. */
    static final String COMMENT = "comment";

    /** The top-level fields that map onto session options, with the option key each stands for. */
    private static final Map<String, String> SESSION_FIELDS = Map.of(
            LEVEL, ProviderOption.GRAPH_OPTIMIZATION,
            INTRA, ProviderOption.INTRA_OP_THREADS,
            INTER, ProviderOption.INTER_OP_THREADS,
            MODE, ProviderOption.EXECUTION_MODE);
    private static final Set<String> FIELDS = Set.of(PROVIDER, LEVEL, INTRA, INTER, MODE, OPTIONS, COMMENT);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SessionConfig() {}

    /** Reads and checks a session config file. */
    public static ProviderSettings read(Path file) throws WorkbenchException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidSettingsException("The session config " + file + " does not exist.");
        } catch (IOException e) {
            throw new InvalidSettingsException("Cannot read the session config " + file + ": " + e.getMessage());
        }
        return parse(text, file.getFileName() == null ? file.toString() : file.getFileName().toString());
    }

    /** Parses the JSON of a session config; {@code source} names it in messages (a file name). */
    public static ProviderSettings parse(String json, String source) throws WorkbenchException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            var where = e.getLocation();
            throw new InvalidSettingsException(source + " is not valid JSON"
                    + (where == null ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")")
                    + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidSettingsException(source + " is not a session config: it must be a JSON object like "
                    + "{\"provider\": \"cpu\", \"intraOpThreads\": 2}.");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidSettingsException(source + ": unknown field '" + name + "'; a session config has "
                        + String.join(", ", new java.util.TreeSet<>(FIELDS)) + ".");
            }
        }
        JsonNode providerNode = root.get(PROVIDER);
        if (providerNode == null || !providerNode.isTextual()) {
            throw new InvalidSettingsException(source + ": \"provider\" is missing; give \"cpu\", \"cuda\" or \"tensorrt\".");
        }
        ExecutionProvider provider = ExecutionProvider.parse(providerNode.asText()).orElseThrow(() ->
                new InvalidSettingsException(source + ": unknown provider '" + providerNode.asText()
                        + "'; give cpu, cuda or tensorrt."));
        Map<String, String> options = new TreeMap<>();
        JsonNode providerOptions = root.get(OPTIONS);
        if (providerOptions != null && !providerOptions.isNull()) {
            if (!providerOptions.isObject()) {
                throw new InvalidSettingsException(source + ": \"providerOptions\" must be an object of option names "
                        + "to values, e.g. {\"trt_fp16_enable\": \"true\"}.");
            }
            for (var e : providerOptions.properties()) {
                options.put(e.getKey(), scalar(e.getValue(), source, OPTIONS + "." + e.getKey()));
            }
        }
        for (var field : SESSION_FIELDS.entrySet()) {
            JsonNode value = root.get(field.getKey());
            if (value == null || value.isNull()) {
                continue;
            }
            if (options.containsKey(field.getValue())) {
                throw new InvalidSettingsException(source + ": " + field.getValue() + " is given twice, as \""
                        + field.getKey() + "\" and in providerOptions; keep one.");
            }
            options.put(field.getValue(), scalar(value, source, field.getKey()));
        }
        try {
            return new ProviderSettings(provider, options).validated();
        } catch (InvalidSettingsException e) {
            throw new InvalidSettingsException(source + ": " + e.getMessage());
        }
    }

    private static String scalar(JsonNode value, String source, String field) throws InvalidSettingsException {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isIntegralNumber() || value.isBoolean()) {
            return value.asText();
        }
        throw new InvalidSettingsException(source + ": \"" + field + "\" must be a string, a whole number or "
                + "true/false, not " + value);
    }

    /** The settings as the file's JSON object (only what differs from the defaults is written, plus the provider). */
    public static ObjectNode toJson(ProviderSettings settings) {
        ObjectNode root = JSON.createObjectNode();
        root.put(PROVIDER, settings.provider().name().toLowerCase(Locale.ROOT));
        Map<String, String> rest = new TreeMap<>(settings.options());
        for (var field : List.of(LEVEL, INTRA, INTER, MODE)) {
            String key = SESSION_FIELDS.get(field);
            String value = rest.remove(key);
            if (value == null) {
                continue;
            }
            if (field.equals(INTRA) || field.equals(INTER)) {
                root.put(field, Integer.parseInt(value.trim()));
            } else {
                root.put(field, value.trim().toLowerCase(Locale.ROOT));
            }
        }
        if (!rest.isEmpty()) {
            ObjectNode options = root.putObject(OPTIONS);
            rest.forEach(options::put);
        }
        return root;
    }

    /** The file's text for these settings, with an optional comment (null for none). */
    public static String toText(ProviderSettings settings, String comment) {
        ObjectNode root = toJson(settings);
        if (comment != null && !comment.isBlank()) {
            root.put(COMMENT, comment);
        }
        try {
            return JSON.writeValueAsString(root) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the settings as a session config file (replacing it). */
    public static void write(ProviderSettings settings, String comment, Path file) throws WorkbenchException {
        settings.validated();
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, toText(settings, comment), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new WorkbenchException("Cannot write the session config " + file + ": " + e.getMessage());
        }
    }

    /** One line a person reads: "CPU · graph optimization all · 2 intra-op threads · sequential". */
    public static String describe(ProviderSettings settings) {
        List<String> parts = new ArrayList<>();
        parts.add(settings.provider().displayName());
        parts.add("optimization " + settings.option(ProviderOption.GRAPH_OPTIMIZATION));
        String intra = settings.option(ProviderOption.INTRA_OP_THREADS);
        parts.add(intra.equals("0") ? "intra-op threads auto" : intra + " intra-op thread" + (intra.equals("1") ? "" : "s"));
        String inter = settings.option(ProviderOption.INTER_OP_THREADS);
        if (!inter.equals("0")) {
            parts.add(inter + " inter-op thread" + (inter.equals("1") ? "" : "s"));
        }
        parts.add(settings.option(ProviderOption.EXECUTION_MODE).toLowerCase(Locale.ROOT));
        Map<String, String> other = new LinkedHashMap<>(new TreeMap<>(settings.options()));
        SESSION_FIELDS.values().forEach(other::remove);
        other.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(" · ", parts);
    }
}
