package dev.onnxworkbench.app.tune;

import dev.onnxworkbench.app.diagram.DiagramMapper;
import dev.onnxworkbench.app.predict.FormInputs;
import dev.onnxworkbench.app.runs.PreparedDiff;
import dev.onnxworkbench.app.task.BackgroundTask;
import dev.onnxworkbench.app.task.RunState;
import dev.onnxworkbench.app.task.TaskExecutor;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.optimize.GraphOptimizer;
import dev.onnxworkbench.models.optimize.OptimizedModel;
import dev.onnxworkbench.models.runtime.ExecutionProvider;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * Run ▸ Optimized Graph… without a toolkit: optimize the current model at a level on a provider, check the
 * saved file on the Predict form's input set, and prepare the diff the view draws. A result for a model no
 * longer shown is superseded.
 */
public final class OptimizedGraphViewModel {
    static final String IDLE = "Choose a level and a provider, then Optimize.";

    /** A finished optimization with its diff and marks prepared off the FX thread, and the inputs it ran. */
    public record Shown(OptimizedModel optimized, PreparedDiff prepared, OptimizationMarks marks, String inputs) {}

    private final TaskExecutor tasks;
    private final SessionFactory sessions;
    private final DiagramMapper mapper;
    private final Supplier<Path> folder;
    private final FormInputs form;
    private final RunState state = new RunState("Open a model first.");
    private final ReadOnlyObjectWrapper<Shown> result = new ReadOnlyObjectWrapper<>(this, "result");
    private Model model;

    /** @param folder where optimized files go (the app's data folder), asked off the FX thread */
    public OptimizedGraphViewModel(TaskExecutor tasks, SessionFactory sessions, DiagramMapper mapper,
                                   Supplier<Path> folder, FormInputs form) {
        this.tasks = tasks;
        this.sessions = sessions;
        this.mapper = mapper;
        this.folder = folder;
        this.form = form;
    }

    public RunState state() {
        return state;
    }

    public ReadOnlyObjectProperty<Shown> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public void showModel(Model value) {
        model = value;
        result.set(null);
        state.reset(value == null ? "Open a model first." : IDLE);
    }

    /** Optimizes in the background; the check run uses the form's inputs (random when it is not filled in). */
    public void optimize(String level, ExecutionProvider provider) {
        if (model == null || model.path() == null) {
            state.refuse("Open a model file first.");
            return;
        }
        Path source = model.path();
        Callable<InputSet> set = ToolInputs.of(model, null, form);
        result.set(null);
        state.run(BackgroundTask.wrap(() -> {
            Path dir = folder.get().resolve("optimized");
            Files.createDirectories(dir);
            String stem = source.getFileName().toString().replaceFirst("(?i)\\.onnx$", "");
            Path out = dir.resolve(stem + "." + level + "." + provider.name().toLowerCase(Locale.ROOT) + ".onnx");
            InputSet inputs = null;
            String why = null;
            try {
                inputs = set.call();
            } catch (InvalidInputException e) {
                why = e.getMessage();
            }
            OptimizedModel optimized = new GraphOptimizer(sessions).optimize(source, level,
                    ProviderSettings.defaults(provider), out, inputs, why);
            String ran = inputs == null ? "Inputs: none ran (" + why + ")" : ToolInputs.line(inputs);
            PreparedDiff prepared = PreparedDiff.of(optimized.original(), optimized.optimized(), mapper);
            return new Shown(optimized, prepared, OptimizationMarks.of(optimized, prepared), ran);
        }).withTitle("Optimizing " + source.getFileName()).showInStatusBar(), tasks,
                "Optimizing at level " + level + " on " + provider.displayName() + "…", shown -> {
                    result.set(shown);
                    var s = shown.optimized().summary();
                    return String.format(Locale.ROOT, "%d → %d nodes. Left: original, fused/folded/removed nodes "
                            + "marked; right: optimized, new nodes outlined. Click a node to find its match.",
                            s.nodesBefore(), s.nodesAfter());
                });
    }

    /** Copies the optimized file where the user chose, in the background. */
    public void saveAs(Path target) {
        Shown shown = result.get();
        if (shown == null) {
            return;
        }
        OptimizedModel m = shown.optimized();
        BackgroundTask.wrap(() -> Files.copy(m.out(), target, StandardCopyOption.REPLACE_EXISTING))
                .withTitle("Saving " + target.getFileName())
                .onSuccess(p -> state.say("Saved " + target + " — " + m.settings().provider().displayName()
                        + ", level " + m.level() + ", this machine only."))
                .onFailure(error -> state.say("Not saved: " + RunState.messageOf(error)))
                .executeWith(tasks);
    }
}
