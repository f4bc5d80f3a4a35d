package dev.onnxworkbench.app.predict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.app.task.CurrentThreadTaskExecutor;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.runtime.inputs.InputSource;
import dev.onnxworkbench.models.runtime.inputs.InputSpec;
import dev.onnxworkbench.models.runtime.inputs.ValueRules;
import dev.onnxworkbench.models.samples.SampleModels;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Predict sidebar's state and commands on the same-thread executor, with a form and backend that record. */
class PredictViewModelTest {
    @TempDir
    Path tmp;

    private final CurrentThreadTaskExecutor now = new CurrentThreadTaskExecutor();

    @Test
    void randomFillsOnlyTheInputsLeftEmpty() throws Exception {
        PredictViewModel vm = new PredictViewModel(now, new InputMemory(tmp.resolve("data")), new RecordingBackend());
        Model model = new OnnxReader().read(SampleModels.weightChange(tmp));
        vm.showModel(model);
        List<InputSpec> specs = vm.preparedProperty().get().specs();
        InputSpec typed = specs.stream().filter(InputSpec::isTensor).findFirst().orElseThrow();
        RecordingForm form = new RecordingForm(specs.stream().filter(s -> s != typed).toList());
        vm.attach(form);

        vm.fillRandomly("7");

        assertThat(form.loaded).doesNotContainKey(typed.name())
                .containsOnlyKeys(specs.stream().filter(s -> s != typed && s.isTensor()).map(InputSpec::name).toArray(String[]::new));
        assertThat(form.sources.values()).allMatch(s -> s.equals("random, seed 7"));
        assertThat(vm.statusIsErrorProperty().get()).isFalse();
    }

    @Test
    void aSeedThatIsNotANumberIsRefusedWithAMessage() throws Exception {
        PredictViewModel vm = new PredictViewModel(now, new InputMemory(tmp.resolve("data")), new RecordingBackend());
        vm.showModel(new OnnxReader().read(SampleModels.weightChange(tmp)));
        RecordingForm form = new RecordingForm(vm.preparedProperty().get().specs());
        vm.attach(form);
        vm.fillRandomly("seven");
        assertThat(form.loaded).isEmpty();
        assertThat(vm.statusProperty().get()).isEqualTo("The seed must be a whole number.");
        assertThat(vm.statusIsErrorProperty().get()).isTrue();
    }

    @Test
    void aRunForModelAThatEndsAfterModelBOpenedShowsNothingInB() throws Exception {
        Model a = new OnnxReader().read(SampleModels.weightChange(tmp.resolve("a")));
        Model b = new OnnxReader().read(SampleModels.dominantColour(tmp.resolve("b")));
        RecordingBackend backend = new RecordingBackend();
        PredictViewModel vm = new PredictViewModel(now, new InputMemory(tmp.resolve("data")), backend);
        backend.duringRun = () -> vm.showModel(b); // the user opens B while A runs
        vm.showModel(a);
        vm.attach(new RecordingForm(List.of()));
        vm.run("CPU");
        assertThat(backend.runs).isEqualTo(1);
        assertThat(vm.modelProperty().get()).isSameAs(b);
        assertThat(vm.outcomeProperty().get()).isNull();
        assertThat(vm.statusProperty().get()).doesNotStartWith("Ran in");
        assertThat(vm.runningProperty().get()).isFalse();
    }

    /** A form whose empty inputs are given; it records what is loaded into it. */
    private static final class RecordingForm implements PredictViewModel.Form {
        final List<InputSpec> empty;
        final Map<String, HostTensor> loaded = new LinkedHashMap<>();
        final Map<String, String> sources = new LinkedHashMap<>();

        RecordingForm(List<InputSpec> empty) {
            this.empty = empty;
        }

        @Override
        public Map<String, Callable<InputSource>> snapshot() {
            return Map.of();
        }

        @Override
        public void setRules(ValueRules rules) {
        }

        @Override
        public Map<String, Long> sizes() {
            return Map.of();
        }

        @Override
        public InputMemory.Saved remembered() {
            return InputMemory.Saved.NONE;
        }

        @Override
        public boolean isValid() {
            return true;
        }

        @Override
        public List<InputSpec> emptyInputs() {
            return empty;
        }

        @Override
        public void load(String input, HostTensor value, String source) {
            loaded.put(input, value);
            sources.put(input, source);
        }
    }

    private static final class RecordingBackend implements PredictionBackend {
        int runs;
        Runnable duringRun = () -> { };

        @Override
        public List<String> providers() {
            return List.of("CPU");
        }

        @Override
        public RunResult run(Path model, String provider, InputSet inputs) throws WorkbenchException {
            runs++;
            duringRun.run();
            return new RunResult(List.of(), Map.of(), 1.5, provider);
        }

        @Override
        public void close() {
        }
    }
}
