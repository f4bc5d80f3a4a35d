package dev.onnxworkbench.models.tensor;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.ElementType;
import java.util.List;
import java.util.Locale;

/** Builds a tensor of a requested type from values written as text or JSON scalars (JSON and CSV readers). */
final class TextValues {
    private TextValues() {
    }

    /** {@code values} are String, Number or Boolean; {@code where} names the source for messages. */
    static HostTensor build(ElementType type, long[] shape, List<Object> values, String where)
            throws WorkbenchException {
        Shapes.checkAllocatable(type, shape);
        if (type == ElementType.STRING) {
            String[] strings = new String[values.size()];
            for (int i = 0; i < strings.length; i++) {
                Object v = values.get(i);
                strings[i] = v instanceof String s ? s : String.valueOf(v);
            }
            return HostTensor.ofStrings(shape, strings);
        }
        if (!ElementCodec.isSupported(type)) {
            throw new TensorFormatException("Values for " + type.displayName() + " tensors cannot be typed in; "
                    + "give a .npy or .pb file instead.");
        }
        HostTensor t = HostTensor.allocate(type, shape);
        if (Shapes.elementCount(shape) != values.size()) {
            throw new TensorFormatException(where + " has " + values.size() + " values, but a " + Shapes.format(shape)
                    + " tensor needs " + Shapes.elementCount(shape) + ".");
        }
        for (int i = 0; i < values.size(); i++) {
            ElementCodec.put(t.writableData(), type, i, number(values.get(i), type, where, i));
        }
        return t;
    }

    static double number(Object v, ElementType type, String where, int index) throws TensorFormatException {
        double d;
        if (v instanceof Number n) {
            d = n.doubleValue();
        } else if (v instanceof Boolean b) {
            d = b ? 1 : 0;
        } else {
            String s = String.valueOf(v).strip();
            String lower = s.toLowerCase(Locale.ROOT);
            if (type == ElementType.BOOL && (lower.equals("true") || lower.equals("false"))) {
                d = lower.equals("true") ? 1 : 0;
            } else if (lower.equals("nan")) {
                d = Double.NaN;
            } else if (lower.equals("inf") || lower.equals("+inf") || lower.equals("infinity")) {
                d = Double.POSITIVE_INFINITY;
            } else if (lower.equals("-inf") || lower.equals("-infinity")) {
                d = Double.NEGATIVE_INFINITY;
            } else {
                try {
                    d = Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new TensorFormatException(where + ": value " + (index + 1) + " ('" + s + "') is not a "
                            + "number, but the input takes " + type.displayName() + " values.");
                }
            }
        }
        if (ElementCodec.isInteger(type) && type != ElementType.BOOL && (d != Math.rint(d) || Double.isNaN(d))) {
            throw new TensorFormatException(where + ": value " + (index + 1) + " (" + v + ") is not a whole number, "
                    + "but the input takes " + type.displayName() + " values.");
        }
        return d;
    }
}
