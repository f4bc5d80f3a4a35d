package dev.onnxworkbench.models.edit;

import java.util.List;

/**
 * What validation found after the edits: structural problems, whether ONNX Runtime loads the result, and,
 * when inputs were given, how the edited model's outputs compare with the original's on them.
 *
 * @param problems       structural problems (empty when sound)
 * @param loadError      ONNX Runtime's reason for refusing the edited model, or null when it loads (or was not tried)
 * @param verdict        the comparison's outcome
 * @param message        one sentence for a person
 * @param inputs         the inputs the comparison ran on (empty when it did not run)
 * @param outputs        each original output compared with its counterpart
 * @param firstDifferent the first tensor (in graph order) that differs, when the edit broke the model; else null
 */
public record EditValidation(List<String> problems, String loadError, Verdict verdict, String message, String inputs,
                             List<OutputCheck> outputs, String firstDifferent) {
    public enum Verdict {
        /** Every output agrees with the original's within tolerance, and the outputs are the same. */
        IDENTICAL,
        /** Outputs were renamed, added or removed, or values changed by an edit meant to change them. */
        CHANGED_AS_INTENDED,
        /** Values changed although no edit was meant to change them. */
        BROKEN,
        /** Not compared: no inputs, or the model is invalid before any run. */
        NOT_RUN
    }

    /** One output of the original, its name now, and the largest difference on the inputs. */
    public record OutputCheck(String name, String nameNow, double maxAbsError, boolean agrees) {
    }

    public EditValidation {
        problems = List.copyOf(problems);
        outputs = List.copyOf(outputs);
    }

    /** Sound, loadable and not broken: may be saved without --force. */
    public boolean valid() {
        return problems.isEmpty() && loadError == null && verdict != Verdict.BROKEN;
    }
}
