package dev.onnxworkbench.models.diff;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.graph.Tensor;
import dev.onnxworkbench.models.tensor.ElementDecoder;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Compares two weight tensors element by element straight off their (usually memory-mapped) raw bytes: nothing
 * is copied onto the heap, so a multi-GB model diffs in constant memory. Identical bytes short-cut the decode.
 * Tensors of different element types but the same element count (FP32 against FP16) still get a max abs diff.
 */
final class WeightComparer {
    private WeightComparer() {
    }

    /**
     * @param maxAbsDiff largest |a − b| (infinite where exactly one side is NaN or infinite), NaN when the element
     *                   counts differ or the values are not numbers
     * @param differing  elements that are not equal (NaN equals NaN here); -1 when not comparable
     */
    record Result(double maxAbsDiff, long differing) {
        boolean same() {
            return differing == 0;
        }
    }

    static Result compare(Tensor a, Tensor b) throws WorkbenchException {
        long count = a.elementCount();
        if (count != b.elementCount()) {
            return new Result(Double.NaN, -1);
        }
        if (a.elementType() == ElementType.STRING || b.elementType() == ElementType.STRING) {
            if (a.elementType() != b.elementType()) {
                return new Result(Double.NaN, -1);
            }
            List<String> sa = a.data().readStrings();
            List<String> sb = b.data().readStrings();
            long differing = 0;
            for (int i = 0; i < Math.min(sa.size(), sb.size()); i++) {
                differing += sa.get(i).equals(sb.get(i)) ? 0 : 1;
            }
            return new Result(Double.NaN, differing + Math.abs(sa.size() - sb.size()));
        }
        if (!ElementDecoder.isNumeric(a.elementType()) || !ElementDecoder.isNumeric(b.elementType())) {
            return new Result(Double.NaN, -1);
        }
        ByteBuffer ra = a.data().readRaw();
        ByteBuffer rb = b.data().readRaw();
        if (a.elementType() == b.elementType() && ra.remaining() == rb.remaining() && ra.mismatch(rb) == -1) {
            return new Result(0, 0);
        }
        long components = ElementDecoder.componentCount(a.elementType(), count);
        if (components != ElementDecoder.componentCount(b.elementType(), count)) {
            return new Result(Double.NaN, -1);
        }
        double max = 0;
        long differing = 0;
        for (long i = 0; i < components; i++) {
            double x = ElementDecoder.decode(ra, a.elementType(), i);
            double y = ElementDecoder.decode(rb, b.elementType(), i);
            if (x == y || (Double.isNaN(x) && Double.isNaN(y))) {
                continue;
            }
            differing++;
            double d = Math.abs(x - y);
            max = Math.max(max, Double.isNaN(d) ? Double.POSITIVE_INFINITY : d);
        }
        return new Result(max, differing);
    }
}
