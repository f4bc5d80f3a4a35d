package dev.onnxworkbench.models.precision;

import static dev.onnxworkbench.models.testing.Protos.intAttr;
import static dev.onnxworkbench.models.testing.Protos.node;
import static dev.onnxworkbench.models.testing.Protos.tensorValue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.models.onnx.MappedModelProto;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import dev.onnxworkbench.models.testing.Protos;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Constant folding of the weight chains exporters write, checked element by element against w[r][c] = 10r + c. */
class ConstantValuesTest {
    @TempDir
    Path dir;

    @Test
    void foldsReshapeSqueezeSteppedSliceAndConcatButNotActivations() throws Exception {
        float[] w = new float[24];
        for (int i = 0; i < 24; i++) {
            w[i] = 10 * (i / 6) + i % 6;
        }
        GraphProto.Builder g = GraphProto.newBuilder().setName("chains")
                .addInput(tensorValue("x", TensorProto.DataType.FLOAT_VALUE, 4L, 6L))
                .addInitializer(Protos.rawTensor("w", TensorProto.DataType.FLOAT_VALUE, PrecisionModels.floats(w), 4, 6))
                .addInitializer(Protos.int64s("shape", new long[] {-1, 3}, 2))
                .addInitializer(Protos.int64s("zero", new long[] {0}, 1))
                .addInitializer(Protos.int64s("start", new long[] {-5}, 1))
                .addInitializer(Protos.int64s("end", new long[] {100}, 1))
                .addInitializer(Protos.int64s("one", new long[] {1}, 1))
                .addInitializer(Protos.int64s("two", new long[] {2}, 1))
                .addOutput(tensorValue("y", TensorProto.DataType.FLOAT_VALUE));
        g.addNode(node("Reshape", "reshape", List.of("w", "shape"), List.of("r")));
        g.addNode(node("Unsqueeze", "unsqueeze", List.of("w", "zero"), List.of("u")));
        g.addNode(node("Squeeze", "squeeze", List.of("u", "zero"), List.of("s")));
        g.addNode(node("Slice", "slice", List.of("w", "start", "end", "one", "two"), List.of("sl")));
        g.addNode(node("Concat", "concat", List.of("sl", "sl"), List.of("c")).addAttribute(intAttr("axis", 1)));
        g.addNode(node("Add", "add", List.of("x", "c"), List.of("y")));
        Path file = Protos.write(Protos.model(g.build(), 13).build(), dir.resolve("chains.onnx"));
        MappedModelProto mapped = MappedModelProto.read(file);
        Map<String, TensorProto> inits = new HashMap<>();
        mapped.proto().getGraph().getInitializerList().forEach(t -> inits.put(t.getName(), t));
        ConstantValues values = ConstantValues.of(new Weights(mapped), inits, mapped.proto().getGraph().toBuilder());

        ConstantValues.Value r = values.floats("r");
        assertThat(r.dims()).containsExactly(8, 3);
        assertThat(r.floats()).containsExactly(w);
        assertThat(values.floats("s").dims()).containsExactly(4, 6);
        ConstantValues.Value sl = values.floats("sl");
        assertThat(sl.dims()).as("columns 1, 3, 5").containsExactly(4, 3);
        assertThat(sl.floats()).containsExactly(1, 3, 5, 11, 13, 15, 21, 23, 25, 31, 33, 35);
        ConstantValues.Value c = values.floats("c");
        assertThat(c.dims()).containsExactly(4, 6);
        assertThat(c.floats()).startsWith(1, 3, 5, 1, 3, 5, 11, 13, 15, 11, 13, 15);
        assertThat(values.value("y")).as("computed from an input").isNull();
        assertThat(values.value("x")).isNull();
        assertThat(values.isConstantNode("r")).isFalse();
    }
}
