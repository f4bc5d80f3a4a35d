package dev.onnxworkbench.models.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.TestSessions;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.testing.OptimizableModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ONNX Runtime's optimizer on a Conv+BN+Relu model: fewer nodes, the fusions named, the saved file runs. */
class GraphOptimizerTest {
    @TempDir
    Path tmp;

    private final GraphOptimizer optimizer = new GraphOptimizer(TestSessions.factory());

    @Test
    void levelAllFoldsBatchNormFusesReluAndTheSavedFileRuns() throws Exception {
        Path model = OptimizableModels.convBnRelu(tmp.resolve("net.onnx"));
        Path out = tmp.resolve("out/net.all.onnx");
        InputSet inputs = InputSet.builder(new OnnxReader().read(model)).dim("N", 2).randomFill(7).build();

        OptimizedModel result = optimizer.optimize(model, "all", ProviderSettings.cpu(), out, inputs, null);

        assertThat(out).isRegularFile();
        var s = result.summary();
        assertThat(s.nodesBefore()).isEqualTo(9);
        assertThat(s.nodesAfter()).isLessThan(s.nodesBefore());
        // Both BatchNormalizations and both Relus disappear into the convolutions.
        assertThat(s.removed()).containsEntry("BatchNormalization", 2).containsEntry("Relu", 2)
                .containsEntry("Identity", 1);
        assertThat(s.fused()).anySatisfy(f -> {
            assertThat(f.opType()).contains("Conv").contains("BatchNormalization").contains("Relu");
            assertThat(f.count()).isEqualTo(2);
        });
        assertThat(s.folded()).containsEntry("Add", 1);
        assertThat(s.eliminated()).containsEntry("Identity", 1);
        assertThat(result.inWords()).contains("9 nodes →").contains("Fused:");
        assertThat(result.note()).contains("CPU").contains("level all").contains("hardware");
        assertThat(result.check().ran()).isTrue();
        assertThat(result.check().agrees()).as(result.check().message()).isTrue();
        assertThat(result.check().maxAbsError()).isLessThan(1e-3);
    }

    @Test
    void basicLevelFoldsButLeavesActivationsForLaterLevels() throws Exception {
        Path model = OptimizableModels.convBnRelu(tmp.resolve("net.onnx"));
        OptimizedModel basic = optimizer.optimize(model, "basic", ProviderSettings.cpu(), tmp.resolve("b.onnx"), null,
                "no inputs in this test");
        assertThat(basic.summary().removed()).containsEntry("BatchNormalization", 2).doesNotContainKey("Relu");
        assertThat(basic.summary().added()).isEmpty();
        assertThat(basic.check().ran()).isFalse();
        assertThat(basic.check().message()).startsWith("ONNX Runtime loads the saved model").contains("no inputs in this test");
        var json = OptimizationJson.write(basic);
        assertThat(json.path("nodesBefore").asInt()).isEqualTo(9);
        assertThat(json.path("removed").path("BatchNormalization").asInt()).isEqualTo(2);
        assertThat(json.path("note").asText()).contains("tied to");
    }

    @Test
    void refusesToOverwriteTheModelAndUnknownLevels() throws Exception {
        Path model = OptimizableModels.convBnRelu(tmp.resolve("net.onnx"));
        long size = Files.size(model);
        assertThatThrownBy(() -> optimizer.optimize(model, "all", ProviderSettings.cpu(), model, null, null))
                .isInstanceOf(WorkbenchException.class).hasMessageContaining("is the model itself");
        assertThatThrownBy(() -> optimizer.optimize(model, "max", ProviderSettings.cpu(), tmp.resolve("x.onnx"), null, null))
                .hasMessageContaining("basic, extended or all");
        assertThat(Files.size(model)).isEqualTo(size);
        assertThat(tmp.resolve("x.onnx")).doesNotExist();
    }
}
