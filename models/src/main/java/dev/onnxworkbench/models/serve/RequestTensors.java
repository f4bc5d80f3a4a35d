package dev.onnxworkbench.models.serve;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.runtime.OrtValues;
import dev.onnxworkbench.models.runtime.ValueDescriptor;
import dev.onnxworkbench.models.tensor.HostTensor;

/** Checks a request tensor against the model's input (datatype, rank, fixed sizes, value count) and builds it. */
final class RequestTensors {
    private RequestTensors() {
    }

    static HostTensor toHostTensor(RequestTensor tensor, ValueDescriptor input) throws HttpError {
        String name = tensor.name();
        if (input.kind() != ValueDescriptor.Kind.TENSOR || input.elementType() == null) {
            throw new HttpError(400, "The input '" + name + "' is a " + input.typeText()
                    + ", which the v2 protocol cannot carry.");
        }
        String expectedType = ServedModel.datatype(input);
        if (!expectedType.equals(tensor.datatype().name())) {
            throw new HttpError(400, "The input '" + name + "' needs datatype " + expectedType + ", but "
                    + tensor.datatype() + " was sent.");
        }
        if (!OrtValues.canCreate(input.elementType())) {
            throw new HttpError(400, "The input '" + name + "' is " + expectedType + ", which ONNX Runtime's Java "
                    + "API cannot create tensors of, so this model cannot be served with that input.");
        }
        long[] expected = input.shape();
        long[] shape = tensor.shape();
        if (shape == null) {
            if (!isFixed(expected)) {
                throw new HttpError(400, "The input '" + name + "' has no \"shape\"; it needs "
                        + shapeText(expected) + ".");
            }
            shape = expected;
        }
        boolean fits = shape.length == expected.length;
        for (int i = 0; fits && i < shape.length; i++) {
            fits = expected[i] < 0 || expected[i] == shape[i];
        }
        if (!fits) {
            throw new HttpError(400, "The input '" + name + "' needs shape " + shapeText(expected) + ", but "
                    + shapeText(shape) + " was sent.");
        }
        long count = 1;
        for (long d : shape) {
            count = Math.multiplyExact(count, d);
        }
        TensorValues values = tensor.values();
        if (count != values.size()) {
            throw new HttpError(400, "The input '" + name + "' has shape " + shapeText(shape) + ", which holds "
                    + count + " values, but " + values.size() + (values.size() == 1 ? " was" : " were") + " sent.");
        }
        try {
            return build(tensor.datatype(), shape, values);
        } catch (WorkbenchException e) {
            throw new HttpError(400, "The input '" + name + "': " + e.getMessage());
        }
    }

    private static HostTensor build(V2Datatype type, long[] shape, TensorValues values) throws WorkbenchException {
        int n = values.size();
        return switch (type) {
            case FP32 -> {
                float[] f = new float[n];
                for (int i = 0; i < n; i++) {
                    f[i] = (float) values.doubleAt(i);
                }
                yield HostTensor.ofFloats(shape, f);
            }
            case FP64 -> HostTensor.ofDoubles(shape, values.doubles());
            case FP16, BF16 -> HostTensor.ofDoubles(type.elementType(), shape, values.doubles());
            case INT64 -> HostTensor.ofLongs(shape, values.longs());
            case INT32 -> {
                int[] v = new int[n];
                for (int i = 0; i < n; i++) {
                    v[i] = (int) values.longAt(i);
                }
                yield HostTensor.ofInts(shape, v);
            }
            case BOOL -> HostTensor.ofBooleans(shape, values.booleans());
            case BYTES -> HostTensor.ofStrings(shape, values.strings());
            default -> { // 8- and 16-bit integers: exact as doubles
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = values.longAt(i);
                }
                yield HostTensor.ofDoubles(type.elementType(), shape, v);
            }
        };
    }

    private static boolean isFixed(long[] shape) {
        for (long d : shape) {
            if (d < 0) {
                return false;
            }
        }
        return true;
    }

    /** "[-1,1]": the v2 way, −1 for a variable dimension. */
    static String shapeText(long[] shape) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            b.append(i > 0 ? "," : "").append(Math.max(shape[i], -1));
        }
        return b.append(']').toString();
    }
}
