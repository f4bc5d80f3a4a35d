package dev.onnxworkbench.models.memory;

import ai.onnxruntime.OnnxTensor;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * A direct view on the native memory of a tensor ONNX Runtime produced, valid only while the tensor is
 * open. ORT's public accessors ({@code getByteBuffer}, {@code getFloatBuffer}) copy every value onto the
 * Java heap; for inspecting hundreds of MB of intermediates that copy doubled memory and time, so this
 * reaches the (private) view ORT builds those copies from. When that is not accessible (a future ORT,
 * a module layer that forbids it) callers fall back to the public copy.
 */
public final class NativeTensorView {
    private static final Method GET_BUFFER = find();

    private NativeTensorView() {
    }

    private static Method find() {
        try {
            Method m = OnnxTensor.class.getDeclaredMethod("getBuffer");
            m.setAccessible(true);
            return m.getReturnType() == ByteBuffer.class ? m : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The tensor's bytes in place (little-endian view), or empty when only a copy is available. */
    public static Optional<ByteBuffer> view(OnnxTensor tensor) {
        if (GET_BUFFER == null) {
            return Optional.empty();
        }
        try {
            ByteBuffer b = (ByteBuffer) GET_BUFFER.invoke(tensor);
            return b == null || !b.isDirect() ? Optional.empty() : Optional.of(b.order(ByteOrder.LITTLE_ENDIAN));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
