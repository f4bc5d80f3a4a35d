package dev.onnxworkbench.app.diagram;

import static dev.onnxworkbench.models.testing.Protos.graphAttr;
import static dev.onnxworkbench.models.testing.Protos.node;
import static dev.onnxworkbench.models.testing.Protos.tensorValue;

import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import dev.onnxworkbench.models.testing.Protos;
import java.util.List;

/**
 * Generated models with nested bodies, shaped like the voice-activity detector (a few nodes around
 * If bodies that hold the real work): If "If_0" on "cond" whose then_branch holds a Loop "Loop_1"
 * whose body holds {@code softmaxes} Softmax nodes and one LSTM "LSTM_3"; the else_branch holds
 * an LSTM "LSTM_7" and {@code softmaxes} more Softmax nodes. The top graph has one Softmax of its own.
 */
public final class NestedModels {
    private static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;
    private static final int BOOL = TensorProto.DataType.BOOL_VALUE;
    private static final int INT64 = TensorProto.DataType.INT64_VALUE;

    private NestedModels() {}

    public static ModelProto ifWithLoopBodies(int softmaxes) {
        GraphProto.Builder body = GraphProto.newBuilder().setName("loop_body")
                .addInput(tensorValue("iter", INT64)).addInput(tensorValue("cond_in", BOOL))
                .addInput(tensorValue("v_in", FLOAT, 1L, 8L))
                .addNode(node("Identity", "body_cond", List.of("cond_in"), List.of("cond_out")))
                .addNode(node("LSTM", "LSTM_3", List.of("v_in", "w_outer", "r_outer"), List.of("lstm_y")));
        String prev = "lstm_y";
        for (int i = 0; i < softmaxes; i++) {
            body.addNode(node("Softmax", "body_softmax_" + i, List.of(prev), List.of("body_sm_" + i)));
            prev = "body_sm_" + i;
        }
        body.addOutput(tensorValue("cond_out", BOOL)).addOutput(tensorValue(prev, FLOAT, 1L, 8L));
        GraphProto.Builder elseBranch = GraphProto.newBuilder().setName("else_branch")
                .addNode(node("LSTM", "LSTM_7", List.of("x", "w_outer", "r_outer"), List.of("else_y")));
        prev = "else_y";
        for (int i = 0; i < softmaxes; i++) {
            elseBranch.addNode(node("Softmax", "else_softmax_" + i, List.of(prev), List.of("else_sm_" + i)));
            prev = "else_sm_" + i;
        }
        elseBranch.addOutput(tensorValue(prev, FLOAT, 1L, 8L));
        GraphProto thenBranch = GraphProto.newBuilder().setName("then_branch")
                .addNode(node("Loop", "Loop_1", List.of("", "", "x"), List.of("loop_out")).addAttribute(graphAttr("body", body.build())))
                .addOutput(tensorValue("loop_out", FLOAT, 1L, 8L)).build();
        GraphProto graph = GraphProto.newBuilder().setName("nested_bodies")
                .addInput(tensorValue("cond", BOOL)).addInput(tensorValue("x", FLOAT, 1L, 8L))
                .addInitializer(Protos.floats("w_outer", 1, 4, 32, 8)).addInitializer(Protos.floats("r_outer", 2, 4, 32, 8))
                .addNode(node("If", "If_0", List.of("cond"), List.of("if_out"))
                        .addAttribute(graphAttr("then_branch", thenBranch)).addAttribute(graphAttr("else_branch", elseBranch.build())))
                .addNode(node("Softmax", "top_softmax", List.of("if_out"), List.of("y")))
                .addOutput(tensorValue("y", FLOAT, 1L, 8L))
                .build();
        return Protos.model(graph, 17).build();
    }
}
