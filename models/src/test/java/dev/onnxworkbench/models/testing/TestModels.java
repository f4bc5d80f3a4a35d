package dev.onnxworkbench.models.testing;

import static dev.onnxworkbench.models.testing.Protos.floatAttr;
import static dev.onnxworkbench.models.testing.Protos.floats;
import static dev.onnxworkbench.models.testing.Protos.graphAttr;
import static dev.onnxworkbench.models.testing.Protos.int64s;
import static dev.onnxworkbench.models.testing.Protos.intAttr;
import static dev.onnxworkbench.models.testing.Protos.intsAttr;
import static dev.onnxworkbench.models.testing.Protos.node;
import static dev.onnxworkbench.models.testing.Protos.tensorAttr;
import static dev.onnxworkbench.models.testing.Protos.tensorValue;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import dev.onnxworkbench.models.onnx.proto.AttributeProto;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.onnx.proto.OperatorSetIdProto;
import dev.onnxworkbench.models.onnx.proto.StringStringEntryProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import dev.onnxworkbench.models.onnx.proto.TypeProto;
import dev.onnxworkbench.models.onnx.proto.ValueInfoProto;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Models for tests, built with the protobuf builders (weights in raw_data): shared with app's tests
 * through the models test-jar. Every model is valid ONNX that ONNX Runtime can load, unless said otherwise.
 */
public final class TestModels {
    private static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;
    private static final int INT64 = TensorProto.DataType.INT64_VALUE;
    private static final int BOOL = TensorProto.DataType.BOOL_VALUE;

    private TestModels() {
    }

    /** Conv(3→8, 3x3, pad 1) → Relu → MaxPool(2) → Flatten → Gemm(2048→10); input [1,3,32,32], opset 17. */
    public static ModelProto convNet() {
        GraphProto graph = GraphProto.newBuilder()
                .setName("conv_net")
                .addInput(tensorValue("input", FLOAT, 1L, 3L, 32L, 32L))
                .addOutput(tensorValue("logits", FLOAT, 1L, 10L))
                .addInitializer(floats("conv1.weight", 1, 8, 3, 3, 3))
                .addInitializer(floats("conv1.bias", 2, 8))
                .addInitializer(floats("fc.weight", 3, 10, 2048))
                .addInitializer(floats("fc.bias", 4, 10))
                .addNode(node("Conv", "conv1", List.of("input", "conv1.weight", "conv1.bias"), List.of("conv1_out"))
                        .addAttribute(intsAttr("kernel_shape", 3, 3)).addAttribute(intsAttr("pads", 1, 1, 1, 1))
                        .addAttribute(intsAttr("strides", 1, 1)))
                .addNode(node("Relu", "relu1", List.of("conv1_out"), List.of("relu1_out")))
                .addNode(node("MaxPool", "pool1", List.of("relu1_out"), List.of("pool1_out"))
                        .addAttribute(intsAttr("kernel_shape", 2, 2)).addAttribute(intsAttr("strides", 2, 2)))
                .addNode(node("Flatten", "flatten", List.of("pool1_out"), List.of("flat")).addAttribute(intAttr("axis", 1)))
                .addNode(node("Gemm", "fc", List.of("flat", "fc.weight", "fc.bias"), List.of("logits"))
                        .addAttribute(intAttr("transB", 1)))
                .addValueInfo(tensorValue("conv1_out", FLOAT, 1L, 8L, 32L, 32L))
                .addValueInfo(tensorValue("pool1_out", FLOAT, 1L, 8L, 16L, 16L))
                .build();
        return Protos.model(graph, 17).build();
    }

    /**
     * One transformer encoder block with symbolic {@code batch} and {@code seq}: LayerNormalization,
     * Q/K/V MatMuls, Reshape/Transpose into 4 heads, scaled Softmax attention, output projection, residual Add.
     * Input/output "x"/"y" of shape [batch, seq, 64]; opset 17.
     */
    public static ModelProto transformerBlock() {
        int d = 64;
        GraphProto.Builder g = GraphProto.newBuilder().setName("transformer_block")
                .addInput(tensorValue("x", FLOAT, "batch", "seq", (long) d))
                .addOutput(tensorValue("y", FLOAT, "batch", "seq", (long) d))
                .addInitializer(floats("ln.scale", 10, d)).addInitializer(floats("ln.bias", 11, d))
                .addInitializer(floats("attn.q.weight", 12, d, d)).addInitializer(floats("attn.k.weight", 13, d, d))
                .addInitializer(floats("attn.v.weight", 14, d, d)).addInitializer(floats("attn.out.weight", 15, d, d))
                .addInitializer(int64s("heads_shape", new long[] {0, 0, 4, 16}, 4))
                .addInitializer(int64s("model_shape", new long[] {0, 0, d}, 3))
                .addInitializer(Protos.rawTensor("scale", FLOAT, floatBytes(0.25f)));
        g.addNode(node("LayerNormalization", "ln", List.of("x", "ln.scale", "ln.bias"), List.of("ln_out"))
                .addAttribute(intAttr("axis", -1)).addAttribute(floatAttr("epsilon", 1e-5f)));
        for (String p : List.of("q", "k", "v")) {
            g.addNode(node("MatMul", p + "_proj", List.of("ln_out", "attn." + p + ".weight"), List.of(p)));
            g.addNode(node("Reshape", p + "_heads", List.of(p, "heads_shape"), List.of(p + "_4d")));
        }
        g.addNode(node("Transpose", "q_t", List.of("q_4d"), List.of("q_bhsd")).addAttribute(intsAttr("perm", 0, 2, 1, 3)));
        g.addNode(node("Transpose", "k_t", List.of("k_4d"), List.of("k_bhds")).addAttribute(intsAttr("perm", 0, 2, 3, 1)));
        g.addNode(node("Transpose", "v_t", List.of("v_4d"), List.of("v_bhsd")).addAttribute(intsAttr("perm", 0, 2, 1, 3)));
        g.addNode(node("MatMul", "scores", List.of("q_bhsd", "k_bhds"), List.of("scores")));
        g.addNode(node("Mul", "scale_scores", List.of("scores", "scale"), List.of("scaled")));
        g.addNode(node("Softmax", "softmax", List.of("scaled"), List.of("probs")).addAttribute(intAttr("axis", -1)));
        g.addNode(node("MatMul", "context", List.of("probs", "v_bhsd"), List.of("ctx")));
        g.addNode(node("Transpose", "ctx_t", List.of("ctx"), List.of("ctx_bshd")).addAttribute(intsAttr("perm", 0, 2, 1, 3)));
        g.addNode(node("Reshape", "merge_heads", List.of("ctx_bshd", "model_shape"), List.of("merged")));
        g.addNode(node("MatMul", "out_proj", List.of("merged", "attn.out.weight"), List.of("attn_out")));
        g.addNode(node("Add", "residual", List.of("x", "attn_out"), List.of("y")));
        g.addValueInfo(tensorValue("probs", FLOAT, "batch", 4L, "seq", "seq"));
        return Protos.model(g.build(), 17).build();
    }

    /**
     * Control flow: an If whose branches compute x+1 or x*2 (capturing x from the outer graph), and a
     * Loop that doubles x three times. Inputs "cond" (bool scalar) and "x" (float [4]); outputs "if_out", "loop_out".
     */
    public static ModelProto controlFlow() {
        GraphProto thenBranch = GraphProto.newBuilder().setName("then_branch")
                .addNode(node("Add", "then_add", List.of("x", "one"), List.of("then_out")))
                .addInitializer(Protos.rawTensor("one", FLOAT, floatBytes(1f)))
                .addOutput(tensorValue("then_out", FLOAT, 4L)).build();
        GraphProto elseBranch = GraphProto.newBuilder().setName("else_branch")
                .addNode(node("Mul", "else_mul", List.of("x", "two"), List.of("else_out")))
                .addInitializer(Protos.rawTensor("two", FLOAT, floatBytes(2f)))
                .addOutput(tensorValue("else_out", FLOAT, 4L)).build();
        GraphProto body = GraphProto.newBuilder().setName("loop_body")
                .addInput(tensorValue("iter", INT64)).addInput(tensorValue("cond_in", BOOL))
                .addInput(tensorValue("v_in", FLOAT, 4L))
                .addNode(node("Identity", "body_cond", List.of("cond_in"), List.of("cond_out")))
                .addNode(node("Add", "body_double", List.of("v_in", "v_in"), List.of("v_out")))
                .addOutput(tensorValue("cond_out", BOOL)).addOutput(tensorValue("v_out", FLOAT, 4L)).build();
        GraphProto graph = GraphProto.newBuilder().setName("control_flow")
                .addInput(tensorValue("cond", BOOL)).addInput(tensorValue("x", FLOAT, 4L))
                .addInitializer(int64s("trip_count", new long[] {3}))
                .addInitializer(Protos.rawTensor("loop_cond", BOOL, new byte[] {1}))
                .addNode(node("If", "branch", List.of("cond"), List.of("if_out"))
                        .addAttribute(graphAttr("then_branch", thenBranch)).addAttribute(graphAttr("else_branch", elseBranch)))
                .addNode(node("Loop", "repeat", List.of("trip_count", "loop_cond", "x"), List.of("loop_out"))
                        .addAttribute(graphAttr("body", body)))
                .addOutput(tensorValue("if_out", FLOAT, 4L)).addOutput(tensorValue("loop_out", FLOAT, 4L))
                .build();
        return Protos.model(graph, 17).build();
    }

    /** No initializers: the weights come from Constant nodes (as some exporters write). y = Relu(x·W + b), x [1,4]. */
    public static ModelProto constantWeights() {
        GraphProto graph = GraphProto.newBuilder().setName("constant_weights")
                .addInput(tensorValue("x", FLOAT, 1L, 4L))
                .addNode(node("Constant", "W", List.of(), List.of("W")).addAttribute(tensorAttr("value", floats("W", 21, 4, 4))))
                .addNode(node("Constant", "b", List.of(), List.of("b")).addAttribute(tensorAttr("value", floats("b", 22, 4))))
                .addNode(node("MatMul", "matmul", List.of("x", "W"), List.of("xw")))
                .addNode(node("Add", "add", List.of("xw", "b"), List.of("pre")))
                .addNode(node("Relu", "relu", List.of("pre"), List.of("y")))
                .addOutput(tensorValue("y", FLOAT, 1L, 4L))
                .build();
        return Protos.model(graph, 17).build();
    }

    /**
     * Shaped like a scikit-learn export (skl2onnx): ai.onnx.ml LinearClassifier + ZipMap, an input whose
     * batch dimension is unknown (neither value nor name), and a sequence&lt;map&lt;int64,float&gt;&gt; output.
     * Imports ai.onnx 13 and ai.onnx.ml 1.
     */
    public static ModelProto sklearnStyleClassifier() {
        var probabilitiesType = TypeProto.newBuilder().setSequenceType(
                TypeProto.Sequence.newBuilder().setElemType(
                        TypeProto.newBuilder().setMapType(
                                TypeProto.Map.newBuilder().setKeyType(INT64)
                                        .setValueType(TypeProto.newBuilder()
                                                .setTensorType(TypeProto.Tensor
                                                        .newBuilder().setElemType(FLOAT))))));
        var coefficients = AttributeProto.newBuilder().setName("coefficients")
                .setType(AttributeProto.AttributeType.FLOATS);
        for (int i = 0; i < 12; i++) {
            coefficients.addFloats(i * 0.1f - 0.5f);
        }
        GraphProto graph = GraphProto.newBuilder().setName("sklearn_linear")
                .addInput(tensorValue("float_input", FLOAT, (Object) null, 4L))
                .addNode(node("LinearClassifier", "LinearClassifier", List.of("float_input"), List.of("label", "probability_tensor"))
                        .setDomain("ai.onnx.ml").addAttribute(coefficients)
                        .addAttribute(intsAttr("classlabels_ints", 0, 1, 2))
                        .addAttribute(AttributeProto.newBuilder().setName("post_transform")
                                .setType(AttributeProto.AttributeType.STRING)
                                .setS(ByteString.copyFromUtf8("SOFTMAX"))))
                .addNode(node("ZipMap", "ZipMap", List.of("probability_tensor"), List.of("output_probability"))
                        .setDomain("ai.onnx.ml").addAttribute(intsAttr("classlabels_int64s", 0, 1, 2)))
                .addOutput(tensorValue("label", INT64, (Object) null))
                .addOutput(ValueInfoProto.newBuilder().setName("output_probability")
                        .setType(probabilitiesType))
                .build();
        return Protos.model(graph, 13).setProducerName("skl2onnx").setProducerVersion("1.16.0")
                .addOpsetImport(OperatorSetIdProto.newBuilder()
                        .setDomain("ai.onnx.ml").setVersion(1))
                .build();
    }

    /**
     * Free dimensions of every kind, like a voice-activity detector: {@code audio float32[batch,?]},
     * {@code state float32[2,batch,4]} (the named {@code batch} shared), {@code sr int64} scalar (a sample-rate
     * companion). Outputs: {@code energy float32[batch]} = ReduceSum(audio, axis 1), {@code state_out} =
     * state, {@code sr_out} = sr; opset 17.
     */
    public static ModelProto freeDims() {
        GraphProto graph = GraphProto.newBuilder().setName("free_dims")
                .addInput(tensorValue("audio", FLOAT, "batch", null))
                .addInput(tensorValue("state", FLOAT, 2L, "batch", 4L))
                .addInput(tensorValue("sr", INT64))
                .addOutput(tensorValue("energy", FLOAT, "batch"))
                .addOutput(tensorValue("state_out", FLOAT, 2L, "batch", 4L))
                .addOutput(tensorValue("sr_out", INT64))
                .addInitializer(int64s("axes", new long[] {1}, 1))
                .addNode(node("ReduceSum", "sum", List.of("audio", "axes"), List.of("energy"))
                        .addAttribute(intAttr("keepdims", 0)))
                .addNode(node("Identity", "keep_state", List.of("state"), List.of("state_out")))
                .addNode(node("Identity", "keep_sr", List.of("sr"), List.of("sr_out")))
                .build();
        return Protos.model(graph, 17).build();
    }

    /**
     * A model-like graph of exactly {@code nodeCount} nodes: residual blocks of Add(bias) → Relu →
     * Mul(scale) → Add(skip), each with its own [16] initializers; input "x" and output "y" [1,16]; opset 17.
     */
    public static ModelProto chain(int nodeCount) {
        GraphProto.Builder g = GraphProto.newBuilder().setName("chain_" + nodeCount)
                .addInput(tensorValue("x", FLOAT, 1L, 16L));
        String prev = "x";
        int made = 0;
        int block = 0;
        while (nodeCount - made >= 4) {
            String p = "block" + block + ".";
            g.addInitializer(floats(p + "bias", block * 2L, 16)).addInitializer(floats(p + "scale", block * 2L + 1, 16));
            g.addNode(node("Add", p + "add_bias", List.of(prev, p + "bias"), List.of(p + "biased")));
            g.addNode(node("Relu", p + "relu", List.of(p + "biased"), List.of(p + "act")));
            g.addNode(node("Mul", p + "mul_scale", List.of(p + "act", p + "scale"), List.of(p + "scaled")));
            g.addNode(node("Add", p + "residual", List.of(p + "scaled", prev), List.of(p + "out")));
            prev = p + "out";
            made += 4;
            block++;
        }
        while (made < nodeCount) {
            g.addNode(node("Identity", "tail" + made, List.of(prev), List.of("tail" + made + "_out")));
            prev = "tail" + made + "_out";
            made++;
        }
        // The last node's output becomes the graph output "y".
        if (nodeCount > 0) {
            var last = g.getNode(nodeCount - 1).toBuilder();
            last.setOutput(0, "y");
            g.setNode(nodeCount - 1, last);
        }
        g.addOutput(tensorValue(nodeCount > 0 ? "y" : "x", FLOAT, 1L, 16L));
        return Protos.model(g.build(), 17).build();
    }

    /**
     * Writes model.onnx and a SPARSE weights.bin (setLength, no bytes written) into {@code dir}:
     * {@code tensors} initializers float[rows, cols] stored back to back, y = Sum(x·W_i) with x [1, rows].
     * 4 × 131072 × 1024 floats = 2 GiB on paper, a few KB on disk.
     */
    public static Path externalWeights(Path dir, int tensors, int rows, int cols) throws IOException {
        long tensorBytes = (long) rows * cols * 4;
        GraphProto.Builder g = GraphProto.newBuilder().setName("external_weights")
                .addInput(tensorValue("x", FLOAT, 1L, (long) rows))
                .addOutput(tensorValue("y", FLOAT, 1L, (long) cols));
        List<String> partials = new ArrayList<>();
        for (int i = 0; i < tensors; i++) {
            g.addInitializer(TensorProto.newBuilder().setName("W" + i).setDataType(FLOAT).addDims(rows).addDims(cols)
                    .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                    .addExternalData(entry("location", "weights.bin"))
                    .addExternalData(entry("offset", Long.toString(i * tensorBytes)))
                    .addExternalData(entry("length", Long.toString(tensorBytes))));
            g.addNode(node("MatMul", "matmul" + i, List.of("x", "W" + i), List.of("partial" + i)));
            partials.add("partial" + i);
        }
        g.addNode(node("Sum", "sum", partials, List.of("y")));
        Files.createDirectories(dir);
        try (RandomAccessFile weights = new RandomAccessFile(dir.resolve("weights.bin").toFile(), "rw")) {
            weights.setLength(tensors * tensorBytes);
        }
        return Protos.write(Protos.model(g.build(), 17).build(), dir.resolve("model.onnx"));
    }

    /** 2 GiB of external float weights (4 × [131072, 1024]), written sparsely. */
    public static Path externalWeights2GiB(Path dir) throws IOException {
        return externalWeights(dir, 4, 131072, 1024);
    }

    /**
     * Writes a single-file model whose one initializer W float[rows, 1024] has {@code rows*4096} bytes
     * of raw_data that are a hole in a sparse file: y = x·W, x [1, rows]. The protobuf framing is
     * written by hand so that raw_data comes last and its bytes are never written.
     */
    public static Path bigSingleFile(Path file, int rows) throws IOException {
        long rawBytes = (long) rows * 1024 * 4;
        GraphProto graph = GraphProto.newBuilder().setName("big_single_file")
                .addInput(tensorValue("x", FLOAT, 1L, (long) rows))
                .addOutput(tensorValue("y", FLOAT, 1L, 1024L))
                .addNode(node("MatMul", "matmul", List.of("x", "W"), List.of("y")))
                .build();
        byte[] header = TensorProto.newBuilder().setName("W").setDataType(FLOAT).addDims(rows).addDims(1024)
                .build().toByteArray();
        long initLen = header.length + CodedOutputStream.computeTagSize(TensorProto.RAW_DATA_FIELD_NUMBER)
                + CodedOutputStream.computeUInt64SizeNoTag(rawBytes) + rawBytes;
        long graphLen = graph.getSerializedSize() + CodedOutputStream.computeTagSize(GraphProto.INITIALIZER_FIELD_NUMBER)
                + CodedOutputStream.computeUInt64SizeNoTag(initLen) + initLen;
        ModelProto withoutGraph = Protos.model(GraphProto.getDefaultInstance(), 17).clearGraph().build();
        Files.createDirectories(file.toAbsolutePath().getParent());
        long prefix;
        try (OutputStream stream = Files.newOutputStream(file)) {
            CodedOutputStream out = CodedOutputStream.newInstance(stream);
            withoutGraph.writeTo(out);
            out.writeTag(ModelProto.GRAPH_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt64NoTag(graphLen);
            graph.writeTo(out);
            out.writeTag(GraphProto.INITIALIZER_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt64NoTag(initLen);
            out.writeRawBytes(header);
            out.writeTag(TensorProto.RAW_DATA_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt64NoTag(rawBytes);
            out.flush();
            prefix = out.getTotalBytesWritten();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(prefix + rawBytes);
        }
        return file;
    }

    /** 1.5 GiB single-file model (393216 × 1024 floats), written sparsely. */
    public static Path bigSingleFile1_5GiB(Path file) throws IOException {
        return bigSingleFile(file, 393216);
    }

    private static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    private static byte[] floatBytes(float value) {
        int bits = Float.floatToRawIntBits(value);
        return new byte[] {(byte) bits, (byte) (bits >> 8), (byte) (bits >> 16), (byte) (bits >> 24)};
    }
}
