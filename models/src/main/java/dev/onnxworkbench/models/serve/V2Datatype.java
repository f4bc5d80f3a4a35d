package dev.onnxworkbench.models.serve;

import dev.onnxworkbench.models.graph.ElementType;
import java.util.Locale;
import java.util.Optional;

/**
 * The Open Inference Protocol's (KServe v2) tensor datatypes and their ONNX element types. Triton's
 * model configuration names the same types with a {@code TYPE_} prefix and STRING for BYTES.
 */
public enum V2Datatype {
    BOOL(ElementType.BOOL, "TYPE_BOOL"),
    UINT8(ElementType.UINT8, "TYPE_UINT8"),
    UINT16(ElementType.UINT16, "TYPE_UINT16"),
    UINT32(ElementType.UINT32, "TYPE_UINT32"),
    UINT64(ElementType.UINT64, "TYPE_UINT64"),
    INT8(ElementType.INT8, "TYPE_INT8"),
    INT16(ElementType.INT16, "TYPE_INT16"),
    INT32(ElementType.INT32, "TYPE_INT32"),
    INT64(ElementType.INT64, "TYPE_INT64"),
    FP16(ElementType.FLOAT16, "TYPE_FP16"),
    FP32(ElementType.FLOAT, "TYPE_FP32"),
    FP64(ElementType.DOUBLE, "TYPE_FP64"),
    BF16(ElementType.BFLOAT16, "TYPE_BF16"),
    BYTES(ElementType.STRING, "TYPE_STRING");

    private final ElementType elementType;
    private final String tritonName;

    V2Datatype(ElementType elementType, String tritonName) {
        this.elementType = elementType;
        this.tritonName = tritonName;
    }

    public ElementType elementType() {
        return elementType;
    }

    /** The name in Triton's config.pbtxt ({@code TYPE_FP32}, {@code TYPE_STRING}). */
    public String tritonName() {
        return tritonName;
    }

    /** The v2 datatype for an ONNX element type, if the protocol has one. */
    public static Optional<V2Datatype> of(ElementType type) {
        for (V2Datatype d : values()) {
            if (d.elementType == type) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** Parses a datatype name as a client sends it ("FP32"; case-insensitive). */
    public static Optional<V2Datatype> parse(String name) {
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    public boolean isInteger() {
        return switch (this) {
            case UINT8, UINT16, UINT32, UINT64, INT8, INT16, INT32, INT64 -> true;
            default -> false;
        };
    }

    public boolean isFloatingPoint() {
        return this == FP16 || this == FP32 || this == FP64 || this == BF16;
    }
}
