package dev.onnxworkbench.models.tensor;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.ElementType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a model input's values from a file, chosen by extension: NumPy {@code .npy}, JSON
 * {@code .json} (nested arrays or {@code {"name": values}}), CSV {@code .csv}/{@code .tsv} for 2-D
 * values, or an ONNX {@code TensorProto} {@code .pb} (read by {@link DataFiles}). The result has the request's element type (numbers
 * are converted like NumPy's astype) and a shape that fits the request, or a message says why not.
 */
public final class TensorFiles {
    private TensorFiles() {
    }

    /** The extensions {@link #read} understands. */
    public static final java.util.List<String> EXTENSIONS = java.util.List.of("npy", "json", "csv", "tsv", "pb");

    public static HostTensor read(Path file, TensorRequest request) throws WorkbenchException {
        if (!Files.isRegularFile(file)) {
            throw new TensorFormatException("The input file " + file + " does not exist or is not a file.");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        HostTensor t = switch (extension) {
            case "npy" -> NpyReader.read(file);
            case "json" -> JsonTensorReader.read(file, request);
            case "csv", "tsv", "txt" -> CsvTensorReader.read(file, request);
            case "pb" -> DataValueConversions.toInput(request.name(), DataFiles.read(file));
            default -> throw new TensorFormatException("Cannot tell the format of " + file.getFileName()
                    + "; use a .npy, .json, .csv or .pb file.");
        };
        return fit(t, request, file.getFileName().toString());
    }

    /**
     * Values typed inline, as JSON ({@code [[35]]}, {@code [1, 2, 3]}) or a bare value ({@code 35},
     * {@code male}); the shape comes from the nesting and is fitted to the request like a file's.
     */
    public static HostTensor parse(String text, TensorRequest request) throws WorkbenchException {
        com.fasterxml.jackson.databind.JsonNode node;
        try {
            node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
            node = null;
        }
        if (node == null || node.isMissingNode() || node.isObject()) {
            node = com.fasterxml.jackson.databind.node.TextNode.valueOf(text.strip());
        }
        return fit(JsonTensorReader.fromNode(node, request, "The value for '" + request.name() + "'"), request,
                "The value for '" + request.name() + "'");
    }

    /** Converts the element type when needed and checks the shape against the request. */
    static HostTensor fit(HostTensor t, TensorRequest request, String where) throws WorkbenchException {
        HostTensor typed = convert(t, request, where);
        long[] shape = request.reconcile(typed.shape(), typed.elementCount(), where);
        if (java.util.Arrays.equals(shape, typed.shape())) {
            return typed;
        }
        return typed.isString() ? HostTensor.ofStrings(shape, typed.strings())
                : HostTensor.ofRaw(typed.elementType(), shape, typed.data());
    }

    private static HostTensor convert(HostTensor t, TensorRequest request, String where) throws WorkbenchException {
        ElementType target = request.elementType();
        if (target == null || t.elementType() == target) {
            return t;
        }
        if (t.isString() || target == ElementType.STRING) {
            throw new TensorFormatException(where + " holds " + t.elementType().displayName() + " values, but the "
                    + "input '" + request.name() + "' takes " + target.displayName() + ".");
        }
        int count = (int) t.elementCount();
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = t.getDouble(i);
        }
        return HostTensor.ofDoubles(target, t.shape(), values);
    }
}
