package dev.onnxworkbench.app.tune;

import dev.onnxworkbench.app.predict.FormInputs;
import dev.onnxworkbench.app.task.BackgroundTask;
import dev.onnxworkbench.app.task.RunState;
import dev.onnxworkbench.app.task.TaskExecutor;
import dev.onnxworkbench.models.bench.ProviderProbe;
import dev.onnxworkbench.models.tensor.Tolerance;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.runtime.ExecutionProvider;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.tune.Candidate;
import dev.onnxworkbench.models.tune.TuneListener;
import dev.onnxworkbench.models.tune.TuneReport;
import dev.onnxworkbench.models.tune.TuneRequest;
import dev.onnxworkbench.models.tune.TunedConfig;
import dev.onnxworkbench.models.tune.Tuner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Run ▸ Tune… without a toolkit: the tuner on the current model and the Predict form's input set (or typed
 * sizes), candidates as they finish, the report, and the line naming the inputs that ran.
 */
public final class TuneViewModel {
    static final String IDLE = "Set a budget and press Tune: it runs on the Predict form's inputs.";

    private final TaskExecutor tasks;
    private final SessionFactory sessions;
    private final Path cacheDirectory;
    private final FormInputs form;
    private final RunState state = new RunState("Open a model first.");
    private final ObservableList<Candidate> candidates = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<TuneReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ReadOnlyStringWrapper inputs = new ReadOnlyStringWrapper(this, "inputs",
            "Inputs: the Predict form's (or the sizes typed here, on random values).");
    private Model model;

    /** @param cacheDirectory where TensorRT keeps its engines between runs */
    public TuneViewModel(TaskExecutor tasks, SessionFactory sessions, Path cacheDirectory, FormInputs form) {
        this.tasks = tasks;
        this.sessions = sessions;
        this.cacheDirectory = cacheDirectory;
        this.form = form;
    }

    public RunState state() {
        return state;
    }

    public ObservableList<Candidate> candidates() {
        return candidates;
    }

    public ReadOnlyObjectProperty<TuneReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** "Inputs: x float32[1,3,640,640] from street.png" once a run has its inputs. */
    public ReadOnlyStringProperty inputsProperty() {
        return inputs.getReadOnlyProperty();
    }

    public void showModel(Model value) {
        model = value;
        candidates.clear();
        report.set(null);
        state.reset(value == null ? "Open a model first." : IDLE);
    }

    /** Starts tuning; a mistake in the settings becomes the FAILED line and nothing runs. */
    public void run(String budgetSeconds, Set<ExecutionProvider> extraProviders, String sizes) {
        if (model == null || model.path() == null) {
            state.refuse("Open a model file first.");
            return;
        }
        double seconds;
        try {
            seconds = Double.parseDouble(budgetSeconds.trim());
            if (!(seconds > 0) || seconds > 24 * 3600) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            state.refuse("Budget (s): give a number of seconds above 0, e.g. 60.");
            return;
        }
        EnumSet<ExecutionProvider> providers = EnumSet.of(ExecutionProvider.CPU);
        providers.addAll(extraProviders);
        Model m = model;
        Callable<InputSet> set = ToolInputs.of(m, sizes, form);
        candidates.clear();
        report.set(null);
        TuneRequest request = new TuneRequest(providers, Duration.ofMillis((long) (seconds * 1000)), Tolerance.DEFAULT,
                cacheDirectory);
        state.run(BackgroundTask.<TuneReport>wrap(work -> {
            InputSet inputSet = set.call();
            work.publish(() -> inputs.set(ToolInputs.line(inputSet)));
            return new Tuner(sessions, new ProviderProbe(sessions)).tune(m.path(), inputSet, request, new TuneListener() {
                @Override
                public void progress(double fraction, String message) {
                    work.update(fraction, message);
                }

                @Override
                public void candidateFinished(Candidate candidate) {
                    work.publish(() -> candidates.add(candidate));
                }

                @Override
                public boolean isCancelled() {
                    return work.isCancelled();
                }
            });
        }).withTitle("Tuning " + m.path().getFileName()).showInStatusBar(), tasks, "Preparing the inputs…", r -> {
            report.set(r);
            long measured = r.candidates().stream().filter(c -> c.latency() != null).count();
            return String.format(Locale.ROOT, "%s: %d settings measured in %.0f s.", r.cancelled() ? "Cancelled"
                    : "Done", measured, r.elapsedSeconds());
        });
    }

    /** Writes the config and the snippets beside it in the background. */
    public void save(TuneReport r, Path file) {
        BackgroundTask.wrap(() -> TunedConfig.save(r, file)).withTitle("Saving " + file.getFileName())
                .onSuccess(paths -> state.say("Saved " + String.join(", ", paths.stream()
                        .map(p -> p.getFileName().toString()).toList()) + " in " + file.toAbsolutePath().getParent()))
                .onFailure(error -> state.say("Not saved: " + RunState.messageOf(error)))
                .executeWith(tasks);
    }
}
