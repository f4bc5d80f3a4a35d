package dev.onnxworkbench.models.runtime.inputs;

import dev.onnxworkbench.models.graph.AttributeValue;
import dev.onnxworkbench.models.graph.Dimension;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.graph.Graph;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.graph.Node;
import dev.onnxworkbench.models.graph.Shape;
import dev.onnxworkbench.models.graph.Tensor;
import dev.onnxworkbench.models.graph.ValueInfo;
import dev.onnxworkbench.models.graph.ValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Derives an {@link InputSpec} for every input a user must supply: the graph's inputs minus those that are
 * also initializers (IR &lt; 4 models list weights as inputs). The editor kind comes from the input's type and
 * shape and from what the graph does with it (a string fed into a category encoder is a dropdown).
 */
public final class InputSpecs {

    /** At most this many values get one field each; bigger tensors come from files. */
    public static final int MAX_GRID_VALUES = 64;
    /** Smallest height and width for an input to be treated as an image. */
    static final int MIN_IMAGE_SIDE = 8;

    /** Operators that only re-view their first input: look through them for the real consumer. */
    private static final Set<String> PASS_THROUGH = Set.of("Identity", "Reshape", "Squeeze", "Unsqueeze", "Flatten", "Cast");
    private static final Pattern SAMPLE_RATE_NAME =
            Pattern.compile("(?i).*(sample_?rate|sampling_?rate|samplerate)|sr|fs");

    private InputSpecs() {}

    /**
     * Specs for the model an open session runs, read from its file (for the doors that start from a session:
     * {@code serve}, {@code predict-batch}); empty when the session has no file or our reader refuses it.
     */
    public static List<InputSpec> of(dev.onnxworkbench.models.runtime.ModelSession session) {
        if (session.modelPath() == null) {
            return List.of();
        }
        try {
            return derive(new dev.onnxworkbench.models.onnx.OnnxReader().read(session.modelPath()));
        } catch (dev.onnxworkbench.models.WorkbenchException e) {
            return List.of(); // ONNX Runtime loaded it; our reader refusing it only loses the category checks
        }
    }

    /** Specs for the inputs of the model's main graph, in graph order. */
    public static List<InputSpec> derive(Model model) {
        return derive(model.graph(), model.metadata());
    }

    /** Specs for the inputs of a graph, using model metadata for field names. */
    public static List<InputSpec> derive(Graph graph, Map<String, String> metadata) {
        Set<String> initializers = new HashSet<>();
        for (Tensor t : graph.initializers()) {
            initializers.add(t.name());
        }
        Map<String, List<Node>> consumers = consumersByValue(graph);
        List<ValueInfo> userInputs = graph.inputs().stream().filter(v -> !initializers.contains(v.name())).toList();
        String sampleRateInput = userInputs.stream()
                .filter(v -> SAMPLE_RATE_NAME.matcher(v.name()).matches() && holdsOneValue(v.type()))
                .map(ValueInfo::name).findFirst().orElse(null);
        List<InputSpec> specs = new ArrayList<>();
        for (ValueInfo input : userInputs) {
            specs.add(specFor(input, consumers, metadata, sampleRateInput));
        }
        return specs;
    }

    private static InputSpec specFor(ValueInfo input, Map<String, List<Node>> consumers, Map<String, String> metadata,
                                     String sampleRateInput) {
        if (!(input.type() instanceof ValueType.TensorType tensor)) {
            return new InputSpec(input.name(), input.type(), ElementType.UNDEFINED, Shape.UNKNOWN_RANK,
                    EditorKind.TENSOR_FILE, List.of(), List.of(), null, null, input.docString());
        }
        ElementType element = tensor.elementType();
        Shape shape = tensor.shape();
        List<String> categories = categoriesOf(input.name(), element, consumers);
        if (!categories.isEmpty()) {
            return spec(input, tensor, EditorKind.CATEGORICAL, categories, List.of(), null, null);
        }
        Optional<ImageLayout> layout = imageLayout(element, shape);
        if (layout.isPresent()) {
            return spec(input, tensor, EditorKind.IMAGE, List.of(), List.of(), layout.get(), null);
        }
        if (sampleRateInput != null && !input.name().equals(sampleRateInput) && isSignal(element, shape)) {
            return spec(input, tensor, EditorKind.AUDIO, List.of(), List.of(), null, sampleRateInput);
        }
        long defaultCount = defaultElementCount(shape);
        if (defaultCount == 1) {
            return spec(input, tensor, EditorKind.SCALAR, List.of(), List.of(), null, null);
        }
        if (defaultCount > 1 && defaultCount <= MAX_GRID_VALUES && element != ElementType.UNDEFINED) {
            List<String> names = fieldNames(input.name(), shape, consumers, metadata);
            return spec(input, tensor, EditorKind.NUMERIC_GRID, List.of(), names, null, null);
        }
        return spec(input, tensor, EditorKind.TENSOR_FILE, List.of(), List.of(), null, null);
    }

    private static InputSpec spec(ValueInfo input, ValueType.TensorType tensor, EditorKind kind, List<String> categories,
                                  List<String> fieldNames, ImageLayout layout, String sampleRateInput) {
        return new InputSpec(input.name(), tensor, tensor.elementType(), tensor.shape(), kind, categories, fieldNames,
                layout, sampleRateInput, input.docString());
    }

    /** Element count with every symbolic or unknown dimension at its default size 1; -1 for unknown rank. */
    static long defaultElementCount(Shape shape) {
        if (!shape.rankKnown()) {
            return -1;
        }
        long n = 1;
        for (Dimension d : shape.dims()) {
            if (d instanceof Dimension.Fixed fixed) {
                if (fixed.value() < 0) {
                    return -1;
                }
                n = fixed.value() > Long.MAX_VALUE / Math.max(1, n) ? Long.MAX_VALUE : n * fixed.value();
            }
        }
        return n;
    }

    private static boolean holdsOneValue(ValueType type) {
        return type instanceof ValueType.TensorType t && defaultElementCount(t.shape()) == 1
                && t.elementType() != ElementType.STRING;
    }

    // ---- categories ----

    private static List<String> categoriesOf(String input, ElementType element, Map<String, List<Node>> consumers) {
        if (element != ElementType.STRING) {
            return List.of();
        }
        for (Node node : effectiveConsumers(input, consumers, 0)) {
            List<String> categories = switch (node.opType()) {
                case "OneHotEncoder", "CategoryMapper" -> strings(node, "cats_strings");
                case "LabelEncoder" -> firstNonEmpty(strings(node, "keys_strings"), strings(node, "classes_strings"));
                default -> List.of();
            };
            if (!categories.isEmpty()) {
                return categories;
            }
        }
        return List.of();
    }

    private static List<Node> effectiveConsumers(String value, Map<String, List<Node>> consumers, int depth) {
        List<Node> result = new ArrayList<>();
        for (Node node : consumers.getOrDefault(value, List.of())) {
            if (PASS_THROUGH.contains(node.opType()) && depth < 8 && !node.outputs().isEmpty()
                    && node.inputs().indexOf(value) == 0) {
                result.addAll(effectiveConsumers(node.outputs().getFirst(), consumers, depth + 1));
            } else {
                result.add(node);
            }
        }
        return result;
    }

    private static List<String> strings(Node node, String attribute) {
        return node.attribute(attribute)
                .map(a -> a.value() instanceof AttributeValue.Strings s ? s.values() : List.<String>of())
                .orElse(List.of());
    }

    private static List<String> firstNonEmpty(List<String> a, List<String> b) {
        return a.isEmpty() ? b : a;
    }

    // ---- images and signals ----

    private static Optional<ImageLayout> imageLayout(ElementType element, Shape shape) {
        if (shape.rank() != 4 || !(element == ElementType.FLOAT || element == ElementType.UINT8
                || element == ElementType.FLOAT16 || element == ElementType.DOUBLE)) {
            return Optional.empty();
        }
        List<Dimension> d = shape.dims();
        if (isChannelAxis(d.get(1)) && isImageSide(d.get(2)) && isImageSide(d.get(3))) {
            return Optional.of(ImageLayout.NCHW);
        }
        if (isChannelAxis(d.get(3)) && isImageSide(d.get(1)) && isImageSide(d.get(2))) {
            return Optional.of(ImageLayout.NHWC);
        }
        return Optional.empty();
    }

    private static boolean isChannelAxis(Dimension d) {
        return d instanceof Dimension.Fixed f && (f.value() == 3 || f.value() == 1);
    }

    private static boolean isImageSide(Dimension d) {
        return !(d instanceof Dimension.Fixed f) || f.value() >= MIN_IMAGE_SIDE;
    }

    /** A 1-D float signal, optionally with a leading batch axis of one: {@code [T]}, {@code [1,T]}, {@code [N,T]}. */
    private static boolean isSignal(ElementType element, Shape shape) {
        if (!(element == ElementType.FLOAT || element == ElementType.DOUBLE || element == ElementType.FLOAT16)) {
            return false;
        }
        if (shape.rank() == 1) {
            return true;
        }
        return shape.rank() == 2 && !(shape.dims().get(0) instanceof Dimension.Fixed f && f.value() != 1);
    }

    // ---- field names ----

    private static List<String> fieldNames(String input, Shape shape, Map<String, List<Node>> consumers,
                                           Map<String, String> metadata) {
        if (!(shape.dims().getLast() instanceof Dimension.Fixed last)) {
            return List.of();
        }
        int width = (int) last.value();
        for (String key : List.of(input + ".feature_names", "feature_names." + input, "feature_names")) {
            List<String> names = NameList.parse(metadata.get(key));
            if (names.size() == width) {
                return names;
            }
        }
        for (Node node : effectiveConsumers(input, consumers, 0)) {
            if (node.opType().equals("Split") && node.outputs().size() == width && splitsLastAxis(node, shape.rank())) {
                return node.outputs();
            }
        }
        return List.of();
    }

    private static boolean splitsLastAxis(Node split, int rank) {
        long axis = split.attribute("axis")
                .map(a -> a.value() instanceof AttributeValue.IntValue i ? i.value() : 0L).orElse(0L);
        return axis == rank - 1 || axis == -1;
    }

    private static Map<String, List<Node>> consumersByValue(Graph graph) {
        Map<String, List<Node>> consumers = new HashMap<>();
        for (Node node : graph.nodes()) {
            for (String in : node.inputs()) {
                if (!in.isEmpty()) {
                    consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(node);
                }
            }
        }
        return consumers;
    }
}
