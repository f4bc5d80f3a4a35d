package dev.onnxworkbench.models.runtime.inputs;

import dev.onnxworkbench.models.HumanUnits;

import dev.onnxworkbench.models.graph.Dimension;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Collects what a user said about a model's inputs and resolves it into an {@link InputSet}. Messages use
 * the command line's words ({@code --shape}, {@code --dim}, {@code --input}, {@code --random}); a form can
 * catch {@link UnresolvedDimensionException} to point at its own size field instead.
 */
public final class InputSetBuilder {
    private final List<InputSpec> specs;
    private final Map<String, InputSpec> byName = new LinkedHashMap<>();
    private final Map<String, long[]> shapeRequests = new LinkedHashMap<>();
    private final Map<String, Long> dimRequests = new LinkedHashMap<>();
    private final Map<String, InputSource> sources = new LinkedHashMap<>();
    private Long randomSeed;
    private Long defaultBatch;
    private ValueRules rules = ValueRules.STRICT;

    InputSetBuilder(List<InputSpec> specs) {
        this.specs = List.copyOf(specs);
        specs.forEach(s -> byName.put(s.name(), s));
    }

    /** Sets a size parameter: a symbolic dimension's name wherever it is used, or {@code input[axis]}. */
    public InputSetBuilder dim(String parameter, long size) {
        dimRequests.put(parameter, size);
        return this;
    }

    /** All sizes at once, as a form's size fields hold them ({@link InputSpec#sizeParameters()}). */
    public InputSetBuilder dims(Map<String, Long> sizes) {
        sizes.forEach(this::dim);
        return this;
    }

    /** An input's whole shape; it fills the input's free dimensions and must match its fixed ones. */
    public InputSetBuilder shape(String input, long... shape) {
        shapeRequests.put(input, shape.clone());
        return this;
    }

    /** Where an input's values come from. */
    public InputSetBuilder source(String input, InputSource source) {
        sources.put(input, source);
        return this;
    }

    /** Random values from {@code seed} for every input that has no source; given ones are left alone. */
    public InputSetBuilder randomFill(long seed) {
        randomSeed = seed;
        return this;
    }

    /** What typed values may hold ({@link ValueRules#STRICT} unless the user allows non-finite floats). */
    public InputSetBuilder rules(ValueRules valueRules) {
        rules = valueRules;
        return this;
    }

    /** A size for the batch parameters ({@link InputSet#batchParameters()}) when nothing else sizes them. */
    public InputSetBuilder defaultBatch(long batch) {
        defaultBatch = batch;
        return this;
    }

    /**
     * Resolves every input's shape and source.
     *
     * @throws InvalidInputException a name the model does not have, an input with no values and no random
     *                               fill, sizes that contradict each other or the fixed dimensions, a tensor
     *                               too large to hold; {@link UnresolvedDimensionException} for a free
     *                               dimension without a size
     */
    public InputSet build() throws InvalidInputException {
        checkNames();
        Map<String, InputSource> resolvedSources = resolveSources();
        Map<String, Long> sizes = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        for (var e : shapeRequests.entrySet()) {
            constrain(byName.get(e.getKey()), e.getValue(), "--shape " + e.getKey(), sizes, origins);
        }
        for (var e : resolvedSources.entrySet()) {
            if (e.getValue() instanceof InputSource.Values v) {
                InputSpec spec = byName.get(e.getKey());
                checkType(spec, v);
                checkCategories(spec, v);
                constrain(spec, v.tensor().shape(), "the values " + v.description(), sizes, origins);
            }
        }
        for (var e : dimRequests.entrySet()) {
            if (e.getValue() < 0) {
                throw new InvalidInputException("--dim " + e.getKey() + "=" + e.getValue()
                        + ": a size must be 0 or more.");
            }
            agree(e.getKey(), e.getValue(), "--dim " + e.getKey() + "=" + e.getValue(), sizes, origins);
        }
        if (defaultBatch != null) {
            for (String p : InputSet.batchParameters(specs)) {
                sizes.putIfAbsent(p, defaultBatch);
            }
        }
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (InputSpec spec : specs) {
            long[] shape = concreteShape(spec, resolvedSources.get(spec.name()), sizes);
            checkSize(spec, shape);
            shapes.put(spec.name(), shape);
        }
        return new InputSet(specs, resolvedSources, shapes, sizes, rules);
    }

    private void checkNames() throws InvalidInputException {
        Set<String> named = new LinkedHashSet<>(shapeRequests.keySet());
        named.addAll(sources.keySet());
        for (String name : named) {
            if (!byName.containsKey(name)) {
                throw new InvalidInputException("The model has no input named '" + name + "'; its inputs are "
                        + String.join(", ", byName.keySet()) + ".");
            }
        }
        Set<String> parameters = new LinkedHashSet<>();
        specs.forEach(s -> parameters.addAll(s.sizeParameters()));
        for (String p : dimRequests.keySet()) {
            if (!parameters.contains(p)) {
                throw new InvalidInputException("The model has no free dimension named '" + p + "'; "
                        + (parameters.isEmpty() ? "all its input dimensions are fixed."
                        : "its free dimensions are " + String.join(", ", parameters) + "."));
            }
        }
        for (InputSpec spec : specs) {
            if (!spec.isTensor()) {
                throw new InvalidInputException("The input '" + spec.name() + "' is a " + spec.typeDescription()
                        + "; only tensors can be given to ONNX Runtime from Java.");
            }
        }
    }

    private Map<String, InputSource> resolveSources() throws InvalidInputException {
        Map<String, InputSource> result = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (InputSpec spec : specs) {
            InputSource source = sources.get(spec.name());
            if (source == null && randomSeed != null) {
                source = new InputSource.Random(randomSeed);
            }
            if (source == null) {
                missing.add(spec.name() + " (" + spec.typeDescription() + ")");
            } else {
                result.put(spec.name(), source);
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException("Give values for " + String.join(", ", missing)
                    + " with --input NAME=FILE|VALUE, or fill " + (missing.size() == 1 ? "it" : "them")
                    + " with --random SEED.");
        }
        return result;
    }

    private static void checkType(InputSpec spec, InputSource.Values v) throws InvalidInputException {
        if (spec.elementType() != ElementType.UNDEFINED && v.tensor().elementType() != spec.elementType()) {
            throw new InvalidInputException("The input '" + spec.name() + "' takes " + spec.elementType().displayName()
                    + " values, but " + v.description() + " are " + v.tensor().elementType().displayName() + ".");
        }
    }

    /** Strings from a file or a request must be categories the encoder knows, as typed ones must. */
    private static void checkCategories(InputSpec spec, InputSource.Values v) throws InvalidInputException {
        if (spec.categories().isEmpty() || v.tensor().elementType() != ElementType.STRING) {
            return;
        }
        String[] values = v.tensor().strings();
        for (int i = 0; i < values.length; i++) {
            ValueParser.category(spec.name(), spec.categories(), values[i], ValueParser.where(i, values.length));
        }
    }

    /** Records the sizes a whole shape gives the input's free dimensions, after checking rank and fixed sizes. */
    private static void constrain(InputSpec spec, long[] shape, String origin, Map<String, Long> sizes,
                                  Map<String, String> origins) throws InvalidInputException {
        for (long d : shape) {
            if (d < 0) {
                throw new InvalidInputException(origin + ": sizes must be 0 or more, not " + d + ".");
            }
        }
        if (!spec.shape().rankKnown()) {
            return;
        }
        if (shape.length != spec.shape().rank()) {
            throw new InvalidInputException(origin + " has " + shape.length + " dimension"
                    + (shape.length == 1 ? "" : "s") + " " + InputDescription.format(shape) + ", but "
                    + spec.name() + " has " + spec.shape().rank() + " (" + spec.typeDescription() + ").");
        }
        for (int axis = 0; axis < shape.length; axis++) {
            if (spec.shape().dims().get(axis) instanceof Dimension.Fixed f) {
                if (f.value() != shape[axis]) {
                    throw new InvalidInputException(origin + " gives dimension " + axis + " the size " + shape[axis]
                            + ", but " + spec.name() + " fixes it at " + f.value() + " (" + spec.typeDescription() + ").");
                }
            } else {
                agree(spec.sizeParameter(axis), shape[axis], origin, sizes, origins);
            }
        }
    }

    private static void agree(String parameter, long size, String origin, Map<String, Long> sizes,
                              Map<String, String> origins) throws InvalidInputException {
        Long known = sizes.get(parameter);
        if (known != null && known != size) {
            throw new InvalidInputException("The dimension " + parameter + " is " + known + " by "
                    + origins.get(parameter) + " but " + size + " by " + origin + "; give it one size.");
        }
        sizes.put(parameter, size);
        origins.putIfAbsent(parameter, origin);
    }

    private long[] concreteShape(InputSpec spec, InputSource source, Map<String, Long> sizes)
            throws InvalidInputException {
        if (!spec.shape().rankKnown()) {
            long[] requested = shapeRequests.get(spec.name());
            if (requested != null) {
                return requested.clone();
            }
            if (source instanceof InputSource.Values v) {
                return v.tensor().shape();
            }
            throw new UnresolvedDimensionException("The input " + spec.name() + " (" + spec.typeDescription()
                    + ") does not declare its rank; give its whole shape with --shape " + spec.name()
                    + "=D0,D1,… or its values with --input " + spec.name() + "=FILE.", spec.name(), -1, null);
        }
        long[] shape = new long[spec.shape().rank()];
        List<Integer> unresolved = new ArrayList<>();
        for (int axis = 0; axis < shape.length; axis++) {
            String parameter = spec.sizeParameter(axis);
            if (parameter == null) {
                shape[axis] = ((Dimension.Fixed) spec.shape().dims().get(axis)).value();
            } else if (sizes.containsKey(parameter)) {
                shape[axis] = sizes.get(parameter);
            } else {
                unresolved.add(axis);
            }
        }
        if (!unresolved.isEmpty()) {
            throw unresolved(spec, shape, unresolved);
        }
        if (source instanceof InputSource.Values v && !Arrays.equals(v.tensor().shape(), shape)) {
            throw new InvalidInputException("The values " + v.description() + " have shape "
                    + InputDescription.format(v.tensor().shape()) + ", but " + spec.name() + " runs with "
                    + InputDescription.format(shape) + ".");
        }
        return shape;
    }

    private static UnresolvedDimensionException unresolved(InputSpec spec, long[] partial, List<Integer> axes) {
        StringBuilder example = new StringBuilder();
        List<String> names = new ArrayList<>();
        List<String> dimFlags = new ArrayList<>();
        for (int axis = 0; axis < partial.length; axis++) {
            example.append(axis == 0 ? "" : ",");
            if (axes.contains(axis)) {
                example.append('D').append(axis);
                Dimension d = spec.shape().dims().get(axis);
                names.add(d instanceof Dimension.Symbolic s ? axis + " (" + s.name() + ")" : Integer.toString(axis));
                if (d instanceof Dimension.Symbolic s) {
                    dimFlags.add("--dim " + s.name() + "=SIZE");
                }
            } else {
                example.append(partial[axis]);
            }
        }
        String message = String.format(Locale.ROOT, "The input %s (%s) has no size for dimension%s %s; give %s"
                        + " with --shape %s=%s%s. Free dimensions are never guessed.",
                spec.name(), spec.typeDescription(), axes.size() == 1 ? "" : "s", String.join(", ", names),
                axes.size() == 1 ? "it" : "them", spec.name(), example,
                dimFlags.isEmpty() ? "" : " or " + String.join(" ", new LinkedHashSet<>(dimFlags)));
        int first = axes.getFirst();
        return new UnresolvedDimensionException(message, spec.name(), first, spec.sizeParameter(first));
    }

    static void checkSize(InputSpec spec, long[] shape) throws InvalidInputException {
        checkSize(spec.name(), spec.elementType(), shape);
    }

    /**
     * Refuses a tensor that cannot be held, with a sentence naming the input and the size:
     * "Input x float32[100000,100000,100000] needs 4.0e15 bytes (3.6 PiB); …".
     */
    static void checkSize(String input, ElementType type, long[] shape) throws InvalidInputException {
        double count = 1;
        for (long d : shape) {
            count *= d;
        }
        double bytes = count * (type == ElementType.STRING ? 8 : Math.max(type.bits(), 8) / 8.0);
        long limit = Math.min(TensorSizes.BUFFER_LIMIT, Runtime.getRuntime().maxMemory() / 2);
        if (bytes > limit) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "Input %s %s%s needs %s bytes (%s); one tensor can hold at most %s here, so choose smaller "
                            + "sizes with --shape or --dim.",
                    input, type.displayName(), InputDescription.format(shape),
                    String.format(Locale.ROOT, "%.1e", bytes).replaceAll("e\\+0*(\\d)", "e$1"),
                    bytes >= Long.MAX_VALUE ? "more than 8 EiB" : HumanUnits.bytes((long) bytes),
                    HumanUnits.bytes(limit)));
        }
    }
}
