package dev.onnxworkbench.app.runs;

import dev.onnxworkbench.app.task.BackgroundTask;
import dev.onnxworkbench.app.task.RunState;
import dev.onnxworkbench.app.task.TaskExecutor;
import dev.onnxworkbench.models.diverge.DivergenceFinder;
import dev.onnxworkbench.models.diverge.DivergenceReport;
import dev.onnxworkbench.models.graph.Model;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Find Divergence without a toolkit: the search for the current model's request, where it stands, its report
 * and the line naming the inputs it ran. A search for a model no longer shown is superseded and shows nothing.
 */
public final class DivergenceViewModel {
    static final String IDLE = "Choose the two runs and press Find Divergence.";

    private final TaskExecutor tasks;
    private final DivergenceFinder finder;
    private final RunState state = new RunState("Open a model first: Run A is the model open in the main window.");
    private final ReadOnlyObjectWrapper<DivergenceReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ReadOnlyObjectWrapper<Model> model = new ReadOnlyObjectWrapper<>(this, "model");
    private final ReadOnlyStringWrapper inputs = new ReadOnlyStringWrapper(this, "inputs", "");

    public DivergenceViewModel(TaskExecutor tasks, DivergenceFinder finder) {
        this.tasks = tasks;
        this.finder = finder;
    }

    public RunState state() {
        return state;
    }

    public ReadOnlyObjectProperty<DivergenceReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Model> modelProperty() {
        return model.getReadOnlyProperty();
    }

    /** "Inputs: x float32[1,3,640,640] from street.png" once a search has its inputs. */
    public ReadOnlyStringProperty inputsProperty() {
        return inputs.getReadOnlyProperty();
    }

    public void showModel(Model value) {
        model.set(value);
        report.set(null);
        inputs.set("");
        state.reset(value == null ? "Open a model first: Run A is the model open in the main window." : IDLE);
    }

    /** A setting that did not parse: FAILED with its message, nothing runs. */
    public void refuse(String why) {
        state.refuse(why);
    }

    /** Searches where the two runs of {@code request} part ways. */
    public void find(DivergenceForm.Request request) {
        if (model.get() == null) {
            state.refuse("Open a model first: Run A is the model open in the main window.");
            return;
        }
        report.set(null);
        inputs.set("Inputs: " + request.inputs().summary());
        state.run(BackgroundTask.<DivergenceReport>wrap(p -> finder.find(request.runA(), request.runB(),
                        request.inputs().values(), request.inputs().describe(), request.options(),
                        (message, done, total) -> {
                            if (p.isCancelled()) {
                                throw new CancellationException();
                            }
                            p.update(total == 0 ? -1 : (double) done / total, message);
                        }))
                .withTitle("Finding where two runs diverge").showInStatusBar(), tasks, "Opening both runs…", r -> {
                    report.set(r);
                    return summary(r);
                });
    }

    static String summary(DivergenceReport r) {
        return r.firstDivergent().map(t -> String.format(Locale.ROOT,
                        "First divergent tensor: %s from %s (%s), max abs error %s, %d of %d elements fail; "
                                + "%d tensors compared in %d run%s.", t.name(), t.node(), t.opType(),
                        ErrorHeat.short3(t.error().maxAbsError()), t.error().failing(), t.error().elements(),
                        r.tensors().size(), r.runs(), r.runs() == 1 ? "" : "s"))
                .orElse("No tensor diverges: the runs agree within the tolerances (" + r.tensors().size()
                        + " tensors compared).")
                + (r.paging() == null ? "" : " Memory: " + r.paging().describe() + ".");
    }
}
