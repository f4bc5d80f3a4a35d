package dev.onnxworkbench.models.opset;

import dev.onnxworkbench.models.onnx.proto.AttributeProto;
import dev.onnxworkbench.models.onnx.proto.NodeProto;
import java.util.List;
import java.util.Optional;

/** Small reads and writes of a node's attributes and inputs, as the converters need them. */
final class Nodes {
    private Nodes() {
    }

    static Optional<AttributeProto> attribute(NodeProto.Builder node, String name) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    static boolean has(NodeProto.Builder node, String name) {
        return attribute(node, name).isPresent();
    }

    /** Removes the attribute and gives it back, when present. */
    static Optional<AttributeProto> take(NodeProto.Builder node, String name) {
        for (int i = 0; i < node.getAttributeCount(); i++) {
            if (node.getAttribute(i).getName().equals(name)) {
                AttributeProto a = node.getAttribute(i);
                node.removeAttribute(i);
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    static void setInt(NodeProto.Builder node, String name, long value) {
        take(node, name);
        node.addAttribute(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value));
    }

    static void setString(NodeProto.Builder node, String name, String value) {
        take(node, name);
        node.addAttribute(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(com.google.protobuf.ByteString.copyFromUtf8(value)));
    }

    static long intOr(NodeProto.Builder node, String name, long fallback) {
        return attribute(node, name).map(AttributeProto::getI).orElse(fallback);
    }

    static String stringOr(NodeProto.Builder node, String name, String fallback) {
        return attribute(node, name).map(a -> a.getS().toStringUtf8()).orElse(fallback);
    }

    static long[] ints(AttributeProto a) {
        List<Long> values = a.getIntsList();
        long[] out = new long[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    static float[] floats(AttributeProto a) {
        List<Float> values = a.getFloatsList();
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    /** Sets input {@code index}, padding skipped optional inputs with "" (ONNX's "not given"). */
    static void setInput(NodeProto.Builder node, int index, String name) {
        while (node.getInputCount() <= index) {
            node.addInput("");
        }
        node.setInput(index, name);
    }

    /** A name for messages: the node's name, else its first output. */
    static String label(NodeProto.Builder node) {
        if (!node.getName().isEmpty()) {
            return node.getName();
        }
        return node.getOutputCount() > 0 ? node.getOutput(0) : node.getOpType();
    }
}
