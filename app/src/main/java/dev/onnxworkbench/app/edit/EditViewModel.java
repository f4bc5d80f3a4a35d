package dev.onnxworkbench.app.edit;

import dev.onnxworkbench.models.TemporaryFolders;
import dev.onnxworkbench.app.task.BackgroundTask;
import dev.onnxworkbench.app.task.TaskExecutor;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.diff.ModelDiff;
import dev.onnxworkbench.models.diff.ModelDiffReport;
import dev.onnxworkbench.models.edit.Edit;
import dev.onnxworkbench.models.edit.EditScript;
import dev.onnxworkbench.models.edit.EditSession;
import dev.onnxworkbench.models.edit.EditValidation;
import dev.onnxworkbench.models.edit.EditValidator;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.runtime.inputs.InputSetBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Edit mode's state: one {@link EditSession} over the model being edited, each edit (and each undo/redo)
 * applied and validated in the background, structure + ONNX Runtime load + a re-run against the original on
 * seeded random inputs. After each step the edited model is written to a private draft file for the graph.
 * The original file is never written unless the user confirmed overwriting it.
 */
public final class EditViewModel {
    /** The random inputs' seed: the same check gives the same numbers every time. */
    static final long SEED = 0;

    private final TaskExecutor tasks;
    private final SessionFactory sessions;
    private final ProviderSettings settings;
    private final ObservableList<String> pending = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<EditValidation> validation = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Path> draft = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Path> source = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper unsaved = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<ModelDiffReport> changes = new ReadOnlyObjectWrapper<>();
    private EditSession session;
    private Model original;
    private Path drafts;
    private int step;

    public EditViewModel(TaskExecutor tasks, SessionFactory sessions, ProviderSettings settings) {
        this.tasks = tasks;
        this.sessions = sessions;
        this.settings = settings;
    }

    /** What one background step found, handed to the FX thread. */
    private record Step(EditSession session, Model original, List<String> pending, boolean canUndo, boolean canRedo,
                        EditValidation validation, Path draft, ModelDiffReport changes) {
    }

    /** Starts editing {@code model} (read in the background); pending edits of an earlier model are dropped. */
    public void start(Path model) {
        busy.set(true);
        BackgroundTask.wrap(() -> {
            EditSession s = EditSession.open(model);
            return new Step(s, new OnnxReader().read(model), List.of(), false, false, null, null, null);
        }).withTitle("Opening " + model.getFileName() + " for editing").showInStatusBar()
                .onSuccess(step -> {
                    session = step.session();
                    original = step.original();
                    source.set(model);
                    show(step, "Editing " + model.getFileName() + ": choose an edit from the Edit menu.");
                })
                .onFailure(this::fail)
                .executeWith(tasks);
    }

    public void apply(Edit edit) {
        apply(edit, refusal -> { });
    }

    /**
     * Applies an edit; when it is refused (it names nothing that exists, a value does not parse, a name is taken)
     * the model stays as it was, the message says why and {@code refused} gets the same text (an in-place field
     * shows it beside the value).
     */
    public void apply(Edit edit, Consumer<String> refused) {
        run("Applying: " + edit.describe(), s -> {
            try {
                s.apply(edit);
            } catch (WorkbenchException e) {
                throw new WorkbenchException(EditSession.refusal(edit, e)); // the words the CLI uses for it
            }
        }, "Applied: " + edit.describe() + ".", refused);
    }

    public void undo() {
        if (session != null && canUndo.get()) {
            run("Undoing the last edit", EditSession::undo, "Undone.", refusal -> { });
        }
    }

    public void redo() {
        if (session != null && canRedo.get()) {
            run("Redoing the edit", EditSession::redo, "Redone.", refusal -> { });
        }
    }

    /** Drops the session and its pending edits (the user chose Discard); the original file was never written. */
    public void discard() {
        session = null;
        original = null;
        source.set(null);
        draft.set(null);
        changes.set(null);
        validation.set(null);
        pending.clear();
        canUndo.set(false);
        canRedo.set(false);
        unsaved.set(false);
        failed.set(false);
        message.set("The pending edits were discarded.");
    }

    private interface SessionStep {
        void on(EditSession s) throws WorkbenchException;
    }

    private void run(String title, SessionStep change, String done, Consumer<String> refused) {
        if (session == null) {
            fail("Open a model and start editing it first.");
            refused.accept(message.get());
            return;
        }
        if (busy.get()) {
            fail("Wait until the previous edit has been checked.");
            refused.accept(message.get());
            return;
        }
        EditSession s = session;
        Model m = original;
        busy.set(true);
        BackgroundTask.wrap(() -> {
            synchronized (s) {
                change.on(s);
                EditValidation v = validate(s, m);
                Path file = writeDraft(s);
                return new Step(s, m, s.pending().stream().map(Edit::describe).toList(), s.canUndo(), s.canRedo(), v,
                        file, changes(m, file));
            }
        }).withTitle(title).showInStatusBar()
                .onSuccess(step -> {
                    if (step.session() == session) {
                        unsaved.set(!step.pending().isEmpty());
                        show(step, done + " " + step.validation().message());
                    }
                })
                .onFailure(error -> {
                    fail(error);
                    refused.accept(message.get());
                })
                .executeWith(tasks);
    }

    private EditValidation validate(EditSession s, Model m) throws WorkbenchException {
        InputSet inputs = randomInputs(s, m);
        return new EditValidator(sessions, settings).validate(s, inputs == null ? null : inputs.values(),
                inputs == null ? "" : inputs.summary());
    }

    /** Seeded random values for the original's inputs, sized as the edits' static shapes say; null when unsized. */
    private static InputSet randomInputs(EditSession s, Model m) {
        InputSetBuilder builder = InputSet.builder(m).randomFill(SEED).defaultBatch(1);
        staticShapes(s, m).forEach(builder::shape);
        try {
            return builder.build();
        } catch (WorkbenchException | RuntimeException e) {
            return null; // a free dimension other than the batch: the check loads the model but does not run it
        }
    }

    /**
     * What the draft changed against the original, node by node (top-level graph): node indices are those of the
     * draft file, which the graph reads again, so the window can find the boxes to mark.
     */
    private static ModelDiffReport changes(Model original, Path draft) throws WorkbenchException {
        return ModelDiff.compare(original, new OnnxReader().read(draft));
    }

    /**
     * The original inputs that the edits made fully static (a whole shape, or one dimension at a time; renames
     * followed), by their original names: the check runs the original at the size the edited model takes.
     */
    static java.util.Map<String, long[]> staticShapes(EditSession s, Model m) {
        java.util.Map<String, String> nameNow = new java.util.LinkedHashMap<>(); // original name -> name now
        java.util.Map<String, List<String>> dims = new java.util.HashMap<>();
        for (var input : m.graph().inputs()) {
            nameNow.put(input.name(), input.name());
            if (input.type() instanceof dev.onnxworkbench.models.graph.ValueType.TensorType t && t.shape().rankKnown()) {
                dims.put(input.name(), new java.util.ArrayList<>(t.shape().dims().stream().map(Object::toString).toList()));
            }
        }
        for (Edit e : s.pending()) {
            String original = switch (e) {
                case Edit.SetInputShape shape -> originalOf(nameNow, shape.input());
                case Edit.SetDimension dim -> originalOf(nameNow, dim.input());
                case Edit.Rename r -> originalOf(nameNow, r.from());
                default -> null;
            };
            if (original == null) {
                continue;
            }
            switch (e) {
                case Edit.SetInputShape shape -> dims.put(original, new java.util.ArrayList<>(shape.dims()));
                case Edit.SetDimension dim when dims.containsKey(original) && dim.axis() >= 0
                        && dim.axis() < dims.get(original).size() -> dims.get(original).set(dim.axis(), dim.dim());
                case Edit.Rename r -> nameNow.put(original, r.to());
                default -> { }
            }
        }
        java.util.Map<String, long[]> shapes = new java.util.LinkedHashMap<>();
        dims.forEach((input, d) -> {
            if (d.stream().allMatch(x -> x.matches("\\d+"))) {
                shapes.put(input, d.stream().mapToLong(Long::parseLong).toArray());
            }
        });
        return shapes;
    }

    private static String originalOf(java.util.Map<String, String> nameNow, String current) {
        return nameNow.entrySet().stream().filter(e -> e.getValue().equals(current)).map(java.util.Map.Entry::getKey)
                .findFirst().orElse(null);
    }

    private Path writeDraft(EditSession s) throws WorkbenchException {
        try {
            synchronized (this) {
                if (drafts == null) {
                    drafts = TemporaryFolders.create("onnx-workbench-edit");
                }
                step++;
            }
            Path file = drafts.resolve(step + "-" + s.source().getFileName());
            return s.save(file);
        } catch (IOException e) {
            throw new WorkbenchException("The edited model could not be written for the graph: " + e.getMessage());
        }
    }

    private void show(Step step, String text) {
        failed.set(false);
        pending.setAll(step.pending());
        canUndo.set(step.canUndo());
        canRedo.set(step.canRedo());
        validation.set(step.validation());
        message.set(text);
        if (step.draft() != null) {
            changes.set(step.changes()); // first: the draft's listeners mark the changes when it is shown
            draft.set(step.draft());
        }
        busy.set(false); // last: a listener waiting for the session to open applies its edit now
    }

    private void fail(Throwable error) {
        fail(error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage());
    }

    /** Shows a refusal that happened before any work (nothing selected, a malformed value). */
    public void report(String text) {
        fail(text);
    }

    private void fail(String text) {
        failed.set(true);
        message.set(text);
        busy.set(false);
    }

    /**
     * Saves the edited model as {@code target}. The original itself is written only when {@code overwriteConfirmed};
     * otherwise the save is refused and the message says so. {@code saved} gets the file once it is written.
     */
    public void saveAs(Path target, boolean overwriteConfirmed, Consumer<Path> saved) {
        if (session == null) {
            fail("Nothing is being edited.");
            return;
        }
        EditSession s = session;
        boolean overOriginal = isSame(target, s.source());
        if (overOriginal && !overwriteConfirmed) {
            fail(target + " is the original model; it was not overwritten. Choose another file, or confirm overwriting it.");
            return;
        }
        EditValidation v = validation.get();
        BackgroundTask.wrap(() -> {
            synchronized (s) {
                return overOriginal ? s.saveOverOriginal() : s.save(target);
            }
        }).withTitle("Saving the edited model").showInStatusBar()
                .onSuccess(file -> {
                    failed.set(false);
                    message.set("Saved " + file + (v != null && !v.valid() ? " (although the check found it invalid)" : "")
                            + ".");
                    unsaved.set(false);
                    saved.accept(file);
                })
                .onFailure(this::fail)
                .executeWith(tasks);
    }

    /** Edit ▸ Save Edits…: the pending edits as an EditScript JSON file (for {@code edit --script}). */
    public void saveScript(Path target) {
        saveScript(target, file -> { });
    }

    /** Like {@link #saveScript(Path)}; {@code saved} gets the file once it is written. */
    public void saveScript(Path target, Consumer<Path> saved) {
        List<Edit> edits = session == null ? List.of() : session.pending();
        if (edits.isEmpty()) {
            fail("There are no edits to save.");
            return;
        }
        BackgroundTask.wrap(() -> EditScript.write(edits, target)).withTitle("Saving the edits")
                .onSuccess(ignored -> {
                    failed.set(false);
                    unsaved.set(false);
                    saved.accept(target);
                    message.set("Saved " + edits.size() + " edit" + (edits.size() == 1 ? "" : "s") + " to " + target
                            + " (apply them with: onnx-workbench edit MODEL --script " + target.getFileName() + ").");
                })
                .onFailure(this::fail)
                .executeWith(tasks);
    }

    private static boolean isSame(Path a, Path b) {
        try {
            return Files.exists(a) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    /** The edited structure now (tests build edits from it). */
    dev.onnxworkbench.models.onnx.proto.ModelProto structure() {
        return session.structure();
    }

    /** Whether {@code file} is one of the drafts this session wrote for the graph. */
    public synchronized boolean isDraft(Path file) {
        return drafts != null && file != null && file.toAbsolutePath().startsWith(drafts.toAbsolutePath());
    }

    /** The model being edited (its original names), or null before {@link #start}. */
    public Model original() {
        return original;
    }

    public ObservableList<String> pending() {
        return FXCollections.unmodifiableObservableList(pending);
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<EditValidation> validationProperty() {
        return validation.getReadOnlyProperty();
    }

    /** The latest edited model, written to a private file, for the graph. */
    public ReadOnlyObjectProperty<Path> draftProperty() {
        return draft.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> sourceProperty() {
        return source.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    /** True while edits are in effect that neither Save As… nor Save Edits… has written since the last change. */
    public ReadOnlyBooleanProperty unsavedProperty() {
        return unsaved.getReadOnlyProperty();
    }

    /** What the draft on the graph changed against the original (null before the first edit). */
    public ReadOnlyObjectProperty<ModelDiffReport> changesProperty() {
        return changes.getReadOnlyProperty();
    }

    /** True while the message reports a refusal or failure. */
    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }
}
