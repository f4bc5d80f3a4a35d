package dev.onnxworkbench.models.runtime.stream;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.runtime.InferenceException;
import dev.onnxworkbench.models.runtime.PredictionResult;
import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.OutputValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a model over a whole signal, window by window: each window is the next {@code window} samples of the
 * signal's last axis (every row of a batch alike), the other inputs stay as the input set gave them, and each
 * carried output becomes its input's value for the next window (the first window uses the set's value: zeros
 * unless the user gave one). The last window is padded with zeros when the signal does not fill it, and the
 * result says so. Headless; what {@code run --window} and the window's Stream Recording both call.
 */
public final class StreamingRun {

    /** Runs one set of inputs: {@code ModelSession::run}, or the window's backend. */
    @FunctionalInterface
    public interface Runner {
        PredictionResult run(Map<String, HostTensor> inputs) throws WorkbenchException;
    }

    /** Told after each window; answers whether to stop. */
    @FunctionalInterface
    public interface Progress {
        boolean windowDone(int done, int total);
    }

    private StreamingRun() {}

    /**
     * @param inputs     the values of every input for the first window (the streamed input's value is replaced)
     * @param signal     the whole signal for {@code plan.input()}, its last axis the time axis
     * @param sampleRate the signal's sample rate, 0 when unknown
     * @param maxValues  how many values of each output a row keeps
     */
    public static StreamResult run(Runner runner, Map<String, HostTensor> inputs, HostTensor signal, StreamPlan plan,
                                   int sampleRate, int maxValues, Progress progress) throws WorkbenchException {
        if (!inputs.containsKey(plan.input())) {
            throw new InvalidInputException("--window names '" + plan.input() + "', which is not an input of the model; "
                    + "its inputs are " + String.join(", ", inputs.keySet()) + ".");
        }
        for (Map.Entry<String, String> c : plan.carry().entrySet()) {
            if (!inputs.containsKey(c.getValue())) {
                throw new InvalidInputException("--carry " + c.getKey() + "=" + c.getValue() + ": the model has no input '"
                        + c.getValue() + "'; its inputs are " + String.join(", ", inputs.keySet()) + ".");
            }
            if (c.getValue().equals(plan.input())) {
                throw new InvalidInputException("--carry " + c.getKey() + "=" + c.getValue() + " feeds the streamed input "
                        + "itself; carry state into another input.");
            }
        }
        if (signal.rank() == 0 || signal.isString()) {
            throw new InvalidInputException("The streamed input " + plan.input() + " needs a numeric signal with a time "
                    + "axis, not " + signal.describe() + ".");
        }
        long length = signal.shape()[signal.rank() - 1];
        int total = plan.windows(length);
        Map<String, HostTensor> feed = new LinkedHashMap<>(inputs);
        List<StreamRow> rows = new ArrayList<>();
        List<String> outputs = null;
        long runNanos = 0;
        for (int w = 0; w < total; w++) {
            long start = (long) w * plan.hop();
            feed.put(plan.input(), slice(signal, start, plan.window()));
            PredictionResult result;
            try {
                result = runner.run(feed);
            } catch (InferenceException e) {
                throw new InferenceException(String.format(Locale.ROOT, "Window %d (samples %d–%d): %s", w, start,
                        start + plan.window(), e.getMessage()), e.isUnsupported(), e);
            }
            runNanos += result.runNanos();
            if (outputs == null) {
                outputs = checkCarry(result, plan);
            }
            Map<String, double[]> values = new LinkedHashMap<>();
            for (String name : outputs) {
                values.put(name, firstValues(result.outputs().get(name), maxValues));
            }
            for (Map.Entry<String, String> c : plan.carry().entrySet()) {
                HostTensor state = ((OutputValue.TensorValue) result.outputs().get(c.getKey())).tensor();
                // outputs are copied into heap buffers; ONNX Runtime takes inputs from direct ones only
                feed.put(c.getValue(), HostTensor.ofRaw(state.elementType(), state.shape(), state.data()));
            }
            long end = Math.min(start + plan.window(), length);
            rows.add(new StreamRow(w, start, end, seconds(start, sampleRate), seconds(end, sampleRate), values));
            if (progress != null && progress.windowDone(w + 1, total)) {
                break;
            }
        }
        long covered = (long) (total - 1) * plan.hop() + plan.window();
        String padding = covered <= length ? "" : String.format(Locale.ROOT, "the last window padded with %d zero "
                + "samples%s", covered - length, sampleRate > 0
                ? String.format(Locale.ROOT, " (%.3f s of silence)", (covered - length) / (double) sampleRate) : "");
        return new StreamResult(plan, sampleRate, length, outputs == null ? List.of() : outputs, rows, padding,
                runNanos / 1e6);
    }

    private static List<String> checkCarry(PredictionResult result, StreamPlan plan) throws InvalidInputException {
        for (String out : plan.carry().keySet()) {
            OutputValue v = result.outputs().get(out);
            if (v == null) {
                throw new InvalidInputException("--carry " + out + "=" + plan.carry().get(out) + ": the model has no output '"
                        + out + "'; its outputs are " + String.join(", ", result.outputs().keySet()) + ".");
            }
            if (!(v instanceof OutputValue.TensorValue)) {
                throw new InvalidInputException("--carry " + out + ": the output is a " + v.describe()
                        + ", not a tensor, so it cannot be fed back.");
            }
        }
        return result.outputs().keySet().stream().filter(o -> !plan.carry().containsKey(o)).toList();
    }

    /** Samples {@code [start, start + window)} of every row along the last axis; zeros past the end. */
    public static HostTensor slice(HostTensor signal, long start, int window) throws WorkbenchException {
        long[] shape = signal.shape();
        int last = shape.length - 1;
        long length = shape[last];
        long rows = signal.elementCount() / Math.max(1, length);
        double[] values = new double[(int) (rows * window)];
        for (long r = 0; r < rows; r++) {
            for (int i = 0; i < window && start + i < length; i++) {
                values[(int) (r * window + i)] = signal.getDouble(r * length + start + i);
            }
        }
        long[] windowShape = shape.clone();
        windowShape[last] = window;
        return HostTensor.ofDoubles(signal.elementType(), windowShape, values);
    }

    /** A tensor of zeros: the state of the first window when the user gives none. */
    public static HostTensor zeros(dev.onnxworkbench.models.graph.ElementType type, long[] shape)
            throws WorkbenchException {
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        return HostTensor.ofRaw(type, shape, java.nio.ByteBuffer.allocateDirect((int) type.byteSize(count))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN));
    }

    private static double[] firstValues(OutputValue v, int max) {
        if (!(v instanceof OutputValue.TensorValue t) || t.tensor().isString()) {
            return new double[0];
        }
        int n = (int) Math.min(max, t.tensor().elementCount());
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = t.tensor().getDouble(i);
        }
        return out;
    }

    private static double seconds(long sample, int rate) {
        return rate > 0 ? sample / (double) rate : Double.NaN;
    }
}
