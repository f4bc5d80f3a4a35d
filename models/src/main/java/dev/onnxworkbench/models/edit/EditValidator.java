package dev.onnxworkbench.models.edit;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.diverge.DivergenceFinder;
import dev.onnxworkbench.models.diverge.DivergenceOptions;
import dev.onnxworkbench.models.diverge.DivergenceReport;
import dev.onnxworkbench.models.diverge.ErrorCheck;
import dev.onnxworkbench.models.diverge.Metric;
import dev.onnxworkbench.models.diverge.RunSpec;
import dev.onnxworkbench.models.diverge.TensorDivergence;
import dev.onnxworkbench.models.diverge.TensorError;
import dev.onnxworkbench.models.edit.EditValidation.OutputCheck;
import dev.onnxworkbench.models.edit.EditValidation.Verdict;
import dev.onnxworkbench.models.rewrite.DerivedModel;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.PredictionResult;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.OutputValue;
import dev.onnxworkbench.models.tensor.Tolerance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks an edit session's result before anyone saves it: the structure ({@link StructureCheck}), a load
 * in ONNX Runtime, and, with inputs, a run of the original and of the edited model compared output by
 * output with the divergence metrics (Polygraphy's rule, rtol = atol = 1e-5). When outputs differ and no
 * edit meant them to, the divergence finder names the first tensor that differs.
 */
public final class EditValidator {
    private static final Tolerance TOLERANCE = DivergenceOptions.POLYGRAPHY_DEFAULT;

    private final SessionFactory sessions;
    private final ProviderSettings settings;

    public EditValidator(SessionFactory sessions, ProviderSettings settings) {
        this.sessions = sessions;
        this.settings = settings;
    }

    /**
     * @param inputs  values for the original model's inputs (by original name), or null to only check and load
     * @param summary how those inputs are described (name, type, shape, source), for the result
     */
    public EditValidation validate(EditSession session, Map<String, HostTensor> inputs, String summary)
            throws WorkbenchException {
        List<String> problems = StructureCheck.problems(session.structure());
        if (!problems.isEmpty()) {
            return new EditValidation(problems, null, Verdict.NOT_RUN, "The edited model is invalid: " + problems.getFirst()
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "") + ".", "", List.of(), null);
        }
        try (DerivedModel draft = session.writeDraft()) {
            PredictionResult edited;
            Map<String, HostTensor> fed = inputs == null ? null : renamedInputs(session, inputs);
            try (ModelSession s = sessions.open(draft.path(), settings)) {
                if (fed == null) {
                    return new EditValidation(List.of(), null, Verdict.NOT_RUN,
                            "ONNX Runtime loads the edited model; it was not run (no inputs given).", "", List.of(), null);
                }
                var needed = s.inputsByName().keySet();
                if (!fed.keySet().containsAll(needed)) {
                    List<String> missing = needed.stream().filter(n -> !fed.containsKey(n)).toList();
                    return new EditValidation(List.of(), null, Verdict.NOT_RUN, "ONNX Runtime loads the edited model; it "
                            + "was not compared because it takes inputs the original does not have: "
                            + String.join(", ", missing) + ".", summary, List.of(), null);
                }
                Map<String, HostTensor> only = new LinkedHashMap<>(fed);
                only.keySet().retainAll(needed);
                try {
                    edited = s.run(only);
                } catch (WorkbenchException e) {
                    return new EditValidation(List.of(), null, Verdict.BROKEN, "The edited model loads but does not run on "
                            + summary + ": " + e.getMessage(), summary, List.of(), null);
                }
            } catch (WorkbenchException e) {
                return new EditValidation(List.of(), e.getMessage(), Verdict.NOT_RUN,
                        "ONNX Runtime refuses the edited model: " + e.getMessage(), "", List.of(), null);
            }
            PredictionResult original;
            try (ModelSession s = sessions.open(session.source(), settings)) {
                original = s.run(inputs);
            }
            return compare(session, draft, original, edited, inputs, summary);
        }
    }

    private static Map<String, HostTensor> renamedInputs(EditSession session, Map<String, HostTensor> inputs) {
        Map<String, HostTensor> fed = new LinkedHashMap<>();
        inputs.forEach((name, value) -> fed.put(session.nameNow(name), value));
        return fed;
    }

    private EditValidation compare(EditSession session, DerivedModel draft, PredictionResult original,
                                   PredictionResult edited, Map<String, HostTensor> inputs, String summary) {
        Map<String, String> now = session.outputsNow();
        List<OutputCheck> checks = new ArrayList<>();
        boolean allAgree = true;
        double worst = 0;
        for (var e : original.outputs().entrySet()) {
            String nameNow = now.get(e.getKey());
            OutputValue mine = nameNow == null ? null : edited.outputs().get(nameNow);
            if (mine == null) {
                continue; // removed by an edit (extract, delete)
            }
            TensorError error = ErrorCheck.compare(mine, e.getValue(), TOLERANCE, Metric.ELEMENTWISE);
            checks.add(new OutputCheck(e.getKey(), nameNow, error.maxAbsError(), error.pass()));
            allAgree &= error.pass();
            worst = Math.max(worst, error.maxAbsError());
        }
        boolean sameOutputs = checks.size() == original.outputs().size() && edited.outputs().size() == checks.size()
                && checks.stream().allMatch(c -> c.name().equals(c.nameNow()));
        String largest = String.format(Locale.ROOT, "largest difference %.3g", worst);
        if (allAgree) {
            Verdict v = sameOutputs ? Verdict.IDENTICAL : Verdict.CHANGED_AS_INTENDED;
            String m = sameOutputs
                    ? "Identical: every output agrees with the original on " + summary + " (" + largest + ")."
                    : "Changed as intended: the outputs the edit kept agree with the original on " + summary + " ("
                    + largest + "); outputs " + (checks.size() < original.outputs().size() ? "removed, " : "")
                    + "added or renamed by the edits.";
            return new EditValidation(List.of(), null, v, m, summary, checks, null);
        }
        List<String> differing = checks.stream().filter(c -> !c.agrees()).map(OutputCheck::name).toList();
        if (session.changesValues()) {
            return new EditValidation(List.of(), null, Verdict.CHANGED_AS_INTENDED, "Changed as intended: "
                    + String.join(", ", differing) + " differ from the original on " + summary + " (" + largest
                    + "), as a changed weight or attribute makes them.", summary, checks, null);
        }
        String first = firstDifferent(session, draft, inputs).orElse(differing.getFirst());
        return new EditValidation(List.of(), null, Verdict.BROKEN, "Broken: " + String.join(", ", differing)
                + " differ from the original on " + summary + " (" + largest + ") although no edit was meant to change "
                + "values; the first tensor that differs is '" + first + "'.", summary, checks, first);
    }

    /** The divergence finder's first differing tensor between the original and the draft (same inputs). */
    private java.util.Optional<String> firstDifferent(EditSession session, DerivedModel draft, Map<String, HostTensor> inputs) {
        try {
            DivergenceReport report = new DivergenceFinder(sessions).find(new RunSpec(draft.path(), settings),
                    new RunSpec(session.source(), settings), inputs, List.of(), DivergenceOptions.defaults(),
                    DivergenceFinder.Progress.NONE);
            return report.firstDivergent().map(TensorDivergence::name);
        } catch (WorkbenchException | RuntimeException e) {
            return java.util.Optional.empty(); // the outputs still say it is broken
        }
    }
}
