package dev.onnxworkbench.models.tensor;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.graph.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A tensor's values in Java memory, ready to hand to ONNX Runtime: element type, concrete shape and
 * either a direct little-endian buffer in ONNX {@code raw_data} layout or, for strings, a String[].
 * Immutable from the outside: accessors return read-only views and copies.
 */
public final class HostTensor {
    private final ElementType elementType;
    private final long[] shape;
    private final ByteBuffer data;     // null for strings
    private final String[] strings;    // null for everything else

    private HostTensor(ElementType elementType, long[] shape, ByteBuffer data, String[] strings) {
        this.elementType = elementType;
        this.shape = shape;
        this.data = data;
        this.strings = strings;
    }

    /**
     * Wraps raw little-endian bytes (raw_data layout). A writable little-endian buffer spanning exactly
     * the values is taken over as is (the caller must not change it afterwards); anything else is copied
     * into a direct buffer. Direct buffers reach ONNX Runtime without a copy; heap buffers (outputs) are
     * copied by ORT if they are ever fed back as inputs.
     */
    public static HostTensor ofRaw(ElementType type, long[] shape, ByteBuffer bytes) throws WorkbenchException {
        Objects.requireNonNull(type, "type");
        if (type == ElementType.STRING || type == ElementType.UNDEFINED) {
            throw new IllegalArgumentException("raw values need a numeric or boolean type, not " + type);
        }
        long[] dims = shape.clone();
        Shapes.checkAllocatable(type, dims);
        long expected = type.byteSize(Shapes.elementCount(dims));
        if (bytes.remaining() != expected) {
            throw new TensorFormatException("A " + Shapes.format(dims) + " " + type.displayName() + " tensor needs "
                    + expected + " bytes of values, but " + bytes.remaining() + " were given.");
        }
        ByteBuffer own;
        if (bytes.position() == 0 && bytes.limit() == bytes.capacity() && bytes.order() == ByteOrder.LITTLE_ENDIAN
                && !bytes.isReadOnly()) {
            own = bytes; // a fresh buffer the caller hands over (ORT's output copies, file readers)
        } else {
            own = ByteBuffer.allocateDirect((int) expected).order(ByteOrder.LITTLE_ENDIAN);
            own.put(bytes.duplicate());
            own.flip();
        }
        return new HostTensor(type, dims, own, null);
    }

    /** A zero-filled tensor to write into through {@link #writableData()}... only for builders in this package. */
    static HostTensor allocate(ElementType type, long[] shape) throws TensorTooLargeException {
        long[] dims = shape.clone();
        Shapes.checkAllocatable(type, dims);
        if (type == ElementType.STRING) {
            String[] values = new String[(int) Shapes.elementCount(dims)];
            Arrays.fill(values, "");
            return new HostTensor(type, dims, null, values);
        }
        int bytes = (int) type.byteSize(Shapes.elementCount(dims));
        return new HostTensor(type, dims, ByteBuffer.allocateDirect(bytes).order(ByteOrder.LITTLE_ENDIAN), null);
    }

    public static HostTensor ofStrings(long[] shape, String... values) throws WorkbenchException {
        long[] dims = shape.clone();
        Shapes.checkAllocatable(ElementType.STRING, dims);
        if (Shapes.elementCount(dims) != values.length) {
            throw new TensorFormatException("A " + Shapes.format(dims) + " string tensor needs "
                    + Shapes.elementCount(dims) + " values, but " + values.length + " were given.");
        }
        String[] copy = values.clone();
        for (int i = 0; i < copy.length; i++) {
            copy[i] = Objects.requireNonNullElse(copy[i], "");
        }
        return new HostTensor(ElementType.STRING, dims, null, copy);
    }

    public static HostTensor ofFloats(long[] shape, float... values) throws WorkbenchException {
        HostTensor t = sized(ElementType.FLOAT, shape, values.length);
        t.data.asFloatBuffer().put(values);
        return t;
    }

    public static HostTensor ofDoubles(long[] shape, double... values) throws WorkbenchException {
        HostTensor t = sized(ElementType.DOUBLE, shape, values.length);
        t.data.asDoubleBuffer().put(values);
        return t;
    }

    public static HostTensor ofInts(long[] shape, int... values) throws WorkbenchException {
        HostTensor t = sized(ElementType.INT32, shape, values.length);
        t.data.asIntBuffer().put(values);
        return t;
    }

    public static HostTensor ofLongs(long[] shape, long... values) throws WorkbenchException {
        HostTensor t = sized(ElementType.INT64, shape, values.length);
        t.data.asLongBuffer().put(values);
        return t;
    }

    public static HostTensor ofBooleans(long[] shape, boolean... values) throws WorkbenchException {
        HostTensor t = sized(ElementType.BOOL, shape, values.length);
        for (int i = 0; i < values.length; i++) {
            t.data.put(i, (byte) (values[i] ? 1 : 0));
        }
        return t;
    }

    /**
     * A tensor of any numeric type from doubles, each converted to the element type the way NumPy's
     * {@code astype} would (integers truncate toward zero, float16/bfloat16 round to nearest).
     */
    public static HostTensor ofDoubles(ElementType type, long[] shape, double... values) throws WorkbenchException {
        if (type == ElementType.STRING) {
            throw new IllegalArgumentException("use ofStrings for string tensors");
        }
        HostTensor t = sized(type, shape, values.length);
        for (int i = 0; i < values.length; i++) {
            ElementCodec.put(t.data, type, i, values[i]);
        }
        return t;
    }

    /** The values of a tensor read from a model or test-data file (initializer, Constant, {@code .pb}). */
    public static HostTensor fromTensor(Tensor tensor) throws WorkbenchException {
        long[] dims = tensor.dims().stream().mapToLong(Long::longValue).toArray();
        if (tensor.elementType() == ElementType.STRING) {
            List<String> values = tensor.data().readStrings();
            return ofStrings(dims, values.toArray(String[]::new));
        }
        if (!ElementCodec.isSupported(tensor.elementType())) {
            throw new TensorFormatException("The tensor '" + tensor.name() + "' has element type "
                    + tensor.elementType().displayName() + ", which ONNX Workbench cannot pass to ONNX Runtime.");
        }
        ByteBuffer raw = tensor.data().readRaw().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        return ofRaw(tensor.elementType(), dims, raw);
    }

    private static HostTensor sized(ElementType type, long[] shape, int valueCount) throws WorkbenchException {
        long[] dims = shape.clone();
        Shapes.checkAllocatable(type, dims);
        long count = Shapes.elementCount(dims);
        if (count != valueCount) {
            throw new TensorFormatException("A " + Shapes.format(dims) + " tensor needs " + count
                    + " values, but " + valueCount + " were given.");
        }
        return allocate(type, dims);
    }

    /**
     * The same bytes read as another type of the same width (uint16 ↔ bfloat16/float16): ONNX test data
     * before 1.14 stored bfloat16 values in uint16 tensors.
     */
    public HostTensor reinterpret(ElementType type) throws WorkbenchException {
        if (type == elementType) {
            return this;
        }
        if (data == null || type == ElementType.STRING || type.bits() != elementType.bits()) {
            throw new IllegalArgumentException("cannot read " + elementType + " values as " + type);
        }
        return new HostTensor(type, shape.clone(), data, null);
    }

    /** Element {@code index} as an exact integer (integer and boolean types). */
    public long getLong(long index) {
        if (data == null || !ElementCodec.isInteger(elementType)) {
            throw new IllegalStateException("not an integer tensor: " + elementType);
        }
        return ElementCodec.getLong(data, elementType, Math.toIntExact(index));
    }

    public ElementType elementType() {
        return elementType;
    }

    /** A copy of the shape. */
    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public long elementCount() {
        return Shapes.elementCount(shape);
    }

    public boolean isString() {
        return strings != null;
    }

    /** A read-only little-endian view of the values (raw_data layout); not for strings. */
    public ByteBuffer data() {
        if (data == null) {
            throw new IllegalStateException("a string tensor has no raw data");
        }
        return data.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The buffer itself (direct for inputs built here), for zero-copy hand-over to ONNX Runtime. */
    public ByteBuffer directBuffer() {
        if (data == null) {
            throw new IllegalStateException("a string tensor has no raw data");
        }
        return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    ByteBuffer writableData() {
        return data;
    }

    String[] writableStrings() {
        return strings;
    }

    /** A copy of a string tensor's values. */
    public String[] strings() {
        if (strings == null) {
            throw new IllegalStateException("not a string tensor: " + elementType);
        }
        return strings.clone();
    }

    /** Element {@code index} (row-major) as a double; booleans are 0/1. Not for strings. */
    public double getDouble(long index) {
        if (data == null) {
            throw new IllegalStateException("a string tensor has no numeric values");
        }
        return ElementCodec.get(data, elementType, Math.toIntExact(index));
    }

    /** Element {@code index} as text: the string itself, "true"/"false", an integer or a float. */
    public String format(long index) {
        if (strings != null) {
            return strings[Math.toIntExact(index)];
        }
        return ElementCodec.format(data, elementType, Math.toIntExact(index));
    }

    /** The first {@code limit} values as text. */
    public List<String> firstValues(int limit) {
        int n = (int) Math.min(limit, elementCount());
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = format(i);
        }
        return List.of(out);
    }

    /** "float32 1×3×64×64". */
    public String describe() {
        return elementType.displayName() + " " + Shapes.format(shape);
    }

    @Override
    public String toString() {
        return "HostTensor[" + describe() + "]";
    }
}
