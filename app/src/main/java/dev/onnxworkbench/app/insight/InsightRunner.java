package dev.onnxworkbench.app.insight;

import dev.onnxworkbench.models.TemporaryFolders;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.flops.ModelCosts;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.graph.Graph;
import dev.onnxworkbench.models.profile.ProfileReport;
import dev.onnxworkbench.models.profile.Profiler;
import java.util.HashMap;
import dev.onnxworkbench.models.inspect.InspectOptions;
import dev.onnxworkbench.models.inspect.Inspection;
import dev.onnxworkbench.models.inspect.Inspector;
import dev.onnxworkbench.models.inspect.TensorReport;
import dev.onnxworkbench.models.runtime.ExecutionProvider;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** The inside-a-run work, off the FX thread: inspect a run, export one tensor. Runs on the CPU provider. */
final class InsightRunner {
    /** Progress of a multi-step run: {@code done} of {@code total} steps. */
    interface Steps {
        void update(long done, long total);
    }

    static final int WARMUP_RUNS = 2;
    static final int PROFILED_RUNS = 10;

    private final java.util.function.Supplier<SessionFactory> sessions;

    InsightRunner(java.util.function.Supplier<SessionFactory> sessions) {
        this.sessions = sessions;
    }

    Inspection inspect(Path model, InputSet set, Consumer<TensorReport> each, Steps steps, BooleanSupplier cancelled)
            throws WorkbenchException {
        Map<String, dev.onnxworkbench.models.tensor.HostTensor> values = set.values();
        long[] done = {0};
        return new Inspector(sessions(), cpu()).inspect(model, values, InspectOptions.all(), report -> {
            each.accept(report);
            steps.update(++done[0], 0);
        }, cancelled);
    }

    /** FLOPs, parameters and activation memory of every top-level node at the shapes the run produced. */
    static ModelCosts costs(Graph graph, InputSet set, Inspection inspection) {
        Map<String, long[]> inputShapes = new HashMap<>();
        for (String name : set.names()) {
            inputShapes.put(name, set.shape(name));
        }
        return inspection.costs(graph, inputShapes);
    }

    /** Profiles {@value #PROFILED_RUNS} runs after {@value #WARMUP_RUNS} warm-up runs (ORT's profiler, own session). */
    ProfileReport profile(Path model, InputSet set) throws WorkbenchException {
        return new Profiler(sessions(), cpu()).profile(model, set.values(), WARMUP_RUNS, PROFILED_RUNS, null);
    }

    Path exportNpy(Path model, InputSet set, String tensor, Path target) throws WorkbenchException {
        Path dir = null;
        try {
            dir = TemporaryFolders.create("onnx-workbench-npy");
            Inspection one = new Inspector(sessions(), cpu()).inspect(model, set.values(),
                    InspectOptions.all().withTensors(List.of(tensor)).withDump(dir));
            Path written = one.tensor(tensor).flatMap(TensorReport::npy).orElseThrow(() ->
                    new WorkbenchException("The run produced no values for " + tensor + "."));
            Files.move(written, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new WorkbenchException("Could not write " + target + ": " + e.getMessage(), e);
        } finally {
            TemporaryFolders.delete(dir);
        }
    }

    private SessionFactory sessions() {
        return sessions.get();
    }

    private static ProviderSettings cpu() {
        return ProviderSettings.cpu();
    }
}
