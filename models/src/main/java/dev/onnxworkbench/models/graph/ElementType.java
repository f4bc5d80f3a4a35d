package dev.onnxworkbench.models.graph;

/** ONNX tensor element types, with their wire code, storage width and the name Netron shows. */
public enum ElementType {
    UNDEFINED(0, 0, "undefined"),
    FLOAT(1, 32, "float32"),
    UINT8(2, 8, "uint8"),
    INT8(3, 8, "int8"),
    UINT16(4, 16, "uint16"),
    INT16(5, 16, "int16"),
    INT32(6, 32, "int32"),
    INT64(7, 64, "int64"),
    STRING(8, 0, "string"),
    BOOL(9, 8, "boolean"),
    FLOAT16(10, 16, "float16"),
    DOUBLE(11, 64, "float64"),
    UINT32(12, 32, "uint32"),
    UINT64(13, 64, "uint64"),
    COMPLEX64(14, 64, "complex64"),
    COMPLEX128(15, 128, "complex128"),
    BFLOAT16(16, 16, "bfloat16"),
    FLOAT8E4M3FN(17, 8, "float8e4m3fn"),
    FLOAT8E4M3FNUZ(18, 8, "float8e4m3fnuz"),
    FLOAT8E5M2(19, 8, "float8e5m2"),
    FLOAT8E5M2FNUZ(20, 8, "float8e5m2fnuz"),
    UINT4(21, 4, "uint4"),
    INT4(22, 4, "int4"),
    FLOAT4E2M1(23, 4, "float4e2m1"),
    FLOAT8E8M0(24, 8, "float8e8m0"),
    UINT2(25, 2, "uint2"),
    INT2(26, 2, "int2");

    private static final ElementType[] BY_CODE = new ElementType[27];

    static {
        for (ElementType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;
    private final int bits;
    private final String displayName;

    ElementType(int code, int bits, String displayName) {
        this.code = code;
        this.bits = bits;
        this.displayName = displayName;
    }

    /** The element type for an ONNX {@code TensorProto.DataType} code, or null for codes this build does not know. */
    public static ElementType fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    public int code() {
        return code;
    }

    /** Bits per element in {@code raw_data}; 0 for strings and undefined. */
    public int bits() {
        return bits;
    }

    /** Bytes needed for {@code count} elements in {@code raw_data} layout (sub-byte types packed, rounded up). */
    public long byteSize(long count) {
        return (count * bits + 7) / 8;
    }

    public boolean isFloatingPoint() {
        return switch (this) {
            case FLOAT, DOUBLE, FLOAT16, BFLOAT16, FLOAT8E4M3FN, FLOAT8E4M3FNUZ, FLOAT8E5M2, FLOAT8E5M2FNUZ,
                 FLOAT4E2M1, FLOAT8E8M0 -> true;
            default -> false;
        };
    }

    public String displayName() {
        return displayName;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
