package dev.onnxworkbench.models.runtime;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.graph.Graph;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.rewrite.DerivedModel;
import dev.onnxworkbench.models.rewrite.ModelRewriter;
import dev.onnxworkbench.models.rewrite.RewriteException;
import dev.onnxworkbench.models.tensor.Comparison;
import dev.onnxworkbench.models.tensor.DataValue;
import dev.onnxworkbench.models.tensor.DataValueConversions;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.OutputValue;
import dev.onnxworkbench.models.tensor.TensorFormatException;
import dev.onnxworkbench.models.tensor.TestDataSet;
import dev.onnxworkbench.models.tensor.Tolerance;
import dev.onnxworkbench.models.tensor.UnsupportedValueException;
import dev.onnxworkbench.models.tensor.ValueComparator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs ONNX test cases (a folder with {@code model.onnx} and {@code test_data_set_N/} folders of
 * {@code input_M.pb}/{@code output_M.pb}) and compares the outputs like the ONNX backend suite.
 * One session per case, closed before returning.
 */
public final class Verifier {
    private final SessionFactory factory;
    private final ProviderSettings settings;
    private final ValueComparator comparator;

    public Verifier(SessionFactory factory, ProviderSettings settings, Tolerance tolerance) {
        this.factory = factory;
        this.settings = settings;
        this.comparator = new ValueComparator(tolerance);
    }

    /** The data set folders of a test case, in numeric order. */
    public static List<Path> dataSets(Path caseDir) throws WorkbenchException {
        try (Stream<Path> files = Files.list(caseDir)) {
            return files.filter(p -> Files.isDirectory(p) && p.getFileName().toString().startsWith("test_data_set_"))
                    .sorted((a, b) -> Integer.compare(index(a), index(b))).toList();
        } catch (IOException e) {
            throw new WorkbenchException("Could not list " + caseDir + ": " + e.getMessage(), e);
        }
    }

    private static int index(Path dataSet) {
        String digits = dataSet.getFileName().toString().substring("test_data_set_".length());
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** Verifies every data set of the case folder; one result each (or one error result when the case is unreadable). */
    public List<VerifyResult> verifyCase(Path caseDir) {
        Path model = caseDir.resolve("model.onnx");
        List<Path> sets;
        try {
            if (!Files.isRegularFile(model)) {
                return List.of(error(caseDir, "", caseDir + " has no model.onnx; verify needs a folder with "
                        + "model.onnx and test_data_set_N folders."));
            }
            sets = dataSets(caseDir);
            if (sets.isEmpty()) {
                return List.of(error(caseDir, "", caseDir + " has no test_data_set_N folders."));
            }
        } catch (WorkbenchException e) {
            return List.of(error(caseDir, "", e.getMessage()));
        }
        Graph graph;
        try {
            graph = new OnnxReader().read(model).graph();
        } catch (WorkbenchException e) {
            return all(caseDir, sets, VerifyResult.Status.ERROR, e.getMessage());
        }
        List<String> unpassable = unpassableInputs(graph);
        if (!unpassable.isEmpty()) {
            return verifyWithConstants(caseDir, model, graph, sets, unpassable);
        }
        try (ModelSession session = factory.open(model, settings)) {
            List<VerifyResult> results = new ArrayList<>();
            for (Path set : sets) {
                results.add(verifyDataSet(session, graph, set));
            }
            return results;
        } catch (ModelLoadException e) {
            // The reader accepted the model, so ONNX Runtime refusing it means it cannot load an op or type here
            // (no kernel, a training-only op, a missing locale for StringNormalizer...): keep its reason.
            return all(caseDir, sets, VerifyResult.Status.UNSUPPORTED, e.getMessage());
        } catch (WorkbenchException e) {
            return all(caseDir, sets, VerifyResult.Status.ERROR, e.getMessage());
        } catch (RuntimeException e) {
            return all(caseDir, sets, VerifyResult.Status.ERROR, "internal error: " + e);
        }
    }

    /**
     * Graph inputs ONNX Runtime's Java API cannot pass: tensors of types it cannot create (uint16/32/64, …),
     * sequences, optionals and maps. Inputs with an initializer (a default) are left out.
     */
    static List<String> unpassableInputs(Graph graph) {
        java.util.Set<String> initialized = new java.util.HashSet<>();
        graph.initializers().forEach(t -> initialized.add(t.name()));
        List<String> names = new ArrayList<>();
        for (var input : graph.inputs()) {
            if (initialized.contains(input.name())) {
                continue;
            }
            boolean cannot = switch (input.type()) {
                case dev.onnxworkbench.models.graph.ValueType.TensorType t -> !OrtValues.canCreate(t.elementType());
                case dev.onnxworkbench.models.graph.ValueType.SequenceType q -> true;
                case dev.onnxworkbench.models.graph.ValueType.OptionalType o -> true;
                case dev.onnxworkbench.models.graph.ValueType.MapType m -> true;
                default -> false;
            };
            if (cannot) {
                names.add(input.name());
            }
        }
        return names;
    }

    /**
     * Verifies each data set on a copy of the model whose unpassable inputs hold that data set's values as
     * constants ({@link ModelRewriter#inputAsConstant}); the other inputs are fed as usual.
     */
    private List<VerifyResult> verifyWithConstants(Path caseDir, Path model, Graph graph, List<Path> sets,
                                                   List<String> unpassable) {
        List<VerifyResult> results = new ArrayList<>();
        for (Path set : sets) {
            String name = set.getFileName().toString();
            try {
                TestDataSet data = TestDataSet.load(set, graph);
                ModelRewriter rewriter = ModelRewriter.open(model);
                for (String input : unpassable) {
                    DataValue value = data.inputs().get(input);
                    if (value != null) {
                        rewriter.inputAsConstant(input, value);
                    }
                }
                try (DerivedModel derived = rewriter.write(); ModelSession session = factory.open(derived.path(), settings)) {
                    results.add(verifyDataSet(session, graph, set));
                }
            } catch (ModelLoadException | RewriteException e) {
                results.add(new VerifyResult(caseDir, name, VerifyResult.Status.UNSUPPORTED, List.of(), e.getMessage()));
            } catch (WorkbenchException e) {
                results.add(error(caseDir, name, e.getMessage()));
            } catch (RuntimeException e) {
                results.add(error(caseDir, name, "internal error: " + e));
            }
        }
        return results;
    }

    /** A test data set's values ready for a session: inputs to feed and the outputs to expect. */
    public record TestValues(Map<String, HostTensor> inputs, Map<String, OutputValue> expected) {
    }

    /**
     * Reads a {@code test_data_set_N} folder for an open session of its model ({@code graph} is that model's
     * graph): inputs the session takes, converted to the declared types, and the expected outputs.
     */
    public static TestValues load(ModelSession session, Graph graph, Path dataSetDir) throws WorkbenchException {
        TestDataSet data = TestDataSet.load(dataSetDir, graph);
        Map<String, HostTensor> feeds = new LinkedHashMap<>();
        for (ValueDescriptor input : session.inputs()) {
            DataValue value = data.inputs().get(input.name());
            if (value != null) {
                feeds.put(input.name(), asDeclared(DataValueConversions.toInput(input.name(), value),
                        input.elementType()));
            }
        }
        Map<String, OutputValue> expected = new LinkedHashMap<>();
        for (Map.Entry<String, DataValue> e : data.expectedOutputs().entrySet()) {
            expected.put(e.getKey(), DataValueConversions.toExpected(e.getKey(), e.getValue()));
        }
        return new TestValues(feeds, expected);
    }

    /** Compares a run's outputs with the expected ones (bfloat16 test values stored as uint16 read as bfloat16). */
    public List<Comparison> compare(Map<String, OutputValue> expected, PredictionResult result)
            throws WorkbenchException {
        Map<String, OutputValue> typed = new LinkedHashMap<>(expected);
        for (Map.Entry<String, OutputValue> e : typed.entrySet()) {
            if (e.getValue() instanceof OutputValue.TensorValue t
                    && result.outputs().get(e.getKey()) instanceof OutputValue.TensorValue actual) {
                e.setValue(new OutputValue.TensorValue(asDeclared(t.tensor(), actual.tensor().elementType())));
            }
        }
        return comparator.compareAll(typed, result.outputs());
    }

    /** Runs one data set folder on an open session of its model ({@code graph} is that model's graph). */
    public VerifyResult verifyDataSet(ModelSession session, Graph graph, Path dataSetDir) {
        Path caseDir = dataSetDir.toAbsolutePath().getParent();
        String name = dataSetDir.getFileName().toString();
        try {
            TestValues values = load(session, graph, dataSetDir);
            PredictionResult result;
            try {
                result = session.run(values.inputs());
            } catch (InferenceException e) {
                return new VerifyResult(caseDir, name, e.isUnsupported() || unsupportedRun(e.getMessage())
                        ? VerifyResult.Status.UNSUPPORTED : VerifyResult.Status.FAILED, List.of(), e.getMessage());
            }
            List<Comparison> comparisons = compare(values.expected(), result);
            List<String> problems = comparisons.stream().filter(c -> !c.pass()).map(Comparison::message).toList();
            return new VerifyResult(caseDir, name, problems.isEmpty() ? VerifyResult.Status.PASSED
                    : VerifyResult.Status.FAILED, comparisons, String.join("; ", problems));
        } catch (UnsupportedValueException e) {
            return new VerifyResult(caseDir, name, VerifyResult.Status.UNSUPPORTED, List.of(), e.getMessage());
        } catch (TensorFormatException e) {
            boolean unsupportedType = e.getMessage().contains("cannot pass");
            return new VerifyResult(caseDir, name, unsupportedType ? VerifyResult.Status.UNSUPPORTED
                    : VerifyResult.Status.ERROR, List.of(), e.getMessage());
        } catch (WorkbenchException e) {
            return error(caseDir, name, e.getMessage());
        } catch (RuntimeException e) {
            return error(caseDir, name, "internal error: " + e);
        }
    }

    static boolean unsupportedRun(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("not implemented") || m.contains("not supported") || m.contains("unsupported");
    }

    /** ONNX ≤ 1.13 test data hold bfloat16 values in uint16 tensors; read them as the model declares. */
    private static HostTensor asDeclared(HostTensor value, ElementType declared) throws WorkbenchException {
        if (declared == ElementType.BFLOAT16 && value.elementType() == ElementType.UINT16) {
            return value.reinterpret(ElementType.BFLOAT16);
        }
        return value;
    }

    private static List<VerifyResult> all(Path caseDir, List<Path> sets, VerifyResult.Status status, String message) {
        return sets.stream().map(s -> new VerifyResult(caseDir, s.getFileName().toString(), status, List.of(),
                message)).toList();
    }

    private static VerifyResult error(Path caseDir, String dataSet, String message) {
        return new VerifyResult(caseDir, dataSet, VerifyResult.Status.ERROR, List.of(), message);
    }
}
