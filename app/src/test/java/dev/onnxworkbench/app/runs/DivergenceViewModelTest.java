package dev.onnxworkbench.app.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.app.task.CurrentThreadTaskExecutor;
import dev.onnxworkbench.app.task.RunState.Phase;
import dev.onnxworkbench.models.diverge.DivergenceFinder;
import dev.onnxworkbench.models.diverge.DivergenceOptions;
import dev.onnxworkbench.models.diverge.Metric;
import dev.onnxworkbench.models.diverge.RunSpec;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.TestSessions;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.tensor.Tolerance;
import dev.onnxworkbench.models.testing.OptimizableModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Find Divergence's states as plain unit tests: real searches on a Conv+BN+Relu model, no toolkit. */
class DivergenceViewModelTest {
    @TempDir
    Path tmp;

    private final CurrentThreadTaskExecutor now = new CurrentThreadTaskExecutor();
    private final DivergenceViewModel vm = new DivergenceViewModel(now, new DivergenceFinder(TestSessions.factory()));

    private Model conv(String name) throws Exception {
        return new OnnxReader().read(OptimizableModels.convBnRelu(tmp.resolve(name)));
    }

    private static DivergenceForm.Request request(Model a, Path b) throws Exception {
        return new DivergenceForm.Request(new RunSpec(a.path(), ProviderSettings.cpu()),
                new RunSpec(b, ProviderSettings.cpu()), InputSet.builder(a).randomFill(5).defaultBatch(1).build(),
                new DivergenceOptions(new Tolerance(1e-5, 1e-5), Metric.ELEMENTWISE, Map.of(), false, 0));
    }

    @Test
    void idleThenRunningThenDoneNamingItsInputs() throws Exception {
        Model a = conv("a.onnx");
        List<Phase> during = new ArrayList<>();
        vm.state().progressProperty().addListener((obs, was, p) -> during.add(vm.state().phase()));
        assertThat(vm.state().phase()).isEqualTo(Phase.IDLE);
        vm.showModel(a);
        assertThat(vm.state().message()).isEqualTo(DivergenceViewModel.IDLE);
        vm.find(request(a, a.path()));
        assertThat(during).contains(Phase.RUNNING);
        assertThat(vm.state().phase()).as(vm.state().message()).isEqualTo(Phase.DONE);
        assertThat(vm.state().message()).startsWith("No tensor diverges");
        assertThat(vm.reportProperty().get()).isNotNull();
        assertThat(vm.inputsProperty().get()).startsWith("Inputs: ").contains("random, seed 5");
    }

    @Test
    void withoutAModelTheButtonSaysWhyInsteadOfDoingNothing() throws Exception {
        vm.find(request(conv("a.onnx"), tmp.resolve("a.onnx")));
        assertThat(vm.state().phase()).isEqualTo(Phase.FAILED);
        assertThat(vm.state().message()).startsWith("Open a model first");
    }

    @Test
    void aMissingReferenceFailsWithAMessage() throws Exception {
        Model a = conv("a.onnx");
        vm.showModel(a);
        vm.find(request(a, tmp.resolve("missing.onnx")));
        assertThat(vm.state().phase()).isEqualTo(Phase.FAILED);
        assertThat(vm.state().message()).contains("missing.onnx");
        assertThat(vm.reportProperty().get()).isNull();
    }

    @Test
    void cancelledMidSearch() throws Exception {
        Model a = conv("a.onnx");
        vm.showModel(a);
        vm.state().progressProperty().addListener((obs, was, p) -> {
            if (p.doubleValue() >= 0 && vm.state().phase() == Phase.RUNNING) {
                vm.state().cancel();
            }
        });
        vm.find(request(a, a.path()));
        assertThat(vm.state().phase()).isEqualTo(Phase.CANCELLED);
        assertThat(vm.reportProperty().get()).isNull();
    }

    @Test
    void anotherModelMidSearchSupersedesIt() throws Exception {
        Model a = conv("a.onnx");
        Model b = conv("b.onnx");
        vm.showModel(a);
        vm.state().progressProperty().addListener((obs, was, p) -> {
            if (p.doubleValue() >= 0 && vm.modelProperty().get() == a) {
                vm.showModel(b);
            }
        });
        vm.find(request(a, a.path()));
        assertThat(vm.modelProperty().get()).isSameAs(b);
        assertThat(vm.state().phase()).isEqualTo(Phase.IDLE);
        assertThat(vm.reportProperty().get()).as("A's report never shows under B").isNull();
    }
}
