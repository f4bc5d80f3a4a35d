package dev.onnxworkbench.app.predict;

import dev.onnxworkbench.models.runtime.inputs.InputSpec;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import java.util.Map;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.runtime.inputs.ValueRules;
import java.util.concurrent.Callable;
import javafx.beans.Observable;
import javafx.scene.Node;

/**
 * The editor for one input, chosen by its {@link dev.onnxworkbench.models.runtime.inputs.EditorKind}.
 * Checking is cheap and runs on the FX thread as the user types; building the tensor runs later on a
 * background thread from a snapshot taken on the FX thread.
 */
abstract class InputEditor {

    protected final InputSpec spec;
    /** What typed values may hold: the form's "Allow NaN/±Inf" box. */
    protected ValueRules rules = ValueRules.STRICT;

    InputEditor(InputSpec spec) {
        this.spec = spec;
    }

    /** The form's rules changed (the box was ticked or cleared); the next {@link #problem} uses them. */
    void setRules(ValueRules valueRules) {
        rules = valueRules;
    }

    /**
     * The text the user typed, for editors whose value is typed: the form's {@link InputSet} parses it with the
     * one parser every door uses. Null for editors that build a tensor themselves (image, audio, category).
     */
    String typed(Map<String, Long> sizes) {
        return null;
    }

    /** The controls to put in the form. */
    abstract Node view();

    /** Fires whenever the value the user entered changes. */
    abstract Observable changes();

    /** The user chose new sizes for symbolic dimensions: editors whose controls depend on the shape rebuild. */
    void resize(Map<String, Long> sizes) {
        // most editors do not depend on the shape
    }

    /** What is wrong with the entered value for these sizes, or null when it can be built. */
    abstract String problem(Map<String, Long> sizes);

    /** A snapshot of the entered value that builds the tensor off the FX thread. */
    abstract Callable<HostTensor> snapshot(Map<String, Long> sizes);

    /** The entered value as text to remember between sessions; null when there is nothing worth keeping. */
    abstract String save();

    /** Puts back a value {@link #save()} produced; ignores values that no longer fit. */
    abstract void restore(String saved);

    /** True when the user has entered nothing (Random fills such inputs and leaves the others alone). */
    boolean isEmpty() {
        String saved = save();
        return saved == null || saved.isBlank();
    }

    /** Where the entered value comes from, for reports: "typed: 16000", "from street.png, ImageNet scaling". */
    String source() {
        String saved = save();
        return new dev.onnxworkbench.models.runtime.inputs.InputSource.Typed(saved == null ? "" : saved).description();
    }

    /** How the value is made from a file (a picture or a recording with its settings), or null: kept in saved input sets. */
    dev.onnxworkbench.models.runtime.inputs.InputRecipe recipe() {
        return null;
    }

    /** Shows a value that came from a file or a test data set, when the editor can display it. */
    void show(HostTensor value) {
        // editors that cannot show such a value leave their own state alone; the row shows where it came from
    }

    /** Runs a check that may throw, returning its message instead. */
    static String messageOf(CheckedRunnable check) {
        try {
            check.run();
            return null;
        } catch (InvalidInputException e) {
            return e.getMessage();
        }
    }

    @FunctionalInterface
    interface CheckedRunnable {
        void run() throws InvalidInputException;
    }
}
