package dev.onnxworkbench.models.runtime;

import ai.onnxruntime.MapInfo;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxMap;
import ai.onnxruntime.OnnxSequence;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.SequenceInfo;
import ai.onnxruntime.TensorInfo;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.OutputValue;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Conversions between the workbench's values and ONNX Runtime's: HostTensor → OnnxTensor, OnnxValue → OutputValue. */
public final class OrtValues {
    private OrtValues() {
    }

    /** The ORT Java type that carries {@code type}, or null when the Java API cannot create such tensors. */
    static OnnxJavaType javaType(ElementType type) {
        return switch (type) {
            case FLOAT -> OnnxJavaType.FLOAT;
            case DOUBLE -> OnnxJavaType.DOUBLE;
            case INT8 -> OnnxJavaType.INT8;
            case UINT8 -> OnnxJavaType.UINT8;
            case INT16 -> OnnxJavaType.INT16;
            case INT32 -> OnnxJavaType.INT32;
            case INT64 -> OnnxJavaType.INT64;
            case BOOL -> OnnxJavaType.BOOL;
            case FLOAT16 -> OnnxJavaType.FLOAT16;
            case BFLOAT16 -> OnnxJavaType.BFLOAT16;
            case STRING -> OnnxJavaType.STRING;
            default -> null;
        };
    }

    /** True when ONNX Runtime's Java API can build an input tensor of this element type. */
    public static boolean canCreate(ElementType type) {
        return javaType(type) != null;
    }

    /**
     * An OnnxTensor over the tensor's values: numeric tensors share the HostTensor's direct buffer (no
     * copy), strings are copied. The caller closes it.
     */
    public static OnnxTensor toOnnxTensor(OrtEnvironment env, HostTensor tensor) throws WorkbenchException {
        OnnxJavaType javaType = javaType(tensor.elementType());
        if (javaType == null) {
            throw new InferenceException("ONNX Runtime's Java API cannot create " + tensor.elementType().displayName()
                    + " tensors, so this input cannot be passed.", true, null);
        }
        try {
            if (tensor.isString()) {
                return OnnxTensor.createTensor(env, tensor.strings(), tensor.shape());
            }
            return OnnxTensor.createTensor(env, tensor.directBuffer(), tensor.shape(), javaType);
        } catch (OrtException e) {
            throw new InferenceException("Could not build the " + tensor.describe() + " input tensor: "
                    + OrtMessages.clean(e.getMessage()), false, e);
        }
    }

    /** Copies a value ONNX Runtime produced into Java memory. Does not close {@code value}. */
    public static OutputValue toOutputValue(OnnxValue value) throws WorkbenchException {
        try {
            return switch (value) {
                case OnnxTensor tensor -> new OutputValue.TensorValue(toHostTensor(tensor));
                case OnnxSequence sequence -> {
                    List<OutputValue> elements = new ArrayList<>();
                    for (OnnxValue element : sequence.getValue()) {
                        try (OnnxValue owned = element) { // each getValue() element is a new native value
                            elements.add(toOutputValue(owned));
                        }
                    }
                    yield new OutputValue.SequenceValue(elements);
                }
                case OnnxMap map -> new OutputValue.MapValue(new LinkedHashMap<>(map.getValue()));
                default -> throw new InferenceException("The model returned a " + value.getType()
                        + " value, which ONNX Workbench cannot read yet.", true, null);
            };
        } catch (OrtException e) {
            throw new InferenceException("Could not read an output value: " + OrtMessages.clean(e.getMessage()), false, e);
        }
    }

    static HostTensor toHostTensor(OnnxTensor tensor) throws OrtException, WorkbenchException {
        TensorInfo info = tensor.getInfo();
        long[] shape = info.getShape();
        ElementType type = elementOf(info.onnxType);
        if (type == null) {
            throw new InferenceException("The model returned a tensor of an element type this build does not know ("
                    + info.onnxType + ").", true, null);
        }
        if (type == ElementType.STRING) {
            return HostTensor.ofStrings(shape, flattenStrings(tensor.getValue()));
        }
        ByteBuffer bytes = tensor.getByteBuffer();
        if (bytes == null) {
            throw new InferenceException("The model returned a " + type.displayName()
                    + " tensor that ONNX Runtime's Java API cannot read.", true, null);
        }
        return HostTensor.ofRaw(type, shape, bytes.order(ByteOrder.LITTLE_ENDIAN));
    }

    private static String[] flattenStrings(Object value) {
        List<String> out = new ArrayList<>();
        flatten(value, out);
        return out.toArray(String[]::new);
    }

    private static void flatten(Object value, List<String> out) {
        if (value instanceof String s) {
            out.add(s);
        } else if (value != null && value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                flatten(Array.get(value, i), out);
            }
        }
    }

    /** What ONNX Runtime says about an input or output. */
    static ValueDescriptor describe(NodeInfo node) {
        return switch (node.getInfo()) {
            case TensorInfo t -> {
                String[] names = t.getDimensionNames();
                yield new ValueDescriptor(node.getName(), ValueDescriptor.Kind.TENSOR,
                        elementOf(t.onnxType), t.getShape(),
                        names == null ? List.of() : Arrays.asList(names), t.toString());
            }
            case SequenceInfo s -> new ValueDescriptor(node.getName(), ValueDescriptor.Kind.SEQUENCE,
                    s.isSequenceOfMaps() ? elementOf(s.mapInfo.valueType) : elementOf(s.sequenceType), new long[0],
                    List.of(), s.isSequenceOfMaps()
                            ? "sequence<map<" + javaTypeName(s.mapInfo.keyType) + "," + javaTypeName(s.mapInfo.valueType)
                            + ">>"
                            : "sequence<" + javaTypeName(s.sequenceType) + ">");
            case MapInfo m -> new ValueDescriptor(node.getName(), ValueDescriptor.Kind.MAP, elementOf(m.valueType),
                    new long[0], List.of(), "map<" + javaTypeName(m.keyType) + "," + javaTypeName(m.valueType) + ">");
            default -> new ValueDescriptor(node.getName(), ValueDescriptor.Kind.UNKNOWN, null, new long[0], List.of(),
                    String.valueOf(node.getInfo()));
        };
    }

    /** The element type of an ORT tensor type, or null when this build does not know it. */
    public static ElementType elementType(TensorInfo.OnnxTensorType type) {
        return elementOf(type);
    }

    /** ORT's enum numbers its constants its own way; the names match ONNX's after the prefix. */
    static ElementType elementOf(TensorInfo.OnnxTensorType type) {
        String name = type.name().substring("ONNX_TENSOR_ELEMENT_DATA_TYPE_".length());
        try {
            return ElementType.valueOf(name);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private static ElementType elementOf(OnnxJavaType type) {
        return switch (type) {
            case FLOAT -> ElementType.FLOAT;
            case DOUBLE -> ElementType.DOUBLE;
            case INT8 -> ElementType.INT8;
            case UINT8 -> ElementType.UINT8;
            case INT16 -> ElementType.INT16;
            case INT32 -> ElementType.INT32;
            case INT64 -> ElementType.INT64;
            case BOOL -> ElementType.BOOL;
            case STRING -> ElementType.STRING;
            case FLOAT16 -> ElementType.FLOAT16;
            case BFLOAT16 -> ElementType.BFLOAT16;
            default -> null;
        };
    }

    private static String javaTypeName(OnnxJavaType type) {
        ElementType e = elementOf(type);
        return e == null ? type.toString().toLowerCase(java.util.Locale.ROOT) : e.displayName();
    }

    /** Copies all outputs of a result, in order. */
    static Map<String, OutputValue> copyOutputs(ai.onnxruntime.OrtSession.Result result) throws WorkbenchException {
        Map<String, OutputValue> outputs = new LinkedHashMap<>();
        for (Map.Entry<String, OnnxValue> entry : result) {
            outputs.put(entry.getKey(), toOutputValue(entry.getValue()));
        }
        return outputs;
    }
}
