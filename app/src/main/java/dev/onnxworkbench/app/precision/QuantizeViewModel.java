package dev.onnxworkbench.app.precision;

import dev.onnxworkbench.app.predict.FormInputs;
import dev.onnxworkbench.app.task.BackgroundTask;
import dev.onnxworkbench.app.task.RunState;
import dev.onnxworkbench.app.task.TaskExecutor;
import dev.onnxworkbench.models.precision.CalibrationMethod;
import dev.onnxworkbench.models.precision.ModelVerifier;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Run ▸ Quantize… / Convert to FP16…: the choices (mode, data folders, calibration method, per-channel, nodes kept
 * in float), one run at a time through {@link RunState}, its {@link PrecisionResult}, and Save As… of the copy.
 * Delivery-thread only; the work runs through {@code app/task}.
 */
public final class QuantizeViewModel {
    private final TaskExecutor tasks;
    private final SessionFactory sessions;
    private final FormInputs form;
    private final ObjectProperty<Path> model = new SimpleObjectProperty<>(this, "model");
    private final ObjectProperty<PrecisionMode> mode = new SimpleObjectProperty<>(this, "mode", PrecisionMode.INT8_STATIC);
    private final ObjectProperty<Path> calibrationFolder = new SimpleObjectProperty<>(this, "calibrationFolder");
    private final ObjectProperty<Path> evaluationFolder = new SimpleObjectProperty<>(this, "evaluationFolder");
    private final ObjectProperty<CalibrationMethod> method = new SimpleObjectProperty<>(this, "method",
            CalibrationMethod.MINMAX);
    private final BooleanProperty perChannel = new SimpleBooleanProperty(this, "perChannel", false);
    /** Node names, output names or operator types kept in float, one per line (or comma-separated). */
    private final StringProperty exclusions = new SimpleStringProperty(this, "exclusions", "");
    private final ReadOnlyObjectWrapper<PrecisionResult> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final RunState run = new RunState("Choose how to convert the model, then Start.");
    private final RunState save = new RunState("");

    public QuantizeViewModel(TaskExecutor tasks, SessionFactory sessions, FormInputs form) {
        this.tasks = tasks;
        this.sessions = sessions;
        this.form = form;
    }

    public ObjectProperty<Path> modelProperty() {
        return model;
    }

    public ObjectProperty<PrecisionMode> modeProperty() {
        return mode;
    }

    public ObjectProperty<Path> calibrationFolderProperty() {
        return calibrationFolder;
    }

    public ObjectProperty<Path> evaluationFolderProperty() {
        return evaluationFolder;
    }

    public ObjectProperty<CalibrationMethod> methodProperty() {
        return method;
    }

    public BooleanProperty perChannelProperty() {
        return perChannel;
    }

    public StringProperty exclusionsProperty() {
        return exclusions;
    }

    public ReadOnlyObjectProperty<PrecisionResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public PrecisionResult result() {
        return result.get();
    }

    public RunState run() {
        return run;
    }

    public RunState save() {
        return save;
    }

    /** A newly opened model: earlier results and exclusions belonged to the old one. */
    public void showModel(Path path) {
        if (!path.equals(model.get())) {
            run.reset("Choose how to convert " + path.getFileName() + ", then Start.");
            result.set(null);
            exclusions.set("");
        }
        model.set(path);
    }

    public Set<String> excluded() {
        Set<String> out = new LinkedHashSet<>();
        Arrays.stream(exclusions.get().split("[,\\n]")).map(String::strip).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }

    /** A per-layer row clicked: keep its node in float; the next Start re-quantizes without it. */
    public void keepInFloat(String node) {
        if (node == null || node.isBlank() || excluded().contains(node)) {
            return;
        }
        String now = exclusions.get().strip();
        exclusions.set(now.isEmpty() ? node : now + "\n" + node);
        run.say(node + " will stay in float; Start again to re-quantize without it.");
    }

    public void start() {
        Path source = model.get();
        if (source == null) {
            run.refuse("Open a model first.");
            return;
        }
        if (mode.get().isStatic() && calibrationFolder.get() == null) {
            run.refuse("Static INT8 needs a calibration folder: samples like the ones the model will see.");
            return;
        }
        PrecisionJob job = new PrecisionJob(source, mode.get(), method.get(), perChannel.get(), excluded(),
                calibrationFolder.get(), evaluationFolder.get(), form.snapshot(),
                new ModelVerifier(sessions, ProviderSettings.cpu()));
        result.set(null);
        run.run(BackgroundTask.wrap(progress -> {
            PrecisionResult r = job.run((message, done, total) -> progress.update(total > 0
                    ? Math.min(1, done / (double) total) : -1, message), progress::isCancelled);
            progress.publish(() -> result.set(r));
            return r;
        }).withTitle("Quantize " + source.getFileName()).showInStatusBar(), tasks, "Starting…", r -> String.format(
                "Done: %s → %s (%s).", dev.onnxworkbench.models.HumanUnits.bytes(r.bytesBefore()), dev.onnxworkbench.models.HumanUnits.bytes(r.bytesAfter()), r.mode()));
    }

    public void cancel() {
        run.cancel();
    }

    /** Copies the written model to {@code target}; refuses the original model's own file. */
    public void saveAs(Path target) {
        PrecisionResult r = result.get();
        if (r == null) {
            save.refuse("Nothing to save yet: Start first.");
            return;
        }
        if (target.toAbsolutePath().normalize().equals(r.source().toAbsolutePath().normalize())) {
            save.refuse("Save As: " + target.getFileName() + " is the original model; choose another file (the "
                    + "original is never overwritten).");
            return;
        }
        save.run(BackgroundTask.wrap(() -> {
            PrecisionJob.copy(r.written(), target, r.source());
            return target;
        }), tasks, "Saving…", t -> "Saved " + t + ".");
    }
}
