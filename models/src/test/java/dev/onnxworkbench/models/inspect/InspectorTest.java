package dev.onnxworkbench.models.inspect;

import static dev.onnxworkbench.models.testing.Protos.node;
import static dev.onnxworkbench.models.testing.Protos.tensorValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import dev.onnxworkbench.models.rewrite.DerivedModel;
import dev.onnxworkbench.models.rewrite.ModelRewriter;
import dev.onnxworkbench.models.rewrite.RewriteException;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.ProviderOption;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.TestSessions;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.OutputValue;
import dev.onnxworkbench.models.tensor.TensorFiles;
import dev.onnxworkbench.models.tensor.TensorRequest;
import dev.onnxworkbench.models.tensor.TensorStatistics;
import dev.onnxworkbench.models.testing.Protos;
import dev.onnxworkbench.models.testing.TestModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectorTest {
    private static final ProviderSettings CPU = ProviderSettings.cpu().with(ProviderOption.INTRA_OP_THREADS, "1");

    @TempDir
    Path dir;

    private final Inspector inspector = new Inspector(TestSessions.factory(), CPU);

    private static HostTensor input() throws Exception {
        float[] v = new float[3 * 32 * 32];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.sin(i * 0.11) * 2;
        }
        return HostTensor.ofFloats(new long[] {1, 3, 32, 32}, v);
    }

    /** Every tensor's values straight from one "mark all" run: the reference the inspection must match. */
    private Map<String, OutputValue> direct(Path model, Map<String, HostTensor> inputs) throws Exception {
        try (DerivedModel derived = ModelRewriter.open(model).markAllOutputs().write();
             ModelSession session = TestSessions.factory().open(derived.path(), CPU)) {
            return session.run(inputs).outputs();
        }
    }

    @Test
    void statisticsOfEveryTensorMatchADirectComputationAcrossBatches() throws Exception {
        Path model = Protos.write(TestModels.convNet(), dir.resolve("conv.onnx"));
        Map<String, HostTensor> inputs = Map.of("input", input());
        List<TensorReport> streamed = new ArrayList<>();
        // 40 KB per run: the 32 KB conv output fills a batch alone, so batches are cut and live tensors carried over.
        Inspection inspection = inspector.inspect(model, inputs, InspectOptions.all().withMaxBytesPerRun(40_000),
                streamed::add, () -> false);
        assertThat(inspection.runs()).isGreaterThan(1);
        assertThat(inspection.tensors()).extracting(TensorReport::name)
                .containsExactly("conv1_out", "relu1_out", "pool1_out", "flat", "logits");
        assertThat(streamed).hasSize(5);
        Map<String, OutputValue> expected = direct(model, inputs);
        for (TensorReport r : inspection.tensors()) {
            HostTensor values = ((OutputValue.TensorValue) expected.get(r.name())).tensor();
            TensorStatistics want = TensorStatistics.of(values.data(), values.elementType(), values.elementCount(), 16);
            assertThat(r.shape()).as(r.name()).containsExactly(values.shape());
            assertThat(r.type()).isEqualTo("float32");
            assertThat(r.stats().min()).as(r.name()).isCloseTo(want.min(), within(1e-5));
            assertThat(r.stats().max()).as(r.name()).isCloseTo(want.max(), within(1e-5));
            assertThat(r.stats().mean()).as(r.name()).isCloseTo(want.mean(), within(1e-5));
            assertThat(r.stats().std()).as(r.name()).isCloseTo(want.std(), within(1e-5));
            assertThat(r.stats().zeros()).as(r.name()).isEqualTo(want.zeros());
            assertThat(r.stats().first()).hasSize((int) Math.min(16, values.elementCount()));
            assertThat(java.util.Arrays.stream(r.histogram().counts()).sum()).isEqualTo(values.elementCount());
        }
        TensorReport relu = inspection.tensor("relu1_out").orElseThrow();
        assertThat(relu.opType()).isEqualTo("Relu");
        assertThat(relu.producer()).isEqualTo("relu1");
        assertThat(relu.stats().min()).isEqualTo(0.0);
        assertThat(inspection.firstNonFinite()).isEmpty();
    }

    @Test
    void theFirstNaNInTopologicalOrderIsFoundAndDumpsAreReadable() throws Exception {
        int f = TensorProto.DataType.FLOAT_VALUE;
        GraphProto graph = GraphProto.newBuilder().setName("nan")
                .addInput(tensorValue("x", f, 4L))
                .addOutput(tensorValue("y", f, 4L))
                .addNode(node("Abs", "abs", List.of("x"), List.of("a/b:0")))
                .addNode(node("Sqrt", "root", List.of("x"), List.of("r")))
                .addNode(node("Add", "sum", List.of("a/b:0", "r"), List.of("y")))
                .build();
        Path model = Protos.write(Protos.model(graph, 17).build(), dir.resolve("nan.onnx"));
        Path dump = dir.resolve("dump");
        Inspection inspection = inspector.inspect(model,
                Map.of("x", HostTensor.ofFloats(new long[] {4}, 4, -1, 9, 0)), InspectOptions.all().withDump(dump));
        assertThat(inspection.firstNonFinite()).map(TensorReport::name).contains("r");
        assertThat(inspection.tensor("r").orElseThrow().stats().nanCount()).isEqualTo(1);
        assertThat(inspection.tensor("y").orElseThrow().hasNonFinite()).isTrue();
        HostTensor abs = TensorFiles.read(dump.resolve("a_b_0.npy"), new TensorRequest("a", ElementType.FLOAT, new long[] {4}));
        assertThat(abs.getDouble(1)).isEqualTo(1.0);
        JsonNode index = new ObjectMapper().readTree(dump.resolve("index.json").toFile());
        assertThat(index.path("a/b:0").path("file").asText()).isEqualTo("a_b_0.npy");
        assertThat(index.path("r").path("shape").get(0).asInt()).isEqualTo(4);
        assertThat(index.path("y").path("type").asText()).isEqualTo("float32");
    }

    @Test
    void chosenTensorsOnlyAndUnknownNamesRefused() throws Exception {
        Path model = Protos.write(TestModels.convNet(), dir.resolve("conv.onnx"));
        Inspection one = inspector.inspect(model, Map.of("input", input()),
                InspectOptions.all().withTensors(List.of("pool1_out")));
        assertThat(one.tensors()).extracting(TensorReport::name).containsExactly("pool1_out");
        assertThat(one.tensors().getFirst().shape()).containsExactly(1, 8, 16, 16);
        assertThatThrownBy(() -> inspector.inspect(model, Map.of("input", input()),
                InspectOptions.all().withTensors(List.of("conv1.weight"))))
                .isInstanceOf(RewriteException.class).hasMessageContaining("'conv1.weight'");
    }

    @Test
    void aChainOf5000NodesIsInspectedInBatchesOfAtMost4096Tensors() throws Exception {
        Path model = Protos.write(TestModels.chain(5_000), dir.resolve("chain.onnx"));
        float[] x = new float[16];
        java.util.Arrays.fill(x, 0.5f);
        Inspection inspection = inspector.inspect(model, Map.of("x", HostTensor.ofFloats(new long[] {1, 16}, x)),
                InspectOptions.all());
        assertThat(inspection.tensors()).hasSize(5_000);
        assertThat(inspection.runs()).isEqualTo(2);
        assertThat(inspection.tensors().getLast().name()).isEqualTo("y");
        assertThat(inspection.tensors().getLast().shape()).containsExactly(1, 16);
    }
}
