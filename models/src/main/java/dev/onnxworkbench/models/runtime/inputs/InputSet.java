package dev.onnxworkbench.models.runtime.inputs;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.Dimension;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one description of what a model runs on, shared by Predict, Compare, {@code run}, {@code bench} and
 * every later verb: for each model input its concrete shape and where its values come from
 * ({@link InputSource}: typed values, a file, a test-data set, an editor, random with a seed).
 *
 * <p><b>Sizes.</b> Free dimensions are resolved through size parameters ({@link InputSpec#sizeParameter}):
 * a symbolic dimension is one parameter by name across all inputs (two inputs sharing {@code batch} get the
 * same size); an unnamed {@code ?} is private to its input and axis ({@code input[0]}). Sizes come from an
 * input's whole shape ({@code --shape}), from values that already have a shape (a file), and from named sizes
 * ({@code --dim}); when two of them give one parameter different sizes the set is refused. <b>A free dimension
 * nobody sized is never silently 1</b>: {@link InputSetBuilder#build()} throws
 * {@link UnresolvedDimensionException} naming the input, the dimension and the flags that set it.
 *
 * <p><b>Batch.</b> The batch parameters are those of axis 0 of every input whose axis 0 is free;
 * {@link #withBatch} makes the same set with only those sizes changed (random values are drawn again,
 * given values with a batch of one are repeated).
 *
 * <p>Immutable and cheap: values are made by {@link #values()} (random draws, typed text parsed) each call.
 * Build one with {@link #builder(List)}.
 */
public final class InputSet {
    private final List<InputSpec> specs;
    private final Map<String, InputSource> sources;
    private final Map<String, long[]> shapes;
    private final Map<String, Long> sizes;
    private final Set<String> batchParameters;
    private final ValueRules rules;

    InputSet(List<InputSpec> specs, Map<String, InputSource> sources, Map<String, long[]> shapes,
             Map<String, Long> sizes, ValueRules rules) {
        this.rules = rules;
        this.specs = List.copyOf(specs);
        this.sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        Map<String, long[]> copied = new LinkedHashMap<>();
        shapes.forEach((k, v) -> copied.put(k, v.clone()));
        this.shapes = Collections.unmodifiableMap(copied);
        this.sizes = Collections.unmodifiableMap(new LinkedHashMap<>(sizes));
        this.batchParameters = batchParameters(this.specs);
    }

    /** A builder for the inputs a user must supply ({@link InputSpecs#derive}). */
    public static InputSetBuilder builder(List<InputSpec> specs) {
        return new InputSetBuilder(specs);
    }

    /** A builder for a model's inputs. */
    public static InputSetBuilder builder(Model model) {
        return new InputSetBuilder(InputSpecs.derive(model));
    }

    /** The inputs, in model order. */
    public List<InputSpec> specs() {
        return specs;
    }

    public List<String> names() {
        return specs.stream().map(InputSpec::name).toList();
    }

    /** What typed values may hold (non-finite floats or not); the same for every run of this set. */
    public ValueRules rules() {
        return rules;
    }

    /** The concrete shape the input runs with. */
    public long[] shape(String input) {
        long[] s = shapes.get(input);
        if (s == null) {
            throw new IllegalArgumentException("no input " + input);
        }
        return s.clone();
    }

    public InputSource source(String input) {
        InputSource s = sources.get(input);
        if (s == null) {
            throw new IllegalArgumentException("no input " + input);
        }
        return s;
    }

    /** The size of every size parameter the model's inputs use (symbolic names and {@code input[axis]}). */
    public Map<String, Long> sizes() {
        return sizes;
    }

    /**
     * The values, as {@code ModelSession.run} takes them. Given values are returned as they are; typed
     * text is parsed and random values drawn now (the same every call). Blocking: call off the FX thread.
     */
    public Map<String, HostTensor> values() throws WorkbenchException {
        Map<String, HostTensor> values = new LinkedHashMap<>();
        for (InputSpec spec : specs) {
            values.put(spec.name(), value(spec));
        }
        return values;
    }

    private HostTensor value(InputSpec spec) throws WorkbenchException {
        long[] shape = shapes.get(spec.name());
        return switch (sources.get(spec.name())) {
            case InputSource.Values v -> v.tensor();
            case InputSource.Typed t -> ValueParser.parse(spec, t.text(), shape, rules);
            case InputSource.Random r -> RandomInputs.fill(specs, spec, shape, r.seed());
        };
    }

    /** Name, type, shape and source of every input, for headers, tables and JSON. */
    public List<InputDescription> describe() {
        List<InputDescription> result = new ArrayList<>();
        for (InputSpec spec : specs) {
            result.add(new InputDescription(spec.name(), spec.elementType().displayName(), shapes.get(spec.name()),
                    sources.get(spec.name()).description()));
        }
        return result;
    }

    /** All inputs on one line: {@code x float32[1,3,640,640] from street.png; sr int64[] typed: 16000}. */
    public String summary() {
        return describe().stream().map(InputDescription::toString).collect(Collectors.joining("; "));
    }

    /** The size parameters that make up the batch dimension (axis 0 of inputs whose axis 0 is free). */
    public Set<String> batchParameters() {
        return batchParameters;
    }

    /** The current batch size, or empty when no input has a free first dimension. */
    public OptionalLong batch() {
        return batchParameters.isEmpty() ? OptionalLong.empty()
                : OptionalLong.of(sizes.get(batchParameters.iterator().next()));
    }

    /**
     * The same set with batch size {@code batch}: only the batch parameters change. Random values are drawn
     * at the new shape; given or typed values with a batch of one are repeated {@code batch} times.
     *
     * @throws InvalidInputException when the model has no free batch dimension, or given values have a batch
     *                               other than one and {@code batch} differs from it
     */
    public InputSet withBatch(long batch) throws WorkbenchException {
        if (batchParameters.isEmpty()) {
            throw new InvalidInputException("The model has no free batch dimension (no input's first dimension is "
                    + "symbolic or unknown), so only its own batch size can run.");
        }
        if (batch < 1) {
            throw new InvalidInputException("A batch size must be 1 or more, not " + batch + ".");
        }
        if (batch().orElseThrow() == batch) {
            return this;
        }
        Map<String, Long> newSizes = new LinkedHashMap<>(sizes);
        batchParameters.forEach(p -> newSizes.put(p, batch));
        Map<String, long[]> newShapes = new LinkedHashMap<>();
        Map<String, InputSource> newSources = new LinkedHashMap<>();
        for (InputSpec spec : specs) {
            long[] shape = shapes.get(spec.name()).clone();
            List<Integer> axes = new ArrayList<>();
            for (int axis = 0; spec.shape().rankKnown() && axis < shape.length; axis++) {
                if (batchParameters.contains(spec.sizeParameter(axis))) {
                    axes.add(axis);
                    shape[axis] = batch;
                }
            }
            InputSource source = sources.get(spec.name());
            if (!axes.isEmpty() && !(source instanceof InputSource.Random)) {
                HostTensor given = value(spec);
                for (int axis : axes) {
                    given = BatchRepeat.repeat(spec.name(), source.description(), given, axis, batch);
                }
                source = new InputSource.Values(given, source.description() + ", repeated ×" + batch);
            }
            InputSetBuilder.checkSize(spec, shape);
            newShapes.put(spec.name(), shape);
            newSources.put(spec.name(), source);
        }
        return new InputSet(specs, newSources, newShapes, newSizes, rules);
    }

    /** The same shapes with every input's values drawn at random from {@code seed} (Compare's "random values"). */
    public InputSet withRandomValues(long seed) {
        Map<String, InputSource> random = new LinkedHashMap<>();
        specs.forEach(s -> random.put(s.name(), new InputSource.Random(seed)));
        return new InputSet(specs, random, shapes, sizes, rules);
    }

    static Set<String> batchParameters(List<InputSpec> specs) {
        Set<String> result = new LinkedHashSet<>();
        for (InputSpec spec : specs) {
            if (spec.shape().rankKnown() && spec.shape().rank() > 0
                    && !(spec.shape().dims().getFirst() instanceof Dimension.Fixed)) {
                result.add(spec.sizeParameter(0));
            }
        }
        return Collections.unmodifiableSet(result);
    }

    @Override
    public String toString() {
        return summary();
    }
}
