package dev.onnxworkbench.app.tune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.app.diagram.CatalogOperatorLookup;
import dev.onnxworkbench.app.diagram.DiagramFixtures;
import dev.onnxworkbench.app.diagram.DiagramMapper;
import dev.onnxworkbench.app.predict.FormInputs;
import dev.onnxworkbench.app.task.CurrentThreadTaskExecutor;
import dev.onnxworkbench.app.task.RunState.Phase;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.runtime.ExecutionProvider;
import dev.onnxworkbench.models.runtime.TestSessions;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.testing.OptimizableModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run ▸ Optimized Graph…'s states as plain unit tests: real ONNX Runtime optimizations, no toolkit. */
class OptimizedGraphViewModelTest {
    @TempDir
    Path tmp;

    private final CurrentThreadTaskExecutor now = new CurrentThreadTaskExecutor();

    private OptimizedGraphViewModel vm(FormInputs form) {
        return new OptimizedGraphViewModel(now, TestSessions.factory(),
                new DiagramMapper(new CatalogOperatorLookup(DiagramFixtures.CATALOG)), () -> tmp.resolve("data"), form);
    }

    private Model conv(String name) throws Exception {
        return new OnnxReader().read(OptimizableModels.convBnRelu(tmp.resolve(name)));
    }

    @Test
    void idleThenRunningThenDoneNamingTheInputsOfTheCheck() throws Exception {
        Model m = conv("a.onnx");
        Phase[] during = new Phase[1];
        OptimizedGraphViewModel[] vm = new OptimizedGraphViewModel[1];
        vm[0] = vm(() -> () -> {
            during[0] = vm[0].state().phase();
            return InputSet.builder(m).randomFill(9).defaultBatch(1).build();
        });
        vm[0].showModel(m);
        assertThat(vm[0].state().message()).isEqualTo(OptimizedGraphViewModel.IDLE);
        vm[0].optimize("extended", ExecutionProvider.CPU);
        assertThat(during[0]).isEqualTo(Phase.RUNNING);
        assertThat(vm[0].state().phase()).as(vm[0].state().message()).isEqualTo(Phase.DONE);
        assertThat(vm[0].state().message()).startsWith("9 → 3 nodes");
        assertThat(vm[0].resultProperty().get().inputs()).startsWith("Inputs: ").contains("random, seed 9");
    }

    @Test
    void anUnknownLevelFailsWithItsMessage() throws Exception {
        OptimizedGraphViewModel vm = vm(FormInputs.NONE);
        vm.showModel(conv("a.onnx"));
        vm.optimize("everything", ExecutionProvider.CPU);
        assertThat(vm.state().phase()).isEqualTo(Phase.FAILED);
        assertThat(vm.state().message()).contains("everything");
        assertThat(vm.resultProperty().get()).isNull();
    }

    @Test
    void cancelledWhileOptimizingShowsNothing() throws Exception {
        Model m = conv("a.onnx");
        OptimizedGraphViewModel[] vm = new OptimizedGraphViewModel[1];
        vm[0] = vm(() -> () -> {
            vm[0].state().cancel();
            return InputSet.builder(m).randomFill(9).defaultBatch(1).build();
        });
        vm[0].showModel(m);
        vm[0].optimize("basic", ExecutionProvider.CPU);
        assertThat(vm[0].state().phase()).isEqualTo(Phase.CANCELLED);
        assertThat(vm[0].resultProperty().get()).isNull();
    }

    @Test
    void anotherModelWhileOptimizingSupersedesIt() throws Exception {
        Model a = conv("a.onnx");
        Model b = conv("b.onnx");
        OptimizedGraphViewModel[] vm = new OptimizedGraphViewModel[1];
        vm[0] = vm(() -> () -> {
            vm[0].showModel(b);
            return InputSet.builder(a).randomFill(9).defaultBatch(1).build();
        });
        vm[0].showModel(a);
        vm[0].optimize("basic", ExecutionProvider.CPU);
        assertThat(vm[0].state().phase()).isEqualTo(Phase.IDLE);
        assertThat(vm[0].resultProperty().get()).as("A's graph never shows for B").isNull();
    }
}
