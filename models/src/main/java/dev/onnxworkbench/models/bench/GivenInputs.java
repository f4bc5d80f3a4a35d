package dev.onnxworkbench.models.bench;

import dev.onnxworkbench.models.tensor.HostTensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Values without an {@link dev.onnxworkbench.models.runtime.inputs.InputSet} around them (the prediction form's
 * values or a {@code test_data_set_N} folder, as Compare passes them today). The benchmark turns them into an
 * input set whose shapes are the values' shapes; prefer {@link BenchmarkConfig#withInputs(
 * dev.onnxworkbench.models.runtime.inputs.InputSet)}.
 *
 * @param description what they are, for reports ("test_data_set_0", "values from the form")
 */
public record GivenInputs(String description, Map<String, HostTensor> tensors) {
    public GivenInputs {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }
}
