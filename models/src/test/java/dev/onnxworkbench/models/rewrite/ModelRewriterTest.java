package dev.onnxworkbench.models.rewrite;

import static dev.onnxworkbench.models.testing.Protos.node;
import static dev.onnxworkbench.models.testing.Protos.tensorValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.PredictionResult;
import dev.onnxworkbench.models.runtime.ProviderOption;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.TestSessions;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.OutputValue;
import dev.onnxworkbench.models.testing.Protos;
import dev.onnxworkbench.models.testing.TestModels;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRewriterTest {
    private static final ProviderSettings CPU = ProviderSettings.cpu().with(ProviderOption.INTRA_OP_THREADS, "1");

    @TempDir
    Path dir;

    private static HostTensor ramp(long... shape) throws Exception {
        int n = 1;
        for (long d : shape) {
            n *= (int) d;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) Math.sin(i * 0.37);
        }
        return HostTensor.ofFloats(shape, v);
    }

    private static HostTensor tensor(PredictionResult r, String name) {
        return ((OutputValue.TensorValue) r.outputs().get(name)).tensor();
    }

    @Test
    void markAllAddsEveryIntermediateOfTheConvNetAsAnOutput() throws Exception {
        Path model = Protos.write(TestModels.convNet(), dir.resolve("in/conv.onnx"));
        byte[] before = Files.readAllBytes(model);
        ModelRewriter rewriter = ModelRewriter.open(model);
        assertThat(rewriter.intermediates()).containsExactly("conv1_out", "relu1_out", "pool1_out", "flat");
        try (DerivedModel derived = rewriter.markAllOutputs().write();
             ModelSession session = TestSessions.factory().open(derived.path(), CPU)) {
            assertThat(derived.path().getParent()).isNotEqualTo(model.getParent());
            assertThat(derived.addedOutputs()).containsExactly("conv1_out", "relu1_out", "pool1_out", "flat");
            PredictionResult r = session.run(Map.of("input", ramp(1, 3, 32, 32)));
            assertThat(tensor(r, "conv1_out").shape()).containsExactly(1, 8, 32, 32);
            assertThat(tensor(r, "pool1_out").shape()).containsExactly(1, 8, 16, 16);
            assertThat(tensor(r, "flat").shape()).containsExactly(1, 2048);
            assertThat(tensor(r, "logits").shape()).containsExactly(1, 10);
            HostTensor conv = tensor(r, "conv1_out");
            HostTensor relu = tensor(r, "relu1_out");
            for (long i = 0; i < conv.elementCount(); i += 97) {
                assertThat(relu.getDouble(i)).isEqualTo(Math.max(0, conv.getDouble(i)));
            }
            // The weights made it through the mapping: logits equal the unmodified model's.
            try (ModelSession original = TestSessions.factory().open(model, CPU)) {
                HostTensor expected = tensor(original.run(Map.of("input", ramp(1, 3, 32, 32))), "logits");
                for (int i = 0; i < 10; i++) {
                    assertThat(tensor(r, "logits").getDouble(i)).isEqualTo(expected.getDouble(i));
                }
            }
            Path folder = derived.path().getParent();
            derived.close();
            assertThat(folder).doesNotExist();
        }
        assertThat(Files.readAllBytes(model)).isEqualTo(before);
        try (Stream<Path> files = Files.list(model.getParent())) {
            assertThat(files.toList()).containsExactly(model);
        }
    }

    @Test
    void markingATensorNoNodeProducesIsRefusedWithItsName() throws Exception {
        Path model = Protos.write(TestModels.convNet(), dir.resolve("conv.onnx"));
        assertThatThrownBy(() -> ModelRewriter.open(model).markOutputs(List.of("nope")))
                .isInstanceOf(RewriteException.class).hasMessageContaining("'nope'");
    }

    @Test
    void externalDataKeepsComingFromTheOriginalFiles() throws Exception {
        Path model = TestModels.externalWeights(dir.resolve("ext"), 2, 8, 4);
        try (FileChannel ch = FileChannel.open(dir.resolve("ext/weights.bin"), StandardOpenOption.WRITE)) {
            ByteBuffer w = ByteBuffer.allocate(2 * 8 * 4 * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < 64; i++) {
                w.putFloat(i * 0.5f);
            }
            w.flip();
            ch.write(w, 0);
        }
        try (DerivedModel derived = ModelRewriter.open(model).markAllOutputs().write();
             ModelSession session = TestSessions.factory().open(derived.path(), CPU)) {
            HostTensor x = HostTensor.ofFloats(new long[] {1, 8}, 1, 1, 1, 1, 1, 1, 1, 1);
            PredictionResult r = session.run(Map.of("x", x));
            // partial0[j] = Σ_i W0[i][j] = Σ_i (4i + j) * 0.5
            assertThat(tensor(r, "partial0").getDouble(0)).isEqualTo(0.5 * (4 * 28));
            assertThat(tensor(r, "partial1").getDouble(1)).isEqualTo(0.5 * (4 * 28 + 8 * 32 + 8));
            assertThat(tensor(r, "y").getDouble(0))
                    .isEqualTo(tensor(r, "partial0").getDouble(0) + tensor(r, "partial1").getDouble(0));
            assertThat(Files.isSameFile(derived.path().resolveSibling("weights.bin"), dir.resolve("ext/weights.bin"))).isTrue();
        }
        try (Stream<Path> files = Files.list(dir.resolve("ext"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("model.onnx", "weights.bin");
        }
    }

    @Test
    void a2GiBExternalDataModelRewritesWithoutHeapGrowth() throws Exception {
        Path model = TestModels.externalWeights2GiB(dir.resolve("big"));
        long before = usedHeap();
        try (DerivedModel derived = ModelRewriter.open(model).markAllOutputs().write()) {
            long grown = usedHeap() - before;
            assertThat(grown).as("heap growth in bytes").isLessThan(32L << 20);
            assertThat(Files.size(derived.path())).isLessThan(64 << 10);
            Model read = new OnnxReader().read(derived.path());
            assertThat(read.graph().outputs()).hasSize(5);
            assertThat(read.graph().initializers().getFirst().data().isExternal()).isTrue();
        }
    }

    @Test
    void aLargeSingleFileModelIsWrittenFromTheMappingNotTheHeap() throws Exception {
        Path model = TestModels.bigSingleFile(dir.resolve("inline/big.onnx"), 32768); // 128 MiB of raw_data
        long before = usedHeap();
        try (DerivedModel derived = ModelRewriter.open(model).markOutputs(List.of()).write()) {
            long grown = usedHeap() - before;
            assertThat(grown).as("heap growth in bytes").isLessThan(32L << 20);
            assertThat(Files.size(derived.path())).isBetween(Files.size(model) - 64, Files.size(model) + 64);
            assertThat(new OnnxReader().read(derived.path()).graph().initializers().getFirst().byteSize())
                    .isEqualTo(32768L * 1024 * 4);
        }
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void aUint32InputBecomesAConstantTheJavaApiNeverHasToCreate() throws Exception {
        int uint32 = TensorProto.DataType.UINT32_VALUE;
        GraphProto graph = GraphProto.newBuilder().setName("u32")
                .addInput(tensorValue("x", uint32, 3L))
                .addInput(tensorValue("scale", TensorProto.DataType.INT64_VALUE, 3L))
                .addOutput(tensorValue("y", TensorProto.DataType.INT64_VALUE, 3L))
                .addNode(node("Cast", "cast", List.of("x"), List.of("wide")).addAttribute(Protos.intAttr("to", 7)))
                .addNode(node("Mul", "mul", List.of("wide", "scale"), List.of("y")))
                .build();
        Path model = Protos.write(Protos.model(graph, 17).build(), dir.resolve("u32.onnx"));
        ByteBuffer raw = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(7).putInt(-1).putInt(40);
        HostTensor x = HostTensor.ofRaw(ElementType.UINT32, new long[] {3}, raw.flip());
        try (DerivedModel derived = ModelRewriter.open(model).inputAsConstant("x", x).write();
             ModelSession session = TestSessions.factory().open(derived.path(), CPU)) {
            assertThat(session.inputs()).extracting(d -> d.name()).containsExactly("scale");
            PredictionResult r = session.run(Map.of("scale", HostTensor.ofLongs(new long[] {3}, 1, 1, 2)));
            HostTensor y = tensor(r, "y");
            assertThat(y.getLong(0)).isEqualTo(7);
            assertThat(y.getLong(1)).isEqualTo(4294967295L);
            assertThat(y.getLong(2)).isEqualTo(80);
        }
    }

    @Test
    void extractKeepsOnlyTheNodesBetweenTheChosenTensors() throws Exception {
        Path model = Protos.write(TestModels.convNet(), dir.resolve("conv.onnx"));
        ModelRewriter rewriter = ModelRewriter.open(model).extract(List.of("conv1_out"), List.of("pool1_out"));
        GraphProto g = rewriter.proto().getGraph();
        assertThat(g.getNodeList()).extracting(n -> n.getOpType()).containsExactly("Relu", "MaxPool");
        assertThat(g.getInitializerCount()).isZero();
        try (DerivedModel derived = rewriter.write();
             ModelSession session = TestSessions.factory().open(derived.path(), CPU)) {
            HostTensor in = ramp(1, 8, 32, 32);
            HostTensor out = tensor(session.run(Map.of("conv1_out", in)), "pool1_out");
            assertThat(out.shape()).containsExactly(1, 8, 16, 16);
            double expected = Math.max(0, Math.max(Math.max(in.getDouble(0), in.getDouble(1)),
                    Math.max(in.getDouble(32), in.getDouble(33))));
            assertThat(out.getDouble(0)).isEqualTo(expected);
        }
        assertThatThrownBy(() -> ModelRewriter.open(model).extract(List.of("relu1_out"), List.of("flat")))
                .isInstanceOf(RewriteException.class).hasMessageContaining("type of 'relu1_out' is not recorded");
    }
}
