package dev.onnxworkbench.models.testing;

import com.google.protobuf.ByteString;
import dev.onnxworkbench.models.onnx.proto.AttributeProto;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.onnx.proto.NodeProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a copy of a model with one convolution's weight scaled (by 1.05 in the divergence checks): the weight
 * may be an initializer or the tensor of a Constant node (PaddlePaddle's exporters do that). For tests, and by
 * hand: {@code java -cp … WeightScaler IN.onnx OUT.onnx [FACTOR] [CONV_INDEX]}.
 */
public final class WeightScaler {
    private WeightScaler() {
    }

    /** What was scaled: the Conv node's name (or its output when unnamed) and the weight tensor's name. */
    public record Scaled(String node, String convOutput, String weight) {}

    /** Scales the float32 weight of the {@code convIndex}-th Conv node of the top-level graph (0 = first). */
    public static Scaled scaleConvWeight(ModelProto.Builder model, int convIndex, float factor) {
        GraphProto.Builder graph = model.getGraphBuilder();
        int seen = 0;
        for (NodeProto conv : graph.getNodeList()) {
            if (!conv.getOpType().equals("Conv") || seen++ != convIndex) {
                continue;
            }
            String weight = conv.getInput(1);
            String name = conv.getName().isEmpty() ? conv.getOutput(0) : conv.getName();
            for (int i = 0; i < graph.getInitializerCount(); i++) {
                if (graph.getInitializer(i).getName().equals(weight)) {
                    graph.setInitializer(i, scaled(graph.getInitializer(i), factor));
                    return new Scaled(name, conv.getOutput(0), weight);
                }
            }
            for (int n = 0; n < graph.getNodeCount(); n++) {
                NodeProto producer = graph.getNode(n);
                if (producer.getOpType().equals("Constant") && producer.getOutputList().contains(weight)) {
                    NodeProto.Builder b = producer.toBuilder();
                    for (int a = 0; a < b.getAttributeCount(); a++) {
                        AttributeProto attr = b.getAttribute(a);
                        if (attr.getName().equals("value")) {
                            b.setAttribute(a, attr.toBuilder().setT(scaled(attr.getT(), factor)));
                        }
                    }
                    graph.setNode(n, b);
                    return new Scaled(name, conv.getOutput(0), weight);
                }
            }
            throw new IllegalArgumentException("the weight " + weight + " of Conv " + name
                    + " is neither an initializer nor a Constant");
        }
        throw new IllegalArgumentException("the model has no Conv node number " + convIndex);
    }

    private static TensorProto scaled(TensorProto t, float factor) {
        if (t.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
            throw new IllegalArgumentException("the weight " + t.getName() + " is not float32");
        }
        TensorProto.Builder b = t.toBuilder();
        if (!t.getRawData().isEmpty()) {
            b.setRawData(scaled(t.getRawData(), factor));
        } else {
            // This project's schema keeps float_data as packed little-endian chunks (see onnx.proto).
            for (int i = 0; i < t.getFloatDataCount(); i++) {
                b.setFloatData(i, scaled(t.getFloatData(i), factor));
            }
        }
        return b.build();
    }

    /**
     * The model with every initializer turned into a Constant node in front of the graph, the way PaddlePaddle's
     * exporter stores weights (nodes named "const_" + tensor name).
     */
    public static ModelProto constantsFromInitializers(ModelProto model) {
        ModelProto.Builder b = model.toBuilder();
        GraphProto.Builder g = b.getGraphBuilder();
        java.util.List<NodeProto> nodes = new java.util.ArrayList<>();
        for (TensorProto t : g.getInitializerList()) {
            nodes.add(NodeProto.newBuilder().setOpType("Constant").setName("const_" + t.getName())
                    .addOutput(t.getName()).addAttribute(Protos.tensorAttr("value", t)).build());
        }
        nodes.addAll(g.getNodeList());
        g.clearInitializer().clearNode().addAllNode(nodes);
        return b.build();
    }

    private static ByteString scaled(ByteString packed, float factor) {
        ByteBuffer in = packed.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer out = ByteBuffer.allocate(in.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        while (in.remaining() >= 4) {
            out.putFloat(in.getFloat() * factor);
        }
        return ByteString.copyFrom(out.array());
    }

    /** Reads {@code in}, scales the Conv weight and writes {@code out}. */
    public static Scaled scaleFile(Path in, Path out, int convIndex, float factor) throws IOException {
        ModelProto.Builder model;
        try (InputStream stream = Files.newInputStream(in)) {
            model = ModelProto.parseFrom(stream).toBuilder();
        }
        Scaled scaled = scaleConvWeight(model, convIndex, factor);
        Protos.write(model.build(), out);
        return scaled;
    }

    public static void main(String[] args) throws IOException {
        float factor = args.length > 2 ? Float.parseFloat(args[2]) : 1.05f;
        int index = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        Scaled s = scaleFile(Path.of(args[0]), Path.of(args[1]), index, factor);
        System.out.println("scaled " + s.weight() + " of Conv " + s.node() + " (output " + s.convOutput() + ") by "
                + factor);
    }
}
