package dev.onnxworkbench.app.predict;

import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** One output of a run as the outputs view shows it: named, and already copied out of ONNX Runtime. */
sealed interface OutputValue {

    String name();

    /** A dense tensor. */
    record TensorOutput(String name, HostTensor tensor) implements OutputValue {

        ElementType elementType() {
            return tensor.elementType();
        }

        long[] shape() {
            return tensor.shape();
        }

        long count() {
            return tensor.elementCount();
        }

        boolean isNumeric() {
            return !tensor.isString();
        }

        String[] strings() {
            return tensor.isString() ? tensor.strings() : null;
        }

        /** Element {@code index} as a double (bool as 0/1). Not for strings. */
        double get(long index) {
            return tensor.getDouble(index);
        }

        /** Element {@code index} as a person reads it. */
        String format(long index) {
            return tensor.isString() || !elementType().isFloatingPoint() ? tensor.format(index)
                    : NumberText.format(tensor.getDouble(index));
        }

        String typeDescription() {
            return elementType().displayName() + Arrays.toString(shape()).replace(" ", "");
        }
    }

    /** ONNX-ML ZipMap output: one label → probability map per batch row. */
    record MapsOutput(String name, List<Map<String, Double>> rows) implements OutputValue {
        public MapsOutput {
            rows = List.copyOf(rows);
        }
    }

    /** A value this view cannot show in detail (a sequence of tensors, a lone map). */
    record OtherOutput(String name, String description) implements OutputValue {}
}
