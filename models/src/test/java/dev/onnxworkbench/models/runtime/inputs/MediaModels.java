package dev.onnxworkbench.models.runtime.inputs;

import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.testing.Protos;
import java.nio.file.Path;
import java.util.List;

/** Generated models with picture and recording inputs, for the preprocessing and streaming tests. */
public final class MediaModels {
    private MediaModels() {}

    /** x float32[N,3,H,W] through five stride-2 max-pools (a detector's stride, 32), y = the pooled map. */
    public static Path detector(Path dir) throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().setName("detector")
                .addInput(Protos.tensorValue("x", 1, "N", 3L, "H", "W"))
                .addOutput(Protos.tensorValue("y", 1, "N", 3L, null, null));
        String in = "x";
        for (int i = 0; i < 5; i++) {
            String out = i == 4 ? "y" : "p" + i;
            g.addNode(Protos.node("MaxPool", "pool" + i, List.of(in), List.of(out))
                    .addAttribute(Protos.intsAttr("kernel_shape", 2, 2)).addAttribute(Protos.intsAttr("strides", 2, 2)));
            in = out;
        }
        return Protos.write(Protos.model(g.build(), 17).build(), dir.resolve("detector.onnx"));
    }

    /** x float32[1,H,W,3] fixed at {@code side} (NHWC), y = x. */
    public static Path fixedNhwc(Path dir, long side) throws Exception {
        GraphProto g = GraphProto.newBuilder().setName("fixed")
                .addInput(Protos.tensorValue("x", 1, 1L, side, side, 3L))
                .addOutput(Protos.tensorValue("y", 1, 1L, side, side, 3L))
                .addNode(Protos.node("Identity", "id", List.of("x"), List.of("y"))).build();
        return Protos.write(Protos.model(g, 17).build(), dir.resolve("fixed-nhwc.onnx"));
    }

    /**
     * A streaming model: signal float32[1,T], state float32[1], sr int64[]; outputs energy = sum(signal) (a
     * scalar), total = state + energy (float32[1]) and stateOut = total, to be carried back into state.
     */
    public static Path accumulator(Path dir) throws Exception {
        GraphProto g = GraphProto.newBuilder().setName("accumulator")
                .addInput(Protos.tensorValue("signal", 1, 1L, "T"))
                .addInput(Protos.tensorValue("state", 1, 1L))
                .addInput(Protos.tensorValue("sr", 7))
                .addOutput(Protos.tensorValue("energy", 1))
                .addOutput(Protos.tensorValue("total", 1, 1L))
                .addOutput(Protos.tensorValue("stateOut", 1, 1L))
                .addNode(Protos.node("ReduceSum", "sum", List.of("signal"), List.of("energy"))
                        .addAttribute(Protos.intAttr("keepdims", 0)))
                .addNode(Protos.node("Add", "add", List.of("state", "energy"), List.of("stateOut")))
                .addNode(Protos.node("Identity", "copy", List.of("stateOut"), List.of("total")))
                .build();
        return Protos.write(Protos.model(g, 17).build(), dir.resolve("accumulator.onnx"));
    }

    public static Model read(Path file) throws Exception {
        return new OnnxReader().read(file);
    }

    public static InputSpec spec(Model model, String input) {
        return InputSpecs.derive(model).stream().filter(s -> s.name().equals(input)).findFirst().orElseThrow();
    }
}
