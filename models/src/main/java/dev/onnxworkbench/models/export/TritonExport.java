package dev.onnxworkbench.models.export;

import dev.onnxworkbench.models.IoReasons;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.Dimension;
import dev.onnxworkbench.models.graph.Graph;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.graph.Node;
import dev.onnxworkbench.models.graph.ValueInfo;
import dev.onnxworkbench.models.graph.ValueType;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.serve.ModelServer;
import dev.onnxworkbench.models.serve.V2Datatype;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Writes a Triton model repository entry for an ONNX model: {@code REPO/NAME/config.pbtxt} for Triton's
 * onnxruntime backend and {@code REPO/NAME/1/model.onnx} with its external data files beside it.
 */
public final class TritonExport {
    /** What was written, and outputs left out of the config (sequences and maps have no Triton type). */
    public record Result(Path modelDir, Path config, Path modelFile, List<Path> dataFiles, String configText,
                         int maxBatch, List<String> warnings) {
    }

    /** One input or output as config.pbtxt declares it. */
    record Io(String name, V2Datatype type, long[] dims) {
    }

    private TritonExport() {
    }

    public static Result export(Path model, Path repository, TritonOptions options) throws WorkbenchException {
        Model read = new OnnxReader().read(model);
        Graph graph = read.graph();
        String name = options.name() == null || options.name().isBlank() ? ModelServer.defaultName(model)
                : options.name();
        if (name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
            throw new WorkbenchException("The model name '" + name + "' cannot be a folder name.");
        }
        if (options.fp16() && !options.tensorrt()) {
            throw new WorkbenchException("--fp16 sets TensorRT's precision; give it with --tensorrt.");
        }
        Set<String> initializers = graph.initializers().stream().map(dev.onnxworkbench.models.graph.Tensor::name)
                .collect(Collectors.toCollection(TreeSet::new));
        List<String> warnings = new ArrayList<>();
        List<Io> inputs = new ArrayList<>();
        for (ValueInfo v : graph.inputs()) {
            if (!initializers.contains(v.name())) {
                inputs.add(tensor(v, "input", null));
            }
        }
        List<Io> outputs = new ArrayList<>();
        for (ValueInfo v : graph.outputs()) {
            Io t = tensor(v, "output", warnings);
            if (t != null) {
                outputs.add(t);
            }
        }
        boolean batchable = !inputs.isEmpty() && inputs.stream().allMatch(t -> variableFirst(t.dims()))
                && outputs.stream().allMatch(t -> variableFirst(t.dims()));
        int maxBatch = options.maxBatch() != null ? options.maxBatch() : batchable ? 8 : 0;
        if (maxBatch < 0) {
            throw new WorkbenchException("--max-batch must be 0 or more, not " + maxBatch + ".");
        }
        if (maxBatch > 0 && !batchable) {
            throw new WorkbenchException("Triton batches along a variable first dimension of every input and "
                    + "output, and " + name + " has none (" + describe(inputs) + "); use --max-batch 0.");
        }
        String config = TritonConfig.text(name, maxBatch, inputs, outputs, options);

        Path modelDir = repository.resolve(name);
        Path versionDir = modelDir.resolve("1");
        try {
            Files.createDirectories(versionDir);
            Path configFile = modelDir.resolve("config.pbtxt");
            Files.writeString(configFile, config, StandardCharsets.UTF_8);
            Path modelFile = versionDir.resolve("model.onnx");
            Files.copy(model, modelFile, StandardCopyOption.REPLACE_EXISTING);
            List<Path> copied = new ArrayList<>();
            Path sourceDir = model.toAbsolutePath().getParent();
            for (String location : externalLocations(graph, new TreeSet<>())) {
                Path from = sourceDir.resolve(location).normalize();
                Path to = versionDir.resolve(location).normalize();
                if (!to.startsWith(versionDir)) {
                    throw new WorkbenchException("The external data location '" + location
                            + "' points outside the model's folder; Triton would not find it.");
                }
                Files.createDirectories(to.getParent());
                Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                copied.add(to);
            }
            return new Result(modelDir, configFile, modelFile, copied, config, maxBatch, warnings);
        } catch (IOException e) {
            throw new WorkbenchException("Could not write the Triton repository under " + repository + ": "
                    + IoReasons.of(e), e);
        }
    }

    private static Io tensor(ValueInfo v, String role, List<String> warnings) throws WorkbenchException {
        if (!(v.type() instanceof ValueType.TensorType(var elementType, var shape))) {
            if (warnings != null) {
                warnings.add("The output '" + v.name() + "' is a " + v.type() + ", which Triton cannot return; "
                        + "it is left out of config.pbtxt.");
                return null;
            }
            throw new WorkbenchException("The " + role + " '" + v.name() + "' is a " + v.type()
                    + "; Triton's ONNX Runtime backend takes tensors only.");
        }
        V2Datatype type = V2Datatype.of(elementType).orElseThrow(() -> new WorkbenchException("The " + role + " '"
                + v.name() + "' has element type " + elementType + ", which Triton has no type for."));
        long[] dims;
        if (!shape.rankKnown()) {
            throw new WorkbenchException("The " + role + " '" + v.name() + "' has no known rank; Triton needs dims. "
                    + "Give the model a shape for it first.");
        }
        dims = new long[shape.rank()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape.dims().get(i) instanceof Dimension.Fixed(long size) ? size : -1;
        }
        return new Io(v.name(), type, dims);
    }

    private static boolean variableFirst(long[] dims) {
        return dims.length > 0 && dims[0] < 0;
    }

    private static String describe(List<Io> tensors) {
        return tensors.stream().map(t -> t.name() + " " + java.util.Arrays.toString(t.dims()))
                .collect(Collectors.joining(", "));
    }

    /** Files named by initializers stored outside the model ({@code external_data} location), in every subgraph. */
    private static Set<String> externalLocations(Graph graph, Set<String> into) {
        for (dev.onnxworkbench.models.graph.Tensor t : graph.initializers()) {
            if (t.data() != null && t.data().isExternal()) {
                String where = t.data().describeLocation(); // "external: LOCATION @ OFFSET (SIZE)"
                int at = where.lastIndexOf(" @ ");
                into.add(where.substring("external: ".length(), at < 0 ? where.length() : at));
            }
        }
        for (Node node : graph.nodes()) {
            for (Node.NamedGraph sub : node.subgraphs()) {
                externalLocations(sub.graph(), into);
            }
        }
        return into;
    }
}
