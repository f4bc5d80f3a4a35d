package dev.onnxworkbench.models.optimize;

import dev.onnxworkbench.models.graph.Graph;
import dev.onnxworkbench.models.graph.Node;
import dev.onnxworkbench.models.runtime.ExecutionProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * Why a saved optimized model belongs to the setup that made it: ONNX Runtime optimizes for the provider the
 * nodes were assigned to, at one level, on this machine (NCHWc blocked layouts follow the CPU's vector
 * width; Memcpy nodes follow where a GPU provider placed each node). Said in the CLI, the JSON and the window.
 */
final class HardwareNote {
    private HardwareNote() {}

    static String of(ExecutionProvider provider, String level, Graph optimized) {
        long nchwc = optimized.nodes().stream().filter(n -> n.domain().equals("com.microsoft.nchwc")).count();
        long memcpy = optimized.nodes().stream().map(Node::opType).filter(op -> op.startsWith("Memcpy")).count();
        List<String> why = new ArrayList<>();
        if (nchwc > 0) {
            why.add(nchwc + " nodes use NCHWc blocked layouts (com.microsoft.nchwc) sized for this CPU's vector width");
        }
        if (memcpy > 0) {
            why.add(memcpy + " Memcpy nodes move tensors between " + provider.displayName() + " and the host as this "
                    + "session placed them");
        }
        if (!provider.equals(ExecutionProvider.CPU)) {
            why.add("nodes were fused for the " + provider.displayName() + " provider's kernels");
        }
        String reasons = why.isEmpty() ? "" : " (" + String.join("; ", why) + ")";
        return "This file is tied to the " + provider.displayName() + " provider, optimization level " + level
                + ", this ONNX Runtime version and this machine" + reasons + ": load it only there, with graph "
                + "optimization at 'disable' or the same level, and optimize the original again for any other "
                + "provider, level or hardware.";
    }
}
