package dev.onnxworkbench.models.runtime;

import com.google.protobuf.ByteString;
import dev.onnxworkbench.models.onnx.proto.AttributeProto;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.onnx.proto.NodeProto;
import dev.onnxworkbench.models.onnx.proto.OperatorSetIdProto;
import dev.onnxworkbench.models.onnx.proto.TensorShapeProto;
import dev.onnxworkbench.models.onnx.proto.TypeProto;
import dev.onnxworkbench.models.onnx.proto.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Small models for runtime tests, built with the protobuf builders. */
public final class TinyModels {
    private TinyModels() {
    }

    /** y = x + x on float32 [1, width]. */
    public static Path doubler(Path dir, int width) throws IOException {
        GraphProto graph = GraphProto.newBuilder().setName("doubler")
                .addInput(tensor("x", 1, 1L, (long) width))
                .addOutput(tensor("y", 1, 1L, (long) width))
                .addNode(NodeProto.newBuilder().setOpType("Add").addInput("x").addInput("x").addOutput("y"))
                .build();
        return write(dir.resolve("doubler-" + width + ".onnx"), model(graph, false));
    }

    /** y = x + x on float32 [N, width] with both sizes free (named N and width). */
    public static Path freeWidthDoubler(Path dir) throws IOException {
        GraphProto graph = GraphProto.newBuilder().setName("doubler")
                .addInput(tensor("x", 1, "N", "width"))
                .addOutput(tensor("y", 1, "N", "width"))
                .addNode(NodeProto.newBuilder().setOpType("Add").addInput("x").addInput("x").addOutput("y"))
                .build();
        return write(dir.resolve("free-doubler.onnx"), model(graph, false));
    }

    /** y = relu(x · W) with a fixed random W [width, width]: float32 [rows, width] in and out. */
    public static Path dense(Path dir, int rows, int width) throws IOException {
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        java.nio.ByteBuffer raw = java.nio.ByteBuffer.allocate(width * width * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < width * width; i++) {
            raw.putFloat((float) (random.nextDouble() - 0.5) / width);
        }
        GraphProto graph = GraphProto.newBuilder().setName("dense")
                .addInput(tensor("x", 1, (long) rows, (long) width))
                .addOutput(tensor("y", 1, (long) rows, (long) width))
                .addInitializer(dev.onnxworkbench.models.onnx.proto.TensorProto.newBuilder().setName("W")
                        .setDataType(1).addDims(width).addDims(width).setRawData(ByteString.copyFrom(raw.array())))
                .addNode(NodeProto.newBuilder().setOpType("MatMul").addInput("x").addInput("W").addOutput("h"))
                .addNode(NodeProto.newBuilder().setOpType("Relu").addInput("h").addOutput("y"))
                .build();
        return write(dir.resolve("dense-" + rows + "x" + width + ".onnx"), model(graph, false));
    }

    /** y = relu(x · W) with a fixed random W [width, width]: float32 [N, width] in and out (N free). */
    public static Path denseAnyRows(Path dir, int width) throws IOException {
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        java.nio.ByteBuffer raw = java.nio.ByteBuffer.allocate(width * width * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < width * width; i++) {
            raw.putFloat((float) (random.nextDouble() - 0.5) / width);
        }
        GraphProto graph = GraphProto.newBuilder().setName("dense")
                .addInput(tensor("x", 1, "N", (long) width))
                .addOutput(tensor("y", 1, "N", (long) width))
                .addInitializer(dev.onnxworkbench.models.onnx.proto.TensorProto.newBuilder().setName("W")
                        .setDataType(1).addDims(width).addDims(width).setRawData(ByteString.copyFrom(raw.array())))
                .addNode(NodeProto.newBuilder().setOpType("MatMul").addInput("x").addInput("W").addOutput("h"))
                .addNode(NodeProto.newBuilder().setOpType("Relu").addInput("h").addOutput("y"))
                .build();
        return write(dir.resolve("dense-N-x" + width + ".onnx"), model(graph, false));
    }

    /** A two-class linear classifier on float [N, 2] with ZipMap: outputs label (string [N]) and probabilities. */
    public static Path zipMapClassifier(Path dir) throws IOException {
        NodeProto classifier = NodeProto.newBuilder().setOpType("LinearClassifier").setDomain("ai.onnx.ml")
                .addInput("x").addOutput("label").addOutput("scores")
                .addAttribute(strings("classlabels_strings", List.of("cat", "dog")))
                .addAttribute(floats("coefficients", 1, 0, 0, 1))
                .addAttribute(floats("intercepts", 0, 0))
                .addAttribute(AttributeProto.newBuilder().setName("post_transform").setType(
                        AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8("SOFTMAX")))
                .build();
        NodeProto zipMap = NodeProto.newBuilder().setOpType("ZipMap").setDomain("ai.onnx.ml")
                .addInput("scores").addOutput("probabilities")
                .addAttribute(strings("classlabels_strings", List.of("cat", "dog"))).build();
        TypeProto mapType = TypeProto.newBuilder().setMapType(TypeProto.Map.newBuilder().setKeyType(8)
                .setValueType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(1))))
                .build();
        GraphProto graph = GraphProto.newBuilder().setName("zipmap")
                .addInput(tensor("x", 1, "N", 2L))
                .addOutput(tensor("label", 8, "N"))
                .addOutput(ValueInfoProto.newBuilder().setName("probabilities").setType(TypeProto.newBuilder()
                        .setSequenceType(TypeProto.Sequence.newBuilder().setElemType(mapType))))
                .addNode(classifier).addNode(zipMap).build();
        return write(dir.resolve("zipmap.onnx"), model(graph, true));
    }

    static ValueInfoProto tensor(String name, int elemType, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            shape.addDim(d instanceof String s ? TensorShapeProto.Dimension.newBuilder().setDimParam(s)
                    : TensorShapeProto.Dimension.newBuilder().setDimValue((Long) d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(elemType).setShape(shape))).build();
    }

    private static AttributeProto strings(String name, List<String> values) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRINGS);
        values.forEach(v -> b.addStrings(ByteString.copyFromUtf8(v)));
        return b.build();
    }

    private static AttributeProto floats(String name, float... values) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOATS);
        for (float v : values) {
            b.addFloats(v);
        }
        return b.build();
    }

    static ModelProto model(GraphProto graph, boolean ml) {
        ModelProto.Builder m = ModelProto.newBuilder().setIrVersion(8).setProducerName("runtime-tests")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17)).setGraph(graph);
        if (ml) {
            m.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("ai.onnx.ml").setVersion(3));
        }
        return m.build();
    }

    static Path write(Path file, ModelProto model) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, model.toByteArray());
        return file;
    }
}
