package dev.onnxworkbench.models.tensor;

import dev.onnxworkbench.models.graph.ElementType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares an output with its expected value the way the ONNX backend tests do: same kind, same shape,
 * same element type; floats within a {@link Tolerance} (NaN equals NaN); integers, booleans and strings
 * exactly; sequences and maps element by element.
 */
public final class ValueComparator {
    private final Tolerance tolerance;

    public ValueComparator(Tolerance tolerance) {
        this.tolerance = tolerance;
    }

    public Comparison compare(String name, OutputValue expected, OutputValue actual) {
        Errors errors = new Errors();
        String problem = compare(expected, actual, errors, name);
        return new Comparison(name, errors.abs, errors.rel, problem == null, problem == null ? "" : problem);
    }

    private static final class Errors {
        double abs;
        double rel;
    }

    private String compare(OutputValue expected, OutputValue actual, Errors errors, String where) {
        return switch (expected) {
            case OutputValue.TensorValue e when actual instanceof OutputValue.TensorValue a ->
                    compareTensors(e.tensor(), a.tensor(), errors, where);
            case OutputValue.SequenceValue e when actual instanceof OutputValue.SequenceValue a -> {
                if (e.elements().size() != a.elements().size()) {
                    yield where + ": expected a sequence of " + e.elements().size() + " but got "
                            + a.elements().size();
                }
                String first = null;
                for (int i = 0; i < e.elements().size(); i++) {
                    String p = compare(e.elements().get(i), a.elements().get(i), errors, where + "[" + i + "]");
                    first = first == null ? p : first;
                }
                yield first;
            }
            case OutputValue.MapValue e when actual instanceof OutputValue.MapValue a -> compareMaps(e, a, errors, where);
            default -> where + ": expected " + expected.describe() + " but got " + actual.describe();
        };
    }

    private String compareMaps(OutputValue.MapValue e, OutputValue.MapValue a, Errors errors, String where) {
        if (!e.entries().keySet().equals(normalisedKeys(a.entries(), e.entries()))) {
            return where + ": expected keys " + e.entries().keySet() + " but got " + a.entries().keySet();
        }
        String first = null;
        for (Map.Entry<Object, Object> entry : e.entries().entrySet()) {
            Object actualValue = lookup(a.entries(), entry.getKey());
            String p = compareScalars(entry.getValue(), actualValue, errors, where + "[" + entry.getKey() + "]");
            first = first == null ? p : first;
        }
        return first;
    }

    /** Map keys from a test file may be Long while ORT gives Long too; strings stay strings. */
    private static java.util.Set<Object> normalisedKeys(Map<Object, Object> actual, Map<Object, Object> expected) {
        java.util.Set<Object> keys = new java.util.HashSet<>();
        for (Object k : actual.keySet()) {
            keys.add(k instanceof Number n && !(k instanceof Long) ? (Object) n.longValue() : k);
        }
        return keys;
    }

    private static Object lookup(Map<Object, Object> map, Object key) {
        Object v = map.get(key);
        if (v == null && key instanceof Long l) {
            v = map.get(l.intValue());
        }
        return v;
    }

    private String compareScalars(Object expected, Object actual, Errors errors, String where) {
        if (expected instanceof Number e && actual instanceof Number a) {
            double ed = e.doubleValue();
            double ad = a.doubleValue();
            track(ad, ed, errors);
            boolean exact = !(expected instanceof Float || expected instanceof Double);
            boolean ok = exact ? ed == ad : tolerance.accepts(ad, ed);
            return ok ? null : where + ": expected " + expected + " but got " + actual;
        }
        return Objects.equals(expected, actual) ? null : where + ": expected " + expected + " but got " + actual;
    }

    private String compareTensors(HostTensor e, HostTensor a, Errors errors, String where) {
        if (!Arrays.equals(e.shape(), a.shape())) {
            return where + ": expected shape " + Shapes.format(e.shape()) + " but got " + Shapes.format(a.shape());
        }
        if (e.elementType() != a.elementType()) {
            return where + ": expected " + e.elementType().displayName() + " but got " + a.elementType().displayName();
        }
        long n = e.elementCount();
        if (e.isString()) {
            String[] es = e.strings();
            String[] as = a.strings();
            for (int i = 0; i < n; i++) {
                if (!es[i].equals(as[i])) {
                    return where + ": element " + i + " expected '" + es[i] + "' but got '" + as[i] + "'";
                }
            }
            return null;
        }
        boolean exact = ElementCodec.isInteger(e.elementType());
        String first = null;
        ElementType type = e.elementType();
        for (long i = 0; i < n; i++) {
            if (exact) {
                long ev = ElementCodec.getLong(e.writableData(), type, (int) i);
                long av = ElementCodec.getLong(a.writableData(), type, (int) i);
                if (ev != av) {
                    track(a.getDouble(i), e.getDouble(i), errors);
                    if (first == null) {
                        first = where + ": element " + i + " expected " + e.format(i) + " but got " + a.format(i);
                    }
                }
                continue;
            }
            double ev = e.getDouble(i);
            double av = a.getDouble(i);
            track(av, ev, errors);
            if (!tolerance.accepts(av, ev) && first == null) {
                first = where + ": element " + i + " expected " + e.format(i) + " but got " + a.format(i)
                        + " (rtol " + tolerance.rtol() + ", atol " + tolerance.atol() + ")";
            }
        }
        return first;
    }

    private static void track(double actual, double expected, Errors errors) {
        if (Double.isNaN(actual) && Double.isNaN(expected)) {
            return;
        }
        if (actual == expected) {
            return; // also equal infinities
        }
        double abs = Math.abs(actual - expected);
        if (Double.isNaN(abs)) {
            abs = Double.POSITIVE_INFINITY;
        }
        errors.abs = Math.max(errors.abs, abs);
        if (expected != 0) {
            errors.rel = Math.max(errors.rel, abs / Math.abs(expected));
        }
    }

    /** Convenience: compares all expected outputs by name; a missing actual output fails. */
    public List<Comparison> compareAll(Map<String, OutputValue> expected, Map<String, OutputValue> actual) {
        return expected.entrySet().stream().map(e -> actual.containsKey(e.getKey())
                ? compare(e.getKey(), e.getValue(), actual.get(e.getKey()))
                : new Comparison(e.getKey(), Double.NaN, Double.NaN, false,
                        e.getKey() + ": the model produced no output of this name")).toList();
    }
}
