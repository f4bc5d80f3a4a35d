package dev.onnxworkbench.models.bench;

import dev.onnxworkbench.models.tensor.HostTensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Inputs the user chose instead of random ones: the prediction form's values or a backend-suite
 * {@code test_data_set_N} folder. Every provider runs on exactly these; there is no batch sweep.
 *
 * @param description what they are, for reports ("test_data_set_0", "values from the form")
 */
public record GivenInputs(String description, Map<String, HostTensor> tensors) {
    public GivenInputs {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }
}
