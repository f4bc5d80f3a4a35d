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
import dev.onnxworkbench.models.bench.ModelPrecision;
import dev.onnxworkbench.models.precision.ModelVerifier;
import dev.onnxworkbench.models.precisionaxis.Precision;
import dev.onnxworkbench.models.precisionaxis.PrecisionCopies;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    private final java.util.concurrent.atomic.AtomicReference<PrecisionCopies> copies =
            new java.util.concurrent.atomic.AtomicReference<>();
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
        dropCopies();
        model = value;
        candidates.clear();
        report.set(null);
        state.reset(value == null ? "Open a model first." : IDLE);
    }

    /** Starts tuning session settings only; a mistake in the settings becomes the FAILED line and nothing runs. */
    public void run(String budgetSeconds, Set<ExecutionProvider> extraProviders, String sizes) {
        run(budgetSeconds, extraProviders, sizes, Set.of(), "1e-3", "1e-2", "", "");
    }

    /**
     * Starts tuning with a precision axis: copies of the model at {@code precisions} (FP16, INT8 static calibrated on
     * {@code calibrationFolder}, or on the tuning inputs when it is blank) and the {@code variantFiles} (';'-separated,
     * as {@code tune --variant}) are candidates too, and one whose error against FP32 is over {@code atol}/{@code rtol}
     * (both, Polygraphy's rule) is rejected and never wins. The copies live until the next run or model, so a
     * winning copy can still be saved.
     */
    public void run(String budgetSeconds, Set<ExecutionProvider> extraProviders, String sizes, Set<Precision> precisions,
                    String atol, String rtol, String calibrationFolder, String variantFiles) {
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
        Tolerance gate;
        try {
            gate = new Tolerance(Double.parseDouble(rtol.trim()), Double.parseDouble(atol.trim()));
        } catch (IllegalArgumentException e) {
            state.refuse("Max error against FP32: give two numbers of 0 or more, e.g. 1e-3 and 1e-2.");
            return;
        }
        List<java.nio.file.Path> variants;
        java.nio.file.Path calibration;
        try {
            variants = dev.onnxworkbench.app.compare.PrecisionSources.variants(variantFiles);
            calibration = dev.onnxworkbench.app.compare.PrecisionSources.calibrationFolder(calibrationFolder);
        } catch (dev.onnxworkbench.models.runtime.inputs.InvalidInputException e) {
            state.refuse(e.getMessage());
            return;
        }
        if (calibration != null && !precisions.contains(Precision.INT8_STATIC)) {
            state.refuse("Calibration folder: it is for INT8 static, which is not ticked.");
            return;
        }
        List<Precision> axis = new ArrayList<>(List.of(Precision.FP32));
        for (Precision p : Precision.values()) {
            if (p != Precision.FP32 && precisions.contains(p)) {
                axis.add(p);
            }
        }
        dropCopies();
        EnumSet<ExecutionProvider> providers = EnumSet.of(ExecutionProvider.CPU);
        providers.addAll(extraProviders);
        Model m = model;
        Callable<InputSet> set = ToolInputs.of(m, sizes, form);
        candidates.clear();
        report.set(null);
        Duration budget = Duration.ofMillis((long) (seconds * 1000));
        state.run(BackgroundTask.<TuneReport>wrap(work -> {
            InputSet inputSet = set.call();
            work.publish(() -> inputs.set(ToolInputs.line(inputSet)));
            List<ModelPrecision> copies = List.of();
            if (axis.size() > 1 || !variants.isEmpty()) {
                PrecisionCopies made = PrecisionCopies.make(m.path(), axis, variants,
                        dev.onnxworkbench.app.compare.PrecisionSources.calibrationSet(m.path(), calibration, inputSet),
                        inputSet.values(),
                        new ModelVerifier(sessions, ProviderSettings.cpu()), (message, step, steps) -> work.update(0, message));
                PrecisionCopies old = this.copies.getAndSet(made);
                if (old != null) {
                    old.close();
                }
                copies = made.precisions();
            }
            TuneRequest request = new TuneRequest(providers, budget, Tolerance.DEFAULT, cacheDirectory, copies, gate);
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
            long rejected = r.candidates().stream().filter(c -> c.status() == Candidate.Status.REJECTED).count();
            return String.format(Locale.ROOT, "%s: %d settings measured in %.0f s%s.", r.cancelled() ? "Cancelled"
                    : "Done", measured, r.elapsedSeconds(), rejected == 0 ? "" : "; " + rejected + " lower-precision "
                    + (rejected == 1 ? "copy" : "copies") + " rejected: error against FP32 over the tolerance");
        });
    }

    /** Deletes the precision copies of the last run (a new run or model makes its own). */
    private void dropCopies() {
        PrecisionCopies old = copies.getAndSet(null);
        if (old != null) {
            old.close();
        }
    }

    /** The window is hidden: the copies of a finished run go (a running one still needs them). */
    public void hidden() {
        if (!state.slot().isBusy()) {
            dropCopies();
        }
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
