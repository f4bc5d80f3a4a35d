package dev.onnxworkbench.models.onnx;

import com.google.protobuf.ByteString;
import dev.onnxworkbench.models.graph.TensorData;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Values of a string tensor ({@code string_data}), decoded as UTF-8 only when asked for. */
final class StringTensorData implements TensorData {
    private final List<ByteString> values;

    StringTensorData(List<ByteString> values) {
        this.values = List.copyOf(values);
    }

    @Override
    public ByteBuffer readRaw() {
        throw new UnsupportedOperationException("string tensors have no raw layout; use readStrings()");
    }

    @Override
    public List<String> readStrings() {
        List<String> result = new ArrayList<>(values.size());
        for (ByteString s : values) {
            result.add(s.toStringUtf8());
        }
        return List.copyOf(result);
    }

    @Override
    public String describeLocation() {
        return "inline string_data (" + values.size() + " strings)";
    }

    @Override
    public boolean isExternal() {
        return false;
    }
}
