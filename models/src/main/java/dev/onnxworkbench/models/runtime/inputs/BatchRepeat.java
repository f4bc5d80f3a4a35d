package dev.onnxworkbench.models.runtime.inputs;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Repeats given values along a batch axis of size one, so a batch sweep keeps the user's values. */
final class BatchRepeat {
    private BatchRepeat() {}

    static HostTensor repeat(String input, String from, HostTensor t, int axis, long times) throws WorkbenchException {
        long[] shape = t.shape();
        if (shape[axis] == times) {
            return t;
        }
        if (shape[axis] != 1) {
            throw new InvalidInputException("The values of " + input + " (" + from + ") have batch size " + shape[axis]
                    + "; a batch sweep can only repeat values with a batch of one.");
        }
        long[] out = shape.clone();
        out[axis] = times;
        InputSetBuilder.checkSize(input, t.elementType(), out);
        long outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= shape[i];
        }
        long inner = 1;
        for (int i = axis + 1; i < shape.length; i++) {
            inner *= shape[i];
        }
        if (t.isString()) {
            String[] src = t.strings();
            String[] dst = new String[Math.toIntExact(outer * inner * times)];
            int k = 0;
            for (long o = 0; o < outer; o++) {
                for (long r = 0; r < times; r++) {
                    System.arraycopy(src, (int) (o * inner), dst, k, (int) inner);
                    k += (int) inner;
                }
            }
            return HostTensor.ofStrings(out, dst);
        }
        int block = Math.toIntExact(t.elementType().byteSize(inner));
        ByteBuffer src = t.data();
        ByteBuffer dst = ByteBuffer.allocateDirect(Math.toIntExact((long) block * outer * times))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (long o = 0; o < outer; o++) {
            ByteBuffer slice = src.slice((int) (o * block), block);
            for (long r = 0; r < times; r++) {
                dst.put(slice.duplicate());
            }
        }
        dst.flip();
        return HostTensor.ofRaw(t.elementType(), out, dst);
    }
}
