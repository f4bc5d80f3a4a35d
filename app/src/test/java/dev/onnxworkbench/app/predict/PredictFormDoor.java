package dev.onnxworkbench.app.predict;

import dev.onnxworkbench.app.task.CurrentThreadTaskExecutor;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.runtime.inputs.InputSource;
import dev.onnxworkbench.models.runtime.inputs.InputSpec;
import dev.onnxworkbench.models.runtime.inputs.ValueRules;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The Predict form as a door for values, for tests outside this package: what the user typed in each field
 * goes to the real {@link PredictViewModel} as the form hands it over ({@link PredictViewModel.Form#snapshot}),
 * Run is pressed, and the status line (what the window shows) comes back.
 */
public final class PredictFormDoor {
    private PredictFormDoor() {
    }

    /** Types {@code typed} (input → text) into the form of {@code model}, ticks Allow NaN/±Inf or not, runs. */
    public static String run(Path model, Map<String, String> typed, boolean allowNonFinite, Path data)
            throws Exception {
        try (RuntimeBackend backend = PaneTesting.backend()) {
            PredictViewModel vm = new PredictViewModel(new CurrentThreadTaskExecutor(), new InputMemory(data), backend);
            vm.showModel(new OnnxReader().read(model));
            vm.allowNonFiniteProperty().set(allowNonFinite);
            vm.attach(new TypedForm(typed));
            vm.run("CPU");
            return vm.statusProperty().get();
        }
    }

    /** A valid form whose rows hold typed text, batch size 1. */
    private record TypedForm(Map<String, String> typed) implements PredictViewModel.Form {
        @Override
        public Map<String, Callable<InputSource>> snapshot() {
            Map<String, Callable<InputSource>> sources = new LinkedHashMap<>();
            typed.forEach((input, text) -> sources.put(input, () -> new InputSource.Typed(text)));
            return sources;
        }

        @Override
        public void setRules(ValueRules rules) {
        }

        @Override
        public Map<String, Long> sizes() {
            return Map.of("N", 1L);
        }

        @Override
        public InputMemory.Saved remembered() {
            return InputMemory.Saved.NONE;
        }

        @Override
        public List<InputSpec> emptyInputs() {
            return List.of();
        }

        @Override
        public boolean isValid() {
            return true;
        }

        @Override
        public void load(String input, HostTensor value, String source) {
        }
    }
}
