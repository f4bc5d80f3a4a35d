package dev.onnxworkbench.app.precision;

import dev.onnxworkbench.models.TemporaryFolders;
import dev.onnxworkbench.app.diagram.DiagramMapper;
import dev.onnxworkbench.app.diagram.DiagramOptions;
import dev.onnxworkbench.app.diagram.FunctionGraphs;
import dev.onnxworkbench.app.predict.FormInputs;
import dev.onnxworkbench.app.runs.NodeIds;
import dev.onnxworkbench.app.task.BackgroundTask;
import dev.onnxworkbench.app.task.RunState;
import dev.onnxworkbench.app.task.TaskExecutor;
import dev.onnxworkbench.app.task.TaskSlot;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.precision.CalibrationMethod;
import dev.onnxworkbench.models.precision.ModelVerifier;
import dev.onnxworkbench.models.precision.SampleSet;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.inputs.AudioSettings;
import dev.onnxworkbench.models.runtime.inputs.ImageSettings;
import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Run ▸ Quantize… / Convert to FP16…: the choices (mode, data folders, the labels of the evaluation folder,
 * calibration method, per-channel, nodes kept in float), one run at a time through {@link RunState}, its
 * {@link PrecisionResult}, and Save As… of the copy.
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
    /** The user's labels for the evaluation folder (as {@code --labels}: class indices or boxes); null for none. */
    private final ObjectProperty<Path> labelsFile = new SimpleObjectProperty<>(this, "labelsFile");
    private final ObjectProperty<CalibrationMethod> method = new SimpleObjectProperty<>(this, "method",
            CalibrationMethod.MINMAX);
    private final BooleanProperty perChannel = new SimpleBooleanProperty(this, "perChannel", false);
    /** Node names, output names or operator types kept in float, one per line (or comma-separated). */
    private final StringProperty exclusions = new SimpleStringProperty(this, "exclusions", "");
    private final ReadOnlyObjectWrapper<PrecisionResult> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final RunState run = new RunState("Choose how to convert the model, then Start.");
    private final RunState save = new RunState("");
    private final DiagramMapper mapper;
    /** The original model's graph, mapped in the background when a model is shown; the result is drawn on it. */
    private final ReadOnlyObjectWrapper<NodeIds> graph = new ReadOnlyObjectWrapper<>(this, "graph");
    private final TaskSlot drawing = new TaskSlot();
    private final ReadOnlyStringWrapper graphMessage = new ReadOnlyStringWrapper(this, "graphMessage", "");
    /** The Predict form's picture settings, read when the window opens and at Start. */
    private Map<String, ImageSettings> pictures = Map.of();
    private final ReadOnlyStringWrapper media = new ReadOnlyStringWrapper(this, "media", "");

    public QuantizeViewModel(TaskExecutor tasks, SessionFactory sessions, FormInputs form, DiagramMapper mapper) {
        this.tasks = tasks;
        this.sessions = sessions;
        this.form = form;
        this.mapper = mapper;
        // A result waits in its private folder for Save As…; once replaced or cleared nothing can save it, and a
        // copy of a large model per run would otherwise stay on disk until exit.
        result.addListener((o, old, now) -> {
            if (old != null && (now == null || !now.written().equals(old.written()))) {
                TemporaryFolders.delete(old.written().getParent());
            }
        });
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

    public ObjectProperty<Path> labelsFileProperty() {
        return labelsFile;
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

    /** The original model's graph with its boxes' ids, null until mapped. */
    public ReadOnlyObjectProperty<NodeIds> graphProperty() {
        return graph.getReadOnlyProperty();
    }

    /** Why the graph is not drawn (it could not be read or mapped), or empty. */
    public ReadOnlyStringProperty graphMessageProperty() {
        return graphMessage.getReadOnlyProperty();
    }

    /** How pictures and recordings in the folders become tensors: the Predict form's settings, in words. */
    public ReadOnlyStringProperty mediaProperty() {
        return media.getReadOnlyProperty();
    }

    /** A newly opened model: earlier results and exclusions belonged to the old one; its graph is mapped. */
    public void showModel(Path path) {
        if (!path.equals(model.get())) {
            run.reset("Choose how to convert " + path.getFileName() + ", then Start.");
            result.set(null);
            exclusions.set("");
            graph.set(null);
            graphMessage.set("Drawing " + path.getFileName() + "…");
            BackgroundTask.wrap(() -> {
                Model parsed = new OnnxReader().read(path);
                return new NodeIds(mapper.map(parsed.graph(), DiagramOptions.DEFAULT,
                        FunctionGraphs.callsFunction(parsed)));
            }).withTitle("Drawing " + path.getFileName()).inSlot(drawing).onSuccess(ids -> {
                graph.set(ids);
                graphMessage.set("");
            }).onFailure(e -> graphMessage.set("The graph could not be drawn: " + e.getMessage()))
                    .executeWith(tasks);
        }
        model.set(path);
        readPictureSettings();
    }

    /**
     * Reads the Predict form's picture settings (on the FX thread): what the folders' pictures go through, shown
     * in the window. False, with the reason shown, when the form's custom mean/std does not parse.
     */
    public boolean readPictureSettings() {
        try {
            pictures = form.imageSettings();
        } catch (InvalidInputException e) {
            media.set("Pictures: the Predict form's settings do not parse — " + e.getMessage());
            return false;
        }
        String how = pictures.isEmpty() ? "the model's defaults (stretch, its layout, RGB, 0–1 for float inputs; the "
                + "Predict form has no picture input)" : "the Predict form's settings — " + String.join("; ", pictures.entrySet()
                .stream().map(e -> e.getKey() + ": " + e.getValue().describe().substring(e.getValue().describe()
                        .indexOf(',') + 2)).toList());
        media.set("Pictures in the folders: " + how + "; each at the model's size, or its own size rounded to the "
                + "model's stride where height and width are free. Recordings: the file's rate, mono mix.");
        return true;
    }

    /** The Quantize window's media road: the form's picture settings, default recording settings, no fixed sizes. */
    SampleSet.Media media() {
        return new SampleSet.Media(pictures, AudioSettings.DEFAULT, Map.of());
    }

    public Set<String> excluded() {
        Set<String> out = new LinkedHashSet<>();
        Arrays.stream(exclusions.get().split("[,\\n]")).map(String::strip).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }

    /**
     * A per-layer row or a box on the graph clicked: keep its node in float on the next run, or, when it is kept
     * already, quantize it again. Re-quantize (Start) runs with the list.
     */
    public void toggleKeepInFloat(String node) {
        if (node == null || node.isBlank()) {
            return;
        }
        Set<String> now = excluded();
        if (now.remove(node)) {
            exclusions.set(String.join("\n", now));
            run.say(node + " will be quantized again; Re-quantize to run without the exclusion.");
            return;
        }
        now.add(node);
        exclusions.set(String.join("\n", now));
        run.say(node + " will stay in float; Re-quantize to run without quantizing it.");
    }

    /** The node behind a box of the drawn graph, as the "Keep in float" list names it; null for inputs, outputs. */
    public String nodeKey(String diagramId) {
        NodeIds ids = graph.get();
        return ids == null ? null : ids.mapped().node(diagramId).map(PrecisionMarks::key).orElse(null);
    }

    public void start() {
        Path source = model.get();
        if (source == null) {
            run.refuse("Open a model first.");
            return;
        }
        if (!readPictureSettings()) {
            run.refuse(media.get());
            return;
        }
        if (mode.get().isStatic() && calibrationFolder.get() == null) {
            run.refuse("Static INT8 needs a calibration folder: samples like the ones the model will see.");
            return;
        }
        if (labelsFile.get() != null && evaluationFolder.get() == null) {
            run.refuse(PrecisionJob.LABELS_NEED_A_FOLDER);
            return;
        }
        PrecisionJob job = new PrecisionJob(source, mode.get(), method.get(), perChannel.get(), excluded(),
                calibrationFolder.get(), evaluationFolder.get(), labelsFile.get(), form.snapshot(),
                media(), new ModelVerifier(sessions, ProviderSettings.cpu()));
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
