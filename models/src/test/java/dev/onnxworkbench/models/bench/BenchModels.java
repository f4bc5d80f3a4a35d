package dev.onnxworkbench.models.bench;

import com.google.protobuf.ByteString;
import dev.onnxworkbench.models.onnx.proto.AttributeProto;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.onnx.proto.NodeProto;
import dev.onnxworkbench.models.onnx.proto.OperatorSetIdProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import dev.onnxworkbench.models.onnx.proto.TensorShapeProto;
import dev.onnxworkbench.models.onnx.proto.TypeProto;
import dev.onnxworkbench.models.onnx.proto.ValueInfoProto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Small models for benchmark tests, written with the protobuf builders (weights as raw_data). */
public final class BenchModels {
    private BenchModels() {}

    /**
     * A tiny image classifier with a dynamic batch: x[N,3,size,size] → Conv(16, 3×3, pad 1) → Relu →
     * Conv(16, 3×3) → Relu → GlobalAveragePool → Flatten → Gemm(10) → Softmax → probabilities[N,10].
     */
    public static Path imageClassifier(Path dir, int size) throws IOException {
        Random random = new Random(7);
        GraphProto graph = GraphProto.newBuilder().setName("tiny_cnn")
                .addInput(value("image", "N", 3, size, size))
                .addOutput(value("probabilities", "N", 10))
                .addInitializer(floats("conv1.weight", random, 16, 3, 3, 3))
                .addInitializer(floats("conv1.bias", random, 16))
                .addInitializer(floats("conv2.weight", random, 16, 16, 3, 3))
                .addInitializer(floats("conv2.bias", random, 16))
                .addInitializer(floats("fc.weight", random, 16, 10))
                .addInitializer(floats("fc.bias", random, 10))
                .addNode(node("Conv", "conv1", new String[] {"image", "conv1.weight", "conv1.bias"}, "c1")
                        .addAttribute(ints("pads", 1, 1, 1, 1)).addAttribute(ints("kernel_shape", 3, 3)))
                .addNode(node("Relu", "relu1", new String[] {"c1"}, "r1"))
                .addNode(node("Conv", "conv2", new String[] {"r1", "conv2.weight", "conv2.bias"}, "c2")
                        .addAttribute(ints("pads", 1, 1, 1, 1)).addAttribute(ints("kernel_shape", 3, 3)))
                .addNode(node("Relu", "relu2", new String[] {"c2"}, "r2"))
                .addNode(node("GlobalAveragePool", "pool", new String[] {"r2"}, "pooled"))
                .addNode(node("Flatten", "flatten", new String[] {"pooled"}, "features"))
                .addNode(node("Gemm", "fc", new String[] {"features", "fc.weight", "fc.bias"}, "logits"))
                .addNode(node("Softmax", "softmax", new String[] {"logits"}, "probabilities")
                        .addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT).setI(1)))
                .build();
        ModelProto model = ModelProto.newBuilder().setIrVersion(8).setProducerName("onnx-workbench tests")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13)).setGraph(graph).build();
        Path file = dir.resolve("tiny_cnn.onnx");
        Files.write(file, model.toByteArray());
        return file;
    }

    private static NodeProto.Builder node(String op, String name, String[] inputs, String output) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name).addOutput(output);
        for (String i : inputs) {
            n.addInput(i);
        }
        return n;
    }

    private static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    private static TensorProto floats(String name, Random random, long... dims) {
        int count = 1;
        for (long d : dims) {
            count *= (int) d;
        }
        ByteBuffer data = ByteBuffer.allocate(count * 4).order(ByteOrder.LITTLE_ENDIAN);
        double scale = 1.0 / Math.sqrt(count / (double) dims[0]);
        for (int i = 0; i < count; i++) {
            data.putFloat((float) (random.nextGaussian() * scale));
        }
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(1).setRawData(ByteString.copyFrom(data.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    /** A float tensor value; String dims are symbolic, numbers fixed. */
    private static ValueInfoProto value(String name, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            shape.addDim(d instanceof String s ? TensorShapeProto.Dimension.newBuilder().setDimParam(s)
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(((Number) d).longValue()));
        }
        return ValueInfoProto.newBuilder().setName(name)
                .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(1).setShape(shape))).build();
    }
}
