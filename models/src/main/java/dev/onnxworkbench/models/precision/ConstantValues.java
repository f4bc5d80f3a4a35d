package dev.onnxworkbench.models.precision;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.onnx.proto.AttributeProto;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.NodeProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import dev.onnxworkbench.models.onnx.proto.ValueInfoProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The value of a name when it is a constant, seen from one graph and the graphs around it (an If/Loop body
 * reads outer-scope values): an initializer, a Constant node, or Identity/Slice/Concat/Unsqueeze/Squeeze/Reshape
 * of constants. Exporters write recurrent weights that way: PyTorch reorders a torch LSTM's gates with
 * Slice+Concat and adds the direction axis with Unsqueeze inside the body that runs the LSTM.
 */
final class ConstantValues {
    /** A constant tensor: float values or integer values (int64/int32), row-major. */
    record Value(long[] dims, float[] floats, long[] longs) {
        int size() {
            return floats != null ? floats.length : longs.length;
        }
    }

    /** One graph's names; {@code known} remembers what names resolve to from here outwards. */
    private record Scope(Map<String, TensorProto> initializers, Map<String, NodeProto> producers,
                         Set<String> inputs, Map<String, Value> known) {}

    /** Values larger than this are read again rather than kept: weights stay one at a time on the heap. */
    private static final int KEEP_AT_MOST = 1 << 16;

    private final Weights weights;
    private final List<Scope> scopes; // innermost first

    private ConstantValues(Weights weights, List<Scope> scopes) {
        this.weights = weights;
        this.scopes = scopes;
    }

    /** The top-level scope: {@code initializers} (Constant nodes already among them) and the graph's nodes. */
    static ConstantValues of(Weights weights, Map<String, TensorProto> initializers, GraphProto.Builder graph) {
        return new ConstantValues(weights, List.of(scope(initializers, graph.getNodeList(), List.of())));
    }

    /** The scope of {@code body}, a subgraph of a node in this scope. */
    ConstantValues enter(GraphProto body) {
        Map<String, TensorProto> inits = new HashMap<>();
        body.getInitializerList().forEach(t -> inits.put(t.getName(), t));
        List<Scope> chain = new ArrayList<>();
        chain.add(scope(inits, body.getNodeList(), body.getInputList()));
        chain.addAll(scopes);
        return new ConstantValues(weights, chain);
    }

    private static Scope scope(Map<String, TensorProto> inits, List<NodeProto> nodes, List<ValueInfoProto> inputs) {
        Map<String, NodeProto> producers = new HashMap<>();
        for (NodeProto n : nodes) {
            n.getOutputList().forEach(o -> producers.put(o, n));
        }
        Set<String> in = new HashSet<>();
        inputs.forEach(v -> in.add(v.getName()));
        return new Scope(inits, producers, in, new HashMap<>());
    }

    /** True when {@code name} is the output of a Constant node of one of the enclosing scopes. */
    boolean isConstantNode(String name) {
        for (Scope s : scopes) {
            if (s.inputs.contains(name) || s.initializers.containsKey(name)) {
                return false;
            }
            NodeProto n = s.producers.get(name);
            if (n != null) {
                return n.getOpType().equals("Constant");
            }
        }
        return false;
    }

    /** The float constant {@code name}, or null when it is computed from something else or not float. */
    Value floats(String name) throws WorkbenchException {
        Value v = value(name);
        return v != null && v.floats != null ? v : null;
    }

    Value value(String name) throws WorkbenchException {
        if (name.isEmpty()) {
            return null;
        }
        Map<String, Value> known = scopes.get(0).known;
        if (known.containsKey(name)) {
            return known.get(name);
        }
        Value v = null;
        for (int i = 0; i < scopes.size(); i++) {
            Scope s = scopes.get(i);
            if (s.inputs.contains(name)) {
                break;
            }
            TensorProto t = s.initializers.get(name);
            if (t != null) {
                v = read(t);
                break;
            }
            NodeProto n = s.producers.get(name);
            if (n != null) {
                v = new ConstantValues(weights, scopes.subList(i, scopes.size())).evaluate(n);
                break;
            }
        }
        if (v == null || v.size() <= KEEP_AT_MOST) {
            known.put(name, v);
        }
        return v;
    }

    private Value read(TensorProto t) throws WorkbenchException {
        long[] dims = WeightQuantizer.dims(t);
        if (t.getDataType() == ElementTypes.FLOAT) {
            return new Value(dims, weights.floats(t), null);
        }
        if (t.getDataType() != ElementTypes.INT64 && t.getDataType() != ElementTypes.INT32) {
            return null;
        }
        ByteBuffer raw = weights.mapped().tensor(t, "constant").data().readRaw().duplicate()
                .order(ByteOrder.LITTLE_ENDIAN);
        boolean wide = t.getDataType() == ElementTypes.INT64;
        long[] l = new long[raw.remaining() / (wide ? 8 : 4)];
        for (int i = 0; i < l.length; i++) {
            l[i] = wide ? raw.getLong() : raw.getInt();
        }
        return new Value(dims, null, l);
    }

    private Value evaluate(NodeProto n) throws WorkbenchException {
        if (n.getOutputCount() != 1 || !n.getDomain().isEmpty() && !n.getDomain().equals("ai.onnx")) {
            return null;
        }
        return switch (n.getOpType()) {
            case "Constant" -> {
                AttributeProto a = ElementTypes.find(n, "value");
                yield a == null || n.getAttributeCount() != 1 ? null : read(a.getT());
            }
            case "Identity" -> value(n.getInput(0));
            case "Unsqueeze", "Squeeze" -> reshapeAxes(n);
            case "Reshape" -> reshape(n);
            case "Concat" -> concat(n);
            case "Slice" -> slice(n);
            default -> null;
        };
    }

    private Value reshapeAxes(NodeProto n) throws WorkbenchException {
        Value x = value(n.getInput(0));
        if (x == null) {
            return null;
        }
        long[] axes;
        if (n.getInputCount() > 1 && !n.getInput(1).isEmpty()) {
            Value a = value(n.getInput(1));
            if (a == null || a.longs == null) {
                return null;
            }
            axes = a.longs;
        } else {
            AttributeProto a = ElementTypes.find(n, "axes");
            axes = a == null ? new long[0] : a.getIntsList().stream().mapToLong(Long::longValue).toArray();
        }
        List<Long> dims = new ArrayList<>();
        for (long d : x.dims) {
            dims.add(d);
        }
        if (n.getOpType().equals("Unsqueeze")) {
            int rank = x.dims.length + axes.length;
            long[] sorted = axes.clone();
            for (int i = 0; i < sorted.length; i++) {
                sorted[i] = sorted[i] < 0 ? sorted[i] + rank : sorted[i];
            }
            java.util.Arrays.sort(sorted);
            for (long a : sorted) {
                dims.add((int) a, 1L);
            }
        } else if (axes.length == 0) {
            dims.removeIf(d -> d == 1L);
        } else {
            long[] sorted = axes.clone();
            for (int i = 0; i < sorted.length; i++) {
                sorted[i] = sorted[i] < 0 ? sorted[i] + x.dims.length : sorted[i];
            }
            java.util.Arrays.sort(sorted);
            for (int i = sorted.length - 1; i >= 0; i--) {
                dims.remove((int) sorted[i]);
            }
        }
        return new Value(dims.stream().mapToLong(Long::longValue).toArray(), x.floats, x.longs);
    }

    private Value reshape(NodeProto n) throws WorkbenchException {
        Value x = value(n.getInput(0));
        Value s = n.getInputCount() > 1 ? value(n.getInput(1)) : null;
        if (x == null || s == null || s.longs == null) {
            return null;
        }
        long[] dims = s.longs.clone();
        long known = 1;
        int free = -1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == 0 && ElementTypes.attribute(n, "allowzero", 0) == 0) {
                dims[i] = x.dims[i];
            }
            if (dims[i] == -1) {
                free = i;
            } else {
                known *= dims[i];
            }
        }
        if (free >= 0) {
            dims[free] = known == 0 ? 0 : x.size() / known;
        }
        return new Value(dims, x.floats, x.longs);
    }

    private Value concat(NodeProto n) throws WorkbenchException {
        List<Value> parts = new ArrayList<>();
        for (String i : n.getInputList()) {
            Value v = value(i);
            if (v == null || parts.size() > 0 && (v.floats == null) != (parts.get(0).floats == null)) {
                return null;
            }
            parts.add(v);
        }
        if (parts.isEmpty()) {
            return null;
        }
        long[] dims = parts.get(0).dims.clone();
        int axis = (int) ElementTypes.attribute(n, "axis", 0);
        axis = axis < 0 ? axis + dims.length : axis;
        long outer = 1;
        for (int d = 0; d < axis; d++) {
            outer *= dims[d];
        }
        dims[axis] = 0;
        for (Value p : parts) {
            dims[axis] += p.dims[axis];
        }
        boolean f = parts.get(0).floats != null;
        int total = parts.stream().mapToInt(Value::size).sum();
        float[] fo = f ? new float[total] : null;
        long[] lo = f ? null : new long[total];
        int at = 0;
        for (long o = 0; o < outer; o++) {
            for (Value p : parts) {
                int block = (int) (p.size() / outer);
                if (f) {
                    System.arraycopy(p.floats, (int) (o * block), fo, at, block);
                } else {
                    System.arraycopy(p.longs, (int) (o * block), lo, at, block);
                }
                at += block;
            }
        }
        return new Value(dims, fo, lo);
    }

    /** Slice with starts/ends/axes/steps as inputs (opset 10+) or attributes (opset 1–9). */
    private Value slice(NodeProto n) throws WorkbenchException {
        Value x = value(n.getInput(0));
        if (x == null) {
            return null;
        }
        int rank = x.dims.length;
        long[] starts;
        long[] ends;
        long[] axes = null;
        long[] steps = null;
        if (n.getInputCount() >= 3) {
            Value s = value(n.getInput(1));
            Value e = value(n.getInput(2));
            Value a = n.getInputCount() > 3 ? value(n.getInput(3)) : null;
            Value st = n.getInputCount() > 4 ? value(n.getInput(4)) : null;
            if (s == null || e == null || s.longs == null || e.longs == null
                    || n.getInputCount() > 3 && !n.getInput(3).isEmpty() && (a == null || a.longs == null)
                    || n.getInputCount() > 4 && !n.getInput(4).isEmpty() && (st == null || st.longs == null)) {
                return null;
            }
            starts = s.longs;
            ends = e.longs;
            axes = a == null ? null : a.longs;
            steps = st == null ? null : st.longs;
        } else {
            starts = ints(n, "starts");
            ends = ints(n, "ends");
            AttributeProto a = ElementTypes.find(n, "axes");
            axes = a == null ? null : ints(n, "axes");
        }
        long[] lo = new long[rank];
        long[] step = new long[rank];
        long[] count = x.dims.clone();
        java.util.Arrays.fill(step, 1);
        for (int i = 0; i < starts.length; i++) {
            int axis = (int) (axes == null ? i : axes[i] < 0 ? axes[i] + rank : axes[i]);
            long dim = x.dims[axis];
            long k = steps == null ? 1 : steps[i];
            if (k <= 0) {
                return null; // reversed slices never hold weights; leave them computed
            }
            long s = clamp(starts[i] < 0 ? starts[i] + dim : starts[i], dim);
            long e = clamp(ends[i] < 0 ? ends[i] + dim : ends[i], dim);
            lo[axis] = s;
            step[axis] = k;
            count[axis] = Math.max(0, (e - s + k - 1) / k);
        }
        long[] strides = new long[rank];
        long stride = 1;
        for (int d = rank - 1; d >= 0; d--) {
            strides[d] = stride;
            stride *= x.dims[d];
        }
        int total = 1;
        for (long c : count) {
            total *= (int) c;
        }
        float[] fo = x.floats != null ? new float[total] : null;
        long[] lOut = x.floats != null ? null : new long[total];
        long[] index = new long[rank];
        for (int i = 0; i < total; i++) {
            long src = 0;
            for (int d = 0; d < rank; d++) {
                src += (lo[d] + index[d] * step[d]) * strides[d];
            }
            if (fo != null) {
                fo[i] = x.floats[(int) src];
            } else {
                lOut[i] = x.longs[(int) src];
            }
            for (int d = rank - 1; d >= 0; d--) {
                if (++index[d] < count[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
        return new Value(count, fo, lOut);
    }

    private static long clamp(long v, long dim) {
        return Math.max(0, Math.min(dim, v));
    }

    private static long[] ints(NodeProto n, String name) {
        AttributeProto a = ElementTypes.find(n, name);
        return a == null ? new long[0] : a.getIntsList().stream().mapToLong(Long::longValue).toArray();
    }
}
