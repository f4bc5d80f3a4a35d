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
 *
 * <p>The finder pairs the outputs of same-named nodes; a pair is kept only when both hold the same tensor: the
 * same name, or the quantizer's {@code T_float} (what a node writes before its QuantizeLinear, whose
 * DequantizeLinear gives readers {@code T} again). Any other pair holds different values under one node name: a
 * Conv with a BatchNormalization (or a Relu) folded into it writes the folded node's tensor, a Conv with a
 * HardSigmoid folded into it writes its scaled output, and comparing those with the Conv's original output
 * showed spurious errors in the thousands on the PaddleOCR detector.
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
        DivergenceReport r = new DivergenceFinder(runner.factory()).find(a, b, sample, inputs,
                DivergenceOptions.defaults().withBatch(64), progress::update);
        List<TensorDivergence> comparable = r.tensors().stream().filter(t -> sameTensor(t.name(), t.nameB())).toList();
        return new DivergenceReport(r.runA(), r.runB(), r.options(), comparable, r.inputs(), r.runs(), r.shared(),
                r.paging());
    }

    static boolean sameTensor(String derived, String original) {
        return derived.equals(original) || derived.equals(original + "_float")
                || derived.startsWith(original + "_float_") && derived.substring(original.length() + 7).matches("\\d+");
    }

    /** The tensors, largest mean absolute error first (the table's default order). */
    public static List<TensorDivergence> byMeanError(DivergenceReport r) {
        List<TensorDivergence> sorted = new ArrayList<>(r.tensors());
        sorted.sort(Comparator.comparingDouble((TensorDivergence t) -> {
            double v = t.error().meanAbsError();
            return Double.isNaN(v) ? -1 : v;
        }).reversed());
        return sorted;
    }
}
