package dev.onnxworkbench.models.rewrite;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.runtime.OrtValues;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Splits input values into those ONNX Runtime's Java API can create and those it cannot (uint16/32/64 and
 * other types without a Java carrier); the latter become constants of a derived model.
 */
public final class UnpassableInputs {
    private UnpassableInputs() {
    }

    /** True when at least one value cannot be passed as an input tensor. */
    public static boolean any(Map<String, HostTensor> values) {
        return values.values().stream().anyMatch(v -> !OrtValues.canCreate(v.elementType()));
    }

    /** Replaces the unpassable values' inputs by constants; returns the values still to feed. */
    public static Map<String, HostTensor> asConstants(ModelRewriter rewriter, Map<String, HostTensor> values)
            throws WorkbenchException {
        Map<String, HostTensor> feeds = new LinkedHashMap<>();
        for (Map.Entry<String, HostTensor> e : values.entrySet()) {
            if (OrtValues.canCreate(e.getValue().elementType())) {
                feeds.put(e.getKey(), e.getValue());
            } else {
                rewriter.inputAsConstant(e.getKey(), e.getValue());
            }
        }
        return feeds;
    }
}
