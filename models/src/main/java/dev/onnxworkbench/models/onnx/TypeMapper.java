package dev.onnxworkbench.models.onnx;

import dev.onnxworkbench.models.graph.Dimension;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.graph.Shape;
import dev.onnxworkbench.models.graph.ValueInfo;
import dev.onnxworkbench.models.graph.ValueType;
import dev.onnxworkbench.models.onnx.proto.StringStringEntryProto;
import dev.onnxworkbench.models.onnx.proto.TensorShapeProto;
import dev.onnxworkbench.models.onnx.proto.TypeProto;
import dev.onnxworkbench.models.onnx.proto.ValueInfoProto;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** TypeProto / ValueInfoProto → the format-neutral {@link ValueType} and {@link ValueInfo}. Public for test-data readers. */
public final class TypeMapper {
    private TypeMapper() {
    }

    public static ValueInfo valueInfo(ValueInfoProto proto) {
        ValueType type = proto.hasType() ? type(proto.getType()) : ValueType.UNKNOWN;
        return new ValueInfo(proto.getName(), type, proto.getDocString(), properties(proto.getMetadataPropsList()));
    }

    public static ValueType type(TypeProto proto) {
        return switch (proto.getValueCase()) {
            case TENSOR_TYPE -> new ValueType.TensorType(elementType(proto.getTensorType().getElemType()),
                    proto.getTensorType().hasShape() ? shape(proto.getTensorType().getShape()) : Shape.UNKNOWN_RANK);
            case SPARSE_TENSOR_TYPE -> new ValueType.SparseTensorType(
                    elementType(proto.getSparseTensorType().getElemType()),
                    proto.getSparseTensorType().hasShape()
                            ? shape(proto.getSparseTensorType().getShape()) : Shape.UNKNOWN_RANK);
            case SEQUENCE_TYPE -> new ValueType.SequenceType(proto.getSequenceType().hasElemType()
                    ? type(proto.getSequenceType().getElemType()) : ValueType.UNKNOWN);
            case MAP_TYPE -> new ValueType.MapType(elementType(proto.getMapType().getKeyType()),
                    proto.getMapType().hasValueType() ? type(proto.getMapType().getValueType()) : ValueType.UNKNOWN);
            case OPTIONAL_TYPE -> new ValueType.OptionalType(proto.getOptionalType().hasElemType()
                    ? type(proto.getOptionalType().getElemType()) : ValueType.UNKNOWN);
            case OPAQUE_TYPE -> new ValueType.OpaqueType(proto.getOpaqueType().getDomain(),
                    proto.getOpaqueType().getName());
            case VALUE_NOT_SET -> ValueType.UNKNOWN;
        };
    }

    public static Shape shape(TensorShapeProto proto) {
        List<Dimension> dims = new ArrayList<>(proto.getDimCount());
        for (TensorShapeProto.Dimension d : proto.getDimList()) {
            dims.add(switch (d.getValueCase()) {
                case DIM_VALUE -> Dimension.of(d.getDimValue());
                case DIM_PARAM -> d.getDimParam().isEmpty() ? Dimension.UNKNOWN : Dimension.of(d.getDimParam());
                case VALUE_NOT_SET -> Dimension.UNKNOWN;
            });
        }
        return new Shape(dims);
    }

    /** The element type for a wire code; codes newer than this build become UNDEFINED rather than failing. */
    public static ElementType elementType(int code) {
        ElementType t = ElementType.fromCode(code);
        return t == null ? ElementType.UNDEFINED : t;
    }

    /** metadata_props as a map in file order (a repeated key keeps its last value). */
    static Map<String, String> properties(List<StringStringEntryProto> entries) {
        if (entries.isEmpty()) {
            return Map.of();
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (StringStringEntryProto e : entries) {
            map.put(e.getKey(), e.getValue());
        }
        return map;
    }
}
