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
import java.util.HashSet;
import java.util.Set;
import dev.onnxworkbench.models.onnx.OnnxReader;
import java.util.List;
import java.util.Map;

/**
 * Per-layer error of a derived model (what onnxruntime's {@code qdq_loss_debug} does): every tensor the derived
 * and the original model share (the quantizer keeps the original names; its Q/DQ tensors are new) is marked in both
 * and compared on one sample, through the divergence finder. The derived model is run A, the original the
 * reference B.
 *
 * <p>The finder pairs the outputs of same-named nodes. A pair is left out when the derived model's tensor also
 * exists in the original under its own name but was paired with another: a Conv with a BatchNormalization (or a
 * Relu) folded into it outputs the folded node's values under that node's name, and comparing them with the
 * Conv's original output showed a spurious error in the thousands on the PaddleOCR detector. A renamed output
 * (a graph output moved onto its DequantizeLinear) is still compared with the original's.
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
        Set<String> producedByOriginal = new HashSet<>();
        new OnnxReader().read(original).graph().nodes().forEach(n -> producedByOriginal.addAll(n.outputs()));
        List<TensorDivergence> comparable = r.tensors().stream().filter(t -> t.name().equals(t.nameB())
                || !producedByOriginal.contains(t.name())).toList();
        return new DivergenceReport(r.runA(), r.runB(), r.options(), comparable, r.inputs(), r.runs(), r.shared(),
                r.paging());
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
