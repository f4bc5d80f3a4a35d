package dev.onnxworkbench.models.memory;

import static dev.onnxworkbench.models.testing.Protos.node;
import static dev.onnxworkbench.models.testing.Protos.tensorValue;

import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import dev.onnxworkbench.models.testing.Protos;
import java.util.List;

/** Test models whose activations are large: a chain of elementwise nodes on {@code x float32[batch, width]}. */
final class WideChain {
    private WideChain() {
    }

    /** {@code nodes} Relu/Neg nodes in a chain; each tensor holds batch × width floats; batch is free. */
    static ModelProto of(int nodes, long width) {
        GraphProto.Builder g = GraphProto.newBuilder().setName("wide_chain")
                .addInput(tensorValue("x", TensorProto.DataType.FLOAT_VALUE, "batch", width));
        String prev = "x";
        for (int i = 0; i < nodes; i++) {
            String out = i == nodes - 1 ? "y" : "t" + i;
            g.addNode(node(i % 2 == 0 ? "Relu" : "Neg", "n" + i, List.of(prev), List.of(out)));
            prev = out;
        }
        g.addOutput(tensorValue("y", TensorProto.DataType.FLOAT_VALUE, "batch", width));
        return Protos.model(g.build(), 17).build();
    }
}
