package dev.onnxworkbench.app.insight;

import dev.onnxworkbench.app.predict.FormInputs;
import dev.onnxworkbench.app.task.BackgroundTask;
import dev.onnxworkbench.app.task.RunState;
import dev.onnxworkbench.app.task.TaskExecutor;
import dev.onnxworkbench.models.flops.ModelCosts;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.inspect.Inspection;
import dev.onnxworkbench.models.inspect.TensorReport;
import dev.onnxworkbench.models.profile.ProfileReport;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Inside tab without a toolkit: run and inspect, or profile, the current model on the Predict form's input
 * set; the tensors as they arrive, the results of the last runs, and where the work stands. A run of a model
 * that is no longer shown is superseded in the state's slot and delivers nothing.
 */
public final class InsightViewModel {
    /** Which kind of run finished last (the view shows its table and overlay). */
    public enum Kind { INSPECTION, PROFILE }

    static final String IDLE = "Run the model on the Predict form's inputs to see inside it.";
    static final String NO_MODEL = "Open a model to look inside a run.";

    private final TaskExecutor tasks;
    private final InsightRunner runner;
    private final FormInputs form;
    private final RunState state = new RunState(NO_MODEL);
    private final ObservableList<TensorReport> tensors = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<InsightResults> results =
            new ReadOnlyObjectWrapper<>(this, "results", InsightResults.EMPTY);
    private final ReadOnlyObjectWrapper<Kind> lastRun = new ReadOnlyObjectWrapper<>(this, "lastRun");
    private final ReadOnlyObjectWrapper<Model> model = new ReadOnlyObjectWrapper<>(this, "model");

    InsightViewModel(TaskExecutor tasks, InsightRunner runner, FormInputs form) {
        this.tasks = tasks;
        this.runner = runner;
        this.form = form;
    }

    public RunState state() {
        return state;
    }

    /** The inspected tensors (Constant outputs left out), filled as the inspection goes. */
    public ObservableList<TensorReport> tensors() {
        return tensors;
    }

    ReadOnlyObjectProperty<InsightResults> resultsProperty() {
        return results.getReadOnlyProperty();
    }

    InsightResults results() {
        return results.get();
    }

    public ReadOnlyObjectProperty<Kind> lastRunProperty() {
        return lastRun.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Model> modelProperty() {
        return model.getReadOnlyProperty();
    }

    /** Forgets the previous model's results and drops its work. */
    public void showModel(Model value) {
        model.set(value);
        state.reset(value == null ? NO_MODEL : IDLE);
        results.set(InsightResults.EMPTY);
        lastRun.set(null);
        tensors.clear();
    }

    /** Run and Inspect on the Predict form's input set (read now). */
    public void runAndInspect() {
        inspect(form.snapshot());
    }

    /** Run and Inspect on a given input set (another view's, or a test's). */
    public void runAndInspect(InputSet set) {
        inspect(() -> set);
    }

    /** Profile on the Predict form's input set (read now). */
    public void runProfile() {
        profile(form.snapshot());
    }

    public void runProfile(InputSet set) {
        profile(() -> set);
    }

    public boolean canRun() {
        return model.get() != null && model.get().path() != null;
    }

    private record Inspected(InputSet set, Inspection inspection, ModelCosts costs) {}

    private record Profiled(InputSet set, ProfileReport report) {}

    private void inspect(Callable<InputSet> inputs) {
        if (!canRun()) {
            return;
        }
        Model m = model.get();
        Path path = m.path();
        tensors.clear();
        state.run(BackgroundTask.<Inspected>wrap(work -> {
                    InputSet set = inputs.call();
                    work.update(-1, "Inspecting on " + set.summary() + "…");
                    Inspection inspection = runner.inspect(path, set,
                            report -> work.publish(() -> add(report)),
                            (done, total) -> work.update(total == 0 ? -1 : done / (double) total,
                                    String.format(Locale.ROOT, "%,d of %,d tensors", done, total)),
                            work::isCancelled);
                    return new Inspected(set, inspection, InsightRunner.costs(m.graph(), set, inspection));
                }).withTitle("Inspecting a run…").showInStatusBar(), tasks, "Preparing the inputs…",
                done -> {
                    results.set(results.get().withInspection(done.set(), done.inspection(), done.costs()));
                    tensors.setAll(done.inspection().tensors().stream().filter(t -> !isConstant(t)).toList());
                    lastRun.set(Kind.INSPECTION);
                    return summary(done.inspection());
                });
    }

    /**
     * Constant outputs are weights, not tensors of the run. Kept here rather than in {@code TensorTable}: loading
     * a TableView class needs the FX toolkit, and this ViewModel's tests run without it.
     */
    private static boolean isConstant(TensorReport t) {
        return t.opType().equals("Constant");
    }

    private void add(TensorReport report) {
        if (!isConstant(report)) {
            tensors.add(report);
        }
    }

    private void profile(Callable<InputSet> inputs) {
        if (!canRun()) {
            return;
        }
        Path path = model.get().path();
        state.run(BackgroundTask.<Profiled>wrap(work -> {
                    InputSet set = inputs.call();
                    work.update(-1, String.format(Locale.ROOT, "Profiling %d runs after %d warm-up runs on %s…",
                            InsightRunner.PROFILED_RUNS, InsightRunner.WARMUP_RUNS, set.summary()));
                    return new Profiled(set, runner.profile(path, set));
                }).withTitle("Profiling every node…").showInStatusBar(), tasks, "Preparing the inputs…",
                done -> {
                    results.set(results.get().withProfile(done.set(), done.report()));
                    lastRun.set(Kind.PROFILE);
                    return ProfileTable.summary(done.report());
                });
    }

    /** Writes the last profile's raw Chrome trace or its per-node CSV, in the background. */
    public void exportProfile(boolean trace, Path target) {
        var report = results.get().profile();
        if (report == null) {
            return;
        }
        BackgroundTask.wrap(() -> {
                    if (trace) {
                        java.nio.file.Files.copy(report.trace(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    } else {
                        dev.onnxworkbench.models.profile.ProfileExport.csv(report, target);
                    }
                    return target;
                })
                .withTitle("Exporting the profile…")
                .onSuccess(p -> state.say("Saved " + p + "."))
                .onFailure(e -> state.refuse(RunState.messageOf(e)))
                .executeWith(tasks);
    }

    /** Runs the model again for one tensor and writes its values (they are not kept after inspecting). */
    public void exportNpy(TensorReport t, Path target) {
        Model m = model.get();
        InputSet set = results.get().inputs();
        if (m == null || set == null) {
            return;
        }
        BackgroundTask.wrap(() -> runner.exportNpy(m.path(), set, t.name(), target))
                .withTitle("Exporting " + t.name() + "…")
                .showInStatusBar()
                .onSuccess(p -> state.say("Saved " + t.name() + " to " + p + "."))
                .onFailure(e -> state.refuse(RunState.messageOf(e)))
                .executeWith(tasks);
    }

    static String summary(Inspection inspection) {
        long bad = inspection.tensors().stream().filter(TensorReport::hasNonFinite).count();
        long constants = inspection.tensors().stream().filter(InsightViewModel::isConstant).count();
        return String.format(Locale.ROOT, "%,d tensors inspected%s in %.0f ms (%d run%s)%s",
                inspection.tensors().size() - constants,
                constants == 0 ? "" : String.format(Locale.ROOT, " (and %,d Constant outputs, not listed)", constants),
                inspection.totalMillis(), inspection.runs(),
                inspection.runs() == 1 ? "" : "s",
                bad == 0 ? "; no NaN or Inf." : String.format(Locale.ROOT, "; %d hold NaN or Inf.", bad));
    }
}
