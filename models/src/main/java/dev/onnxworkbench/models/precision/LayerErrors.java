package dev.onnxworkbench.models.precision;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.diverge.DivergenceFinder;
import dev.onnxworkbench.models.diverge.DivergenceOptions;
import dev.onnxworkbench.models.diverge.DivergenceReport;
import dev.onnxworkbench.models.diverge.RunSpec;
import dev.onnxworkbench.models.diverge.TensorDivergence;
import dev.onnxworkbench.models.runtime.inputs.InputDescription;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Per-layer error of a derived model (what onnxruntime's {@code qdq_loss_debug} does): every tensor the derived
 * and the original model share (the quantizer keeps the original names; its Q/DQ tensors are new) is marked in both
 * and compared on one sample, through the divergence finder. The derived model is run A, the original the
 * reference B.
 */
public final class LayerErrors {
    private final ModelVerifier runner;

    public LayerErrors(ModelVerifier runner) {
        this.runner = runner;
    }

    public DivergenceReport measure(Path original, Path derived, Map<String, HostTensor> sample,
                                    List<InputDescription> inputs, Progress progress) throws WorkbenchException {
        RunSpec a = new RunSpec(derived, runner.settings());
        RunSpec b = new RunSpec(original, runner.settings());
        return new DivergenceFinder(runner.factory()).find(a, b, sample, inputs,
                DivergenceOptions.defaults().withBatch(64), progress::update);
    }

    /**
     * The tensors both models hold under the same name, largest mean absolute error first (the table's default
     * order). A pair whose names differ is left out: the finder pairs outputs of same-named nodes, and a Conv with
     * a BatchNormalization folded into it outputs the BatchNormalization's values, which are not its original
     * output's (comparing them showed a spurious error in the thousands on the PaddleOCR detector).
     */
    public static List<TensorDivergence> byMeanError(DivergenceReport r) {
        List<TensorDivergence> sorted = new ArrayList<>(r.tensors().stream()
                .filter(t -> t.name().equals(t.nameB())).toList());
        sorted.sort(Comparator.comparingDouble((TensorDivergence t) -> {
            double v = t.error().meanAbsError();
            return Double.isNaN(v) ? -1 : v;
        }).reversed());
        return sorted;
    }
}
