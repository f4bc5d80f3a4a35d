package dev.onnxworkbench.models.edit;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.onnx.proto.ValueInfoProto;
import dev.onnxworkbench.models.rewrite.DerivedModel;
import dev.onnxworkbench.models.rewrite.ModelRewriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Edits of one model file with undo and redo. The file is memory-mapped once (weights never reach the
 * heap); each edit changes the rewriter's structure and records its inverse. An edit that fails leaves the
 * structure exactly as it was. Nothing is written until {@link #writeDraft()} (a private temporary copy,
 * for validation) or {@link #save(Path)}; the original file is never written.
 * Not thread-safe: one task at a time (the window runs edits through its task slot).
 */
public final class EditSession {
    private record Applied(Edit edit, Edit inverse) {
    }

    private final Path source;
    private final ModelRewriter rewriter;
    private final List<String> originalOutputs;
    private final Deque<Applied> done = new ArrayDeque<>();
    private final Deque<Applied> undone = new ArrayDeque<>(); // the edit, and what re-does it exactly

    private EditSession(Path source, ModelRewriter rewriter) {
        this.source = source;
        this.rewriter = rewriter;
        this.originalOutputs = rewriter.proto().getGraph().getOutputList().stream().map(ValueInfoProto::getName).toList();
    }

    public static EditSession open(Path model) throws WorkbenchException {
        return new EditSession(model, ModelRewriter.open(model));
    }

    public Path source() {
        return source;
    }

    /** Applies an edit; on failure the model is unchanged and the exception says why. Clears the redo list. */
    public void apply(Edit edit) throws WorkbenchException {
        done.push(new Applied(edit, run(edit)));
        undone.clear();
    }

    private Edit run(Edit edit) throws WorkbenchException {
        Edit[] inverse = new Edit[1];
        rewriter.transform(s -> {
            Snapshot before = Snapshot.of(s);
            try {
                inverse[0] = edit.apply(s);
            } catch (WorkbenchException | RuntimeException e) {
                before.restore(s);
                throw e;
            }
        });
        return inverse[0];
    }

    /**
     * The one-line message for an edit that was refused ("Cannot rename 'a' to 'b': the name 'b' is already
     * used…"): the command line and the window say the same.
     */
    public static String refusal(Edit edit, Exception why) {
        return "Cannot " + edit.describe() + ": " + why.getMessage();
    }

    /** Undoes the last edit; false when there is none. */
    public boolean undo() throws WorkbenchException {
        if (done.isEmpty()) {
            return false;
        }
        Applied last = done.pop();
        undone.push(new Applied(last.edit(), run(last.inverse())));
        return true;
    }

    /** Re-applies the last undone edit; false when there is none. */
    public boolean redo() throws WorkbenchException {
        if (undone.isEmpty()) {
            return false;
        }
        Applied next = undone.pop();
        done.push(new Applied(next.edit(), run(next.inverse())));
        return true;
    }

    public boolean canUndo() {
        return !done.isEmpty();
    }

    public boolean canRedo() {
        return !undone.isEmpty();
    }

    /** The edits in effect, oldest first. */
    public List<Edit> pending() {
        List<Edit> edits = new ArrayList<>();
        done.descendingIterator().forEachRemaining(a -> edits.add(a.edit()));
        return edits;
    }

    /** Whether any edit in effect is meant to change output values (a weight, an attribute). */
    public boolean changesValues() {
        return pending().stream().anyMatch(Edit::changesValues);
    }

    /** What a value of the original model is called now (renames followed). */
    public String nameNow(String original) {
        String name = original;
        for (Edit e : pending()) {
            if (e instanceof Edit.Rename r && r.from().equals(name)) {
                name = r.to();
            }
        }
        return name;
    }

    /** Original output name → its name now, for the outputs that still exist (renames followed). */
    public Map<String, String> outputsNow() {
        Map<String, String> now = new LinkedHashMap<>();
        for (String o : originalOutputs) {
            now.put(o, nameNow(o));
        }
        List<String> current = structure().getGraph().getOutputList().stream().map(ValueInfoProto::getName).toList();
        now.values().retainAll(current);
        return now;
    }

    /** The edited structure (weights as payload references). */
    public ModelProto structure() {
        return rewriter.proto();
    }

    /** Writes the edited model into a private temporary folder (close it to delete), for checks and runs. */
    public DerivedModel writeDraft() throws WorkbenchException {
        return rewriter.write();
    }

    /** Saves the edited model as {@code target} (never the original; replacing another file is the caller's choice). */
    public Path save(Path target) throws WorkbenchException {
        return rewriter.save(target);
    }

    /** Saves over the original file itself: only when the user explicitly asked to overwrite it. */
    public Path saveOverOriginal() throws WorkbenchException {
        return rewriter.save(source, true);
    }
}
