package dev.onnxworkbench.app.stream;

import dev.onnxworkbench.models.graph.Dimension;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.graph.ValueInfo;
import dev.onnxworkbench.models.runtime.inputs.EditorKind;
import dev.onnxworkbench.models.runtime.inputs.InputSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a stateful model suggests for a streaming run: the input to stream (its audio input, else the first
 * floating-point input with a free or long last axis), the window (a fixed last dimension, else 512) and the
 * state pairs (an output named like an input plus N, _out, Out, or new_/next_ before it: stateN → state,
 * h_out → h). The user can change each in the view.
 */
record StreamSetup(String input, int window, List<String> carry) {

    static StreamSetup suggest(Model model, List<InputSpec> specs) {
        InputSpec streamed = specs.stream().filter(s -> s.editorKind() == EditorKind.AUDIO).findFirst()
                .orElse(specs.stream().filter(s -> s.isTensor() && s.elementType().isFloatingPoint()
                        && s.shape().rankKnown() && s.shape().rank() >= 1).findFirst().orElse(null));
        int window = 512;
        if (streamed != null && streamed.shape().dims().getLast() instanceof Dimension.Fixed f && f.value() > 1) {
            window = (int) Math.min(Integer.MAX_VALUE, f.value());
        }
        List<String> carry = new ArrayList<>();
        for (ValueInfo out : model.graph().outputs()) {
            for (InputSpec in : specs) {
                if (streamed != null && in.name().equals(streamed.name())) {
                    continue;
                }
                if (isStateOf(out.name(), in.name())) {
                    carry.add(out.name() + "=" + in.name());
                }
            }
        }
        return new StreamSetup(streamed == null ? null : streamed.name(), window, carry);
    }

    /** Whether the model has state pairs, so Predict can offer a streaming run. */
    boolean hasState() {
        return input != null && !carry.isEmpty();
    }

    static boolean isStateOf(String output, String input) {
        String o = output.toLowerCase(Locale.ROOT);
        String i = input.toLowerCase(Locale.ROOT);
        return o.equals(i + "n") || o.equals(i + "_out") || o.equals(i + "out") || o.equals("new_" + i)
                || o.equals("next_" + i) || o.equals(i + "_next");
    }
}
