package dev.onnxworkbench.models.runtime.inputs;

import dev.onnxworkbench.models.graph.Dimension;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.graph.Shape;
import dev.onnxworkbench.models.graph.ValueType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a prediction form needs to know about one model input.
 *
 * @param name            the graph input name
 * @param type            the declared type (tensor, sequence, map, ...)
 * @param elementType     the tensor element type, or {@link ElementType#UNDEFINED} for non-tensors
 * @param shape           the declared shape; {@link Shape#UNKNOWN_RANK} when not stated or not a tensor
 * @param editorKind      the editor to show
 * @param categories      for {@link EditorKind#CATEGORICAL}: the values the encoder knows, in its order
 * @param fieldNames      for {@link EditorKind#NUMERIC_GRID}: one name per value along the last axis, or empty
 * @param imageLayout     for {@link EditorKind#IMAGE}: the channel position; null otherwise
 * @param sampleRateInput for {@link EditorKind#AUDIO}: the companion input that takes the sample rate; null otherwise
 * @param docString       the input's documentation from the file
 */
public record InputSpec(
        String name,
        ValueType type,
        ElementType elementType,
        Shape shape,
        EditorKind editorKind,
        List<String> categories,
        List<String> fieldNames,
        ImageLayout imageLayout,
        String sampleRateInput,
        String docString) {

    public InputSpec {
        categories = List.copyOf(categories);
        fieldNames = List.copyOf(fieldNames);
        docString = docString == null ? "" : docString;
    }

    /** True for a plain tensor input whose values a form can build. */
    public boolean isTensor() {
        return type instanceof ValueType.TensorType;
    }

    /** Names of the symbolic (and unnamed unknown) dimensions a user chooses a size for, in shape order, each once. */
    public List<String> sizeParameters() {
        if (!shape.rankKnown()) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        for (int axis = 0; axis < shape.rank(); axis++) {
            String parameter = sizeParameter(axis);
            if (parameter != null) {
                names.add(parameter);
            }
        }
        return new ArrayList<>(names);
    }

    /**
     * The size parameter that decides an axis, or null when the axis is fixed. Symbolic dimensions share a
     * parameter across inputs by their name (two inputs with {@code batch} get the same size); unknown
     * dimensions get a parameter private to this input and axis.
     */
    public String sizeParameter(int axis) {
        Dimension d = shape.dims().get(axis);
        return switch (d) {
            case Dimension.Fixed fixed -> null;
            case Dimension.Symbolic symbolic -> symbolic.name();
            case Dimension.Unknown unknown -> name + "[" + axis + "]";
        };
    }

    /**
     * The concrete shape for the chosen sizes; a parameter missing from {@code sizes} counts as 1.
     * Only for tensors of known rank.
     */
    public long[] concreteShape(Map<String, Long> sizes) {
        if (!shape.rankKnown()) {
            throw new IllegalStateException(name + " has no known rank");
        }
        long[] result = new long[shape.rank()];
        for (int axis = 0; axis < result.length; axis++) {
            Dimension d = shape.dims().get(axis);
            if (d instanceof Dimension.Fixed fixed) {
                result[axis] = fixed.value();
            } else {
                result[axis] = sizes.getOrDefault(sizeParameter(axis), 1L);
            }
        }
        return result;
    }

    /** Type and shape as a person reads them: {@code float32[N,1]}. */
    public String typeDescription() {
        return type.toString();
    }
}
