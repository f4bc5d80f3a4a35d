package dev.onnxworkbench.models.runtime.inputs;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.Graph;
import dev.onnxworkbench.models.tensor.DataValue;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.OutputValue;
import dev.onnxworkbench.models.tensor.TestDataSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code test_data_set_N} folder made ready for a form: its inputs as tensors to put into the form and
 * its expected outputs as values to compare a run with. Blocking I/O: call off the FX thread.
 *
 * @param inputs   tensor inputs by graph input name
 * @param expected expected outputs by graph output name, in the runtime's output form
 * @param skipped  values the form cannot take (sequences, maps, optionals as inputs), with why
 */
public record TestDataInputs(Path directory, Map<String, HostTensor> inputs, Map<String, OutputValue> expected,
                             List<String> skipped) {

    public TestDataInputs {
        inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        expected = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(expected));
        skipped = List.copyOf(skipped);
    }

    public static TestDataInputs load(Path directory, Graph graph) throws WorkbenchException {
        TestDataSet set = TestDataSet.load(directory, graph);
        Map<String, HostTensor> inputs = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        for (Map.Entry<String, DataValue> e : set.inputs().entrySet()) {
            if (e.getValue() instanceof DataValue.TensorValue t) {
                inputs.put(e.getKey(), HostTensor.fromTensor(t.tensor()));
            } else {
                skipped.add(e.getKey() + " (type " + e.getValue().type() + " cannot be passed from Java)");
            }
        }
        Map<String, OutputValue> expected = new LinkedHashMap<>();
        for (Map.Entry<String, DataValue> e : set.expectedOutputs().entrySet()) {
            OutputValue value = toOutput(e.getValue());
            if (value != null) {
                expected.put(e.getKey(), value);
            } else {
                skipped.add(e.getKey() + " (expected values of type " + e.getValue().type() + " are not compared)");
            }
        }
        return new TestDataInputs(directory, inputs, expected, skipped);
    }

    /** The runtime's form of an expected value, or null for kinds a run's output never takes here. */
    static OutputValue toOutput(DataValue value) throws WorkbenchException {
        return switch (value) {
            case DataValue.TensorValue t -> new OutputValue.TensorValue(HostTensor.fromTensor(t.tensor()));
            case DataValue.SequenceValue s -> {
                List<OutputValue> elements = new ArrayList<>();
                for (DataValue element : s.elements()) {
                    OutputValue converted = toOutput(element);
                    if (converted == null) {
                        yield null;
                    }
                    elements.add(converted);
                }
                yield new OutputValue.SequenceValue(elements);
            }
            case DataValue.OptionalValue o when o.value().isPresent() -> toOutput(o.value().get());
            default -> null;
        };
    }
}
