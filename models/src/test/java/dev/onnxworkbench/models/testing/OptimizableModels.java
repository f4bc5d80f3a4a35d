package dev.onnxworkbench.models.testing;

import static dev.onnxworkbench.models.testing.Protos.floatAttr;
import static dev.onnxworkbench.models.testing.Protos.floats;
import static dev.onnxworkbench.models.testing.Protos.intsAttr;
import static dev.onnxworkbench.models.testing.Protos.node;
import static dev.onnxworkbench.models.testing.Protos.tensorValue;

import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;

/**
 * Models with what ONNX Runtime's optimizer rewrites: two Conv → BatchNormalization → Relu blocks (BN folds
 * into the Conv, Relu fuses into FusedConv), an Identity (eliminated) and Add of two initializers (constant
 * folded) that scales the result. Input {@code x} float32[N,3,16,16] with a symbolic batch, output {@code y}.
 */
public final class OptimizableModels {
    private static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;

    private OptimizableModels() {}

    public static ModelProto convBnRelu() {
        GraphProto.Builder g = GraphProto.newBuilder().setName("conv_bn_relu")
                .addInput(tensorValue("x", FLOAT, "N", 3L, 16L, 16L))
                .addOutput(tensorValue("y", FLOAT, "N", 8L, 16L, 16L));
        String in = "x";
        long channels = 3;
        for (int b = 1; b <= 2; b++) {
            String p = "block" + b;
            g.addInitializer(floats(p + ".conv.weight", 10 + b, 8, channels, 3, 3))
                    .addInitializer(floats(p + ".conv.bias", 20 + b, 8))
                    .addInitializer(positive(p + ".bn.scale", 8))
                    .addInitializer(floats(p + ".bn.bias", 30 + b, 8))
                    .addInitializer(floats(p + ".bn.mean", 40 + b, 8))
                    .addInitializer(positive(p + ".bn.var", 8))
                    .addNode(node("Conv", p + ".conv", List.of(in, p + ".conv.weight", p + ".conv.bias"), List.of(p + ".c"))
                            .addAttribute(intsAttr("kernel_shape", 3, 3)).addAttribute(intsAttr("pads", 1, 1, 1, 1)))
                    .addNode(node("BatchNormalization", p + ".bn", List.of(p + ".c", p + ".bn.scale", p + ".bn.bias",
                            p + ".bn.mean", p + ".bn.var"), List.of(p + ".n")).addAttribute(floatAttr("epsilon", 1e-5f)))
                    .addNode(node("Relu", p + ".relu", List.of(p + ".n"), List.of(p + ".r")));
            in = p + ".r";
            channels = 8;
        }
        g.addInitializer(floats("half_a", 50, 1)).addInitializer(floats("half_b", 51, 1))
                .addNode(node("Identity", "identity", List.of(in), List.of("same")))
                .addNode(node("Add", "scale_sum", List.of("half_a", "half_b"), List.of("scale")))
                .addNode(node("Mul", "scaled", List.of("same", "scale"), List.of("y")));
        return Protos.model(g.build(), 17).build();
    }

    public static Path convBnRelu(Path file) throws IOException {
        return Protos.write(convBnRelu(), file);
    }

    private static TensorProto positive(String name, int n) {
        ByteBuffer raw = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            raw.putFloat(0.5f + 0.1f * i);
        }
        return Protos.rawTensor(name, FLOAT, raw.array(), n);
    }
}
