package dev.onnxworkbench.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onnxworkbench.models.graph.Dimension;
import dev.onnxworkbench.models.graph.Graph;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.graph.ModelCounts;
import dev.onnxworkbench.models.graph.Node;
import dev.onnxworkbench.models.graph.OpsetImport;
import dev.onnxworkbench.models.graph.Tensor;
import dev.onnxworkbench.models.graph.ValueInfo;
import dev.onnxworkbench.models.graph.ValueType;
import dev.onnxworkbench.models.onnx.ModelReadException;
import dev.onnxworkbench.models.onnx.OnnxReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code info MODEL... [--json]}: a summary of each model. Text for people; with {@code --json},
 * one JSON object per model per line (a stable contract, documented in the README):
 * <ul>
 * <li>{@code path} the path as given; {@code irVersion}; {@code producerName}; {@code producerVersion}</li>
 * <li>{@code opsetImports} [{@code {domain, version}}], domain "ai.onnx" for the default domain</li>
 * <li>{@code inputs}, {@code outputs} [{@code {name, type, shape}}]: inputs are the graph inputs that are not
 *     initializers (what a caller must feed); {@code type} is the element type ("float32") for tensors and the
 *     full type ("sequence&lt;float32[?]&gt;") otherwise; {@code shape} is an array of numbers (fixed), strings
 *     (symbolic) and nulls (unknown), or null when the rank is unknown or the value is not a tensor</li>
 * <li>{@code nodeCount} nodes of the top-level graph; {@code totalNodeCount} including every subgraph</li>
 * <li>{@code operators} {@code {opType: count}} over all graphs (subgraphs included, model-local function
 *     bodies not), sorted by name; operators outside the default domain are written {@code domain.opType}</li>
 * <li>{@code initializerCount} initializers and sparse initializers of the top-level graph;
 *     {@code parameterCount} {@link ModelCounts}: elements of initializers and Constant nodes in all graphs</li>
 * <li>{@code metadata} {@code {key: value}} of metadata_props, in file order</li>
 * </ul>
 * A model that cannot be read prints {@code {path, error}} (the error is the sentence shown to people); the
 * others are still printed, and the exit code is 1 with a one-line summary on stderr.
 */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Summarize ONNX models: properties, inputs, outputs, operators, weights.")
final class InfoCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "MODEL", description = "ONNX model files (.onnx).")
    List<Path> models;

    @Option(names = "--json", description = "One JSON object per model per line (fields in the README).")
    boolean json;

    @Spec
    CommandSpec spec;

    private final OnnxReader reader = new OnnxReader();
    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int failures = 0;
        String lastError = "";
        for (Path path : models) {
            try {
                Model model = reader.read(path);
                out.println(json ? mapper.writeValueAsString(summary(path, model)) : text(path, model));
            } catch (ModelReadException e) {
                failures++;
                lastError = e.getMessage();
                if (json) {
                    // One line per model: this one failed as every --json failure does, {error: {code, message}}.
                    ObjectNode error = (ObjectNode) mapper.readTree(UserErrorHandler.json(ErrorClass.of(e), e.getMessage()));
                    ObjectNode line = mapper.createObjectNode();
                    line.put("model", path.toString());
                    line.put("path", path.toString());
                    line.setAll(error);
                    out.println(mapper.writeValueAsString(line));
                } else if (models.size() > 1) {
                    err.println("onnx-workbench: " + e.getMessage());
                }
            }
            out.flush();
        }
        if (failures == 0) {
            return 0;
        }
        if (json || models.size() == 1) {
            err.println("onnx-workbench: " + (models.size() == 1 ? lastError
                    : failures + " of " + models.size() + " models could not be read; see their \"error\" fields."));
        }
        err.flush();
        return ErrorClass.MODEL_UNREADABLE.exitCode; // as any verb whose model cannot be read
    }

    ObjectNode summary(Path path, Model model) {
        Graph graph = model.graph();
        ObjectNode o = mapper.createObjectNode();
        o.put("model", path.toString());
        o.put("path", path.toString());
        o.put("irVersion", model.irVersion());
        o.put("producerName", model.producerName());
        o.put("producerVersion", model.producerVersion());
        ArrayNode opsets = o.putArray("opsetImports");
        for (OpsetImport imp : model.opsetImports()) {
            opsets.addObject().put("domain", imp.domain()).put("version", imp.version());
        }
        values(o.putArray("inputs"), feedableInputs(graph));
        values(o.putArray("outputs"), graph.outputs());
        o.put("nodeCount", graph.nodes().size());
        o.put("totalNodeCount", graph.totalNodeCount());
        ObjectNode operators = o.putObject("operators");
        operatorCounts(graph).forEach(operators::put);
        o.put("initializerCount", graph.initializers().size() + graph.sparseInitializers().size());
        o.put("parameterCount", ModelCounts.parameterCount(graph));
        ObjectNode metadata = o.putObject("metadata");
        model.metadata().forEach(metadata::put);
        return o;
    }

    private static List<ValueInfo> feedableInputs(Graph graph) {
        Set<String> initialized = graph.initializers().stream().map(Tensor::name).collect(Collectors.toSet());
        return graph.inputs().stream().filter(v -> !initialized.contains(v.name())).toList();
    }

    private static void values(ArrayNode array, List<ValueInfo> infos) {
        for (ValueInfo v : infos) {
            ObjectNode item = array.addObject();
            item.put("name", v.name());
            if (v.type() instanceof ValueType.TensorType t) {
                item.put("type", t.elementType().displayName());
                if (t.shape().rankKnown()) {
                    ArrayNode shape = item.putArray("shape");
                    for (Dimension d : t.shape().dims()) {
                        switch (d) {
                            case Dimension.Fixed f -> shape.add(f.value());
                            case Dimension.Symbolic s -> shape.add(s.name());
                            case Dimension.Unknown u -> shape.addNull();
                        }
                    }
                } else {
                    item.putNull("shape");
                }
            } else {
                item.put("type", v.type().toString());
                item.putNull("shape");
            }
        }
    }

    /** opType → count over the graph and all its subgraphs, sorted by name. */
    static Map<String, Long> operatorCounts(Graph graph) {
        Map<String, Long> counts = new TreeMap<>();
        addCounts(graph, counts);
        return counts;
    }

    private static void addCounts(Graph graph, Map<String, Long> counts) {
        for (Node n : graph.nodes()) {
            String key = n.domain().equals(OpsetImport.DEFAULT_DOMAIN) ? n.opType() : n.domain() + "." + n.opType();
            counts.merge(key, 1L, Long::sum);
            for (Node.NamedGraph sub : n.subgraphs()) {
                addCounts(sub.graph(), counts);
            }
        }
    }

    private String text(Path path, Model model) {
        Graph graph = model.graph();
        StringBuilder s = new StringBuilder();
        s.append(path).append('\n');
        String producer = (model.producerName() + " " + model.producerVersion()).trim();
        s.append(String.format("  format     ONNX IR version %d%s%n", model.irVersion(),
                producer.isEmpty() ? "" : ", produced by " + producer));
        s.append("  opsets     ").append(model.opsetImports().stream()
                .map(o -> o.domain() + " " + o.version()).collect(Collectors.joining(", "))).append('\n');
        appendValues(s, "inputs", feedableInputs(graph));
        appendValues(s, "outputs", graph.outputs());
        long total = graph.totalNodeCount();
        s.append(String.format("  nodes      %,d%s%n", graph.nodes().size(),
                total == graph.nodes().size() ? "" : String.format(" (%,d with subgraphs)", total)));
        s.append("  operators  ").append(operatorCounts(graph).entrySet().stream()
                .map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", "))).append('\n');
        s.append(String.format("  weights    %,d initializers, %,d parameters%n",
                graph.initializers().size() + graph.sparseInitializers().size(), ModelCounts.parameterCount(graph)));
        if (!model.functions().isEmpty()) {
            s.append("  functions  ").append(model.functions().stream().map(f -> f.domain() + "." + f.name())
                    .collect(Collectors.joining(", "))).append('\n');
        }
        model.metadata().forEach((k, v) -> s.append("  metadata   ").append(k).append(" = ").append(v).append('\n'));
        return s.toString().stripTrailing();
    }

    private static void appendValues(StringBuilder s, String label, List<ValueInfo> values) {
        if (values.isEmpty()) {
            s.append(String.format("  %-10s (none)%n", label));
        }
        int width = values.stream().mapToInt(v -> v.name().length()).max().orElse(0);
        for (int i = 0; i < values.size(); i++) {
            ValueInfo v = values.get(i);
            s.append(String.format("  %-10s %-" + Math.max(1, width) + "s  %s%n", i == 0 ? label : "", v.name(), v.type()));
        }
    }
}
