package dev.onnxworkbench.models.onnx;

import dev.onnxworkbench.models.HumanUnits;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.graph.SparseTensor;
import dev.onnxworkbench.models.graph.Tensor;
import dev.onnxworkbench.models.graph.TensorData;
import dev.onnxworkbench.models.onnx.ModelReadException.Kind;
import dev.onnxworkbench.models.onnx.proto.SparseTensorProto;
import dev.onnxworkbench.models.onnx.proto.StringStringEntryProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link TensorProto} into a {@link Tensor} whose values stay where they are (a view on
 * the model bytes, a still-encoded typed field, or an external file) until someone asks. Public so
 * that test-data files (models.tensor) are read the same way as initializers.
 */
public final class TensorProtoReader {
    private final ExternalDataResolver external;
    private final String sourceName;
    private final List<ByteBuffer> slices;

    /**
     * @param folder     the folder external data is resolved in (the model's folder), or null for none
     * @param sourceName the file the tensors come from, for messages ("model.onnx")
     */
    public TensorProtoReader(Path folder, String sourceName) {
        this(folder, sourceName, null);
    }

    /**
     * For protos produced by {@link WeightStripper} ({@code slices} not null): payload fields hold
     * references into {@code slices} instead of the values.
     */
    TensorProtoReader(Path folder, String sourceName, List<ByteBuffer> slices) {
        this.external = new ExternalDataResolver(folder, sourceName);
        this.sourceName = sourceName;
        this.slices = slices;
    }

    /**
     * Reads one tensor. {@code role} says what it is for messages, e.g. "initializer" or "attribute 'value' of node 'c1'".
     */
    public Tensor read(TensorProto proto, String role) throws ModelReadException {
        String name = proto.getName();
        String label = role + (name.isEmpty() ? "" : " '" + name + "'");
        String description = label + " in " + sourceName;
        ElementType type = ElementType.fromCode(proto.getDataType());
        if (type == null) {
            type = ElementType.UNDEFINED;
        }
        List<Long> dims = proto.getDimsList();
        long expectedBytes = expectedBytes(type, dims);
        return new Tensor(name, type, dims, data(proto, type, expectedBytes, label, description), proto.getDocString());
    }

    public SparseTensor readSparse(SparseTensorProto proto, String role) throws ModelReadException {
        Tensor values = read(proto.getValues(), "values of sparse " + role);
        Tensor indices = read(proto.getIndices(), "indices of sparse " + role);
        return new SparseTensor(values, indices, proto.getDimsList());
    }

    /** Bytes the dims call for in raw layout, or -1 when unknowable (strings, bad dims, overflow). */
    static long expectedBytes(ElementType type, List<Long> dims) {
        if (type.bits() == 0) {
            return -1;
        }
        long count = 1;
        for (long d : dims) {
            if (d < 0) {
                return -1;
            }
            try {
                count = Math.multiplyExact(count, d);
            } catch (ArithmeticException overflow) {
                return -1;
            }
        }
        if (count > Long.MAX_VALUE / 128) {
            return -1;
        }
        return type.byteSize(count);
    }

    private TensorData data(TensorProto proto, ElementType type, long expectedBytes, String label,
                            String description) throws ModelReadException {
        if (proto.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            return externalData(proto, expectedBytes, label, description);
        }
        UnknownFieldSet unknown = proto.getUnknownFields();
        List<ByteBuffer> raw = payloads(proto.hasRawData() ? List.of(proto.getRawData()) : List.of(), description);
        if (!raw.isEmpty()) {
            return new RawTensorData(raw.getLast(), expectedBytes, description);
        }
        // Which typed field holds which element types: see TensorProto in onnx.proto.
        return switch (type) {
            case STRING -> new StringTensorData(proto.getStringDataList());
            case FLOAT, COMPLEX64 -> new TypedTensorData(type, TypedTensorData.Encoding.FIXED32, "float_data",
                    payloads(proto.getFloatDataList(), description),
                    unknownFixed32(unknown, TensorProto.FLOAT_DATA_FIELD_NUMBER), expectedBytes, description);
            case DOUBLE, COMPLEX128 -> new TypedTensorData(type, TypedTensorData.Encoding.FIXED64, "double_data",
                    payloads(proto.getDoubleDataList(), description),
                    unknownFixed64(unknown, TensorProto.DOUBLE_DATA_FIELD_NUMBER), expectedBytes, description);
            case INT64 -> new TypedTensorData(type, TypedTensorData.Encoding.VARINT, "int64_data",
                    payloads(proto.getInt64DataList(), description),
                    unknownVarints(unknown, TensorProto.INT64_DATA_FIELD_NUMBER), expectedBytes, description);
            case UINT32, UINT64 -> new TypedTensorData(type, TypedTensorData.Encoding.VARINT, "uint64_data",
                    payloads(proto.getUint64DataList(), description),
                    unknownVarints(unknown, TensorProto.UINT64_DATA_FIELD_NUMBER), expectedBytes, description);
            default -> new TypedTensorData(type, TypedTensorData.Encoding.VARINT, "int32_data",
                    payloads(proto.getInt32DataList(), description),
                    unknownVarints(unknown, TensorProto.INT32_DATA_FIELD_NUMBER), expectedBytes, description);
        };
    }

    /**
     * The payloads of a bytes field: the field's own content (protos parsed directly, e.g. test-data
     * files) or, for stripped models, the views on the mapping its references point to. References
     * come from {@link WeightStripper}, which replaces every such field; they are still bounds-checked.
     */
    private List<ByteBuffer> payloads(List<ByteString> fields, String description) throws ModelReadException {
        if (fields.isEmpty()) {
            return List.of();
        }
        List<ByteBuffer> result = new ArrayList<>(fields.size());
        for (ByteString field : fields) {
            if (slices == null) {
                result.add(field.asReadOnlyByteBuffer().slice());
                continue;
            }
            if (field.size() != WeightStripper.REFERENCE_BYTES) {
                throw missingPayload(description);
            }
            int index = (field.byteAt(0) & 0xFF) | (field.byteAt(1) & 0xFF) << 8 | (field.byteAt(2) & 0xFF) << 16
                    | (field.byteAt(3) & 0xFF) << 24;
            if (index < 0 || index >= slices.size()) {
                throw missingPayload(description);
            }
            result.add(slices.get(index));
        }
        return result;
    }

    private static ModelReadException missingPayload(String description) {
        return new ModelReadException(Kind.CORRUPT, description + " refers to data that is not there; the model is damaged.");
    }

    private static List<Long> unknownVarints(UnknownFieldSet unknown, int field) {
        return unknown.hasField(field) ? unknown.getField(field).getVarintList() : List.of();
    }

    private static List<Long> unknownFixed64(UnknownFieldSet unknown, int field) {
        return unknown.hasField(field) ? unknown.getField(field).getFixed64List() : List.of();
    }

    private static List<Long> unknownFixed32(UnknownFieldSet unknown, int field) {
        if (!unknown.hasField(field)) {
            return List.of();
        }
        List<Integer> ints = unknown.getField(field).getFixed32List();
        List<Long> result = new ArrayList<>(ints.size());
        for (int i : ints) {
            result.add((long) i);
        }
        return result;
    }

    private TensorData externalData(TensorProto proto, long expectedBytes, String label, String description)
            throws ModelReadException {
        String location = "";
        long offset = 0;
        long length = -1;
        for (StringStringEntryProto entry : proto.getExternalDataList()) {
            switch (entry.getKey()) {
                case "location" -> location = entry.getValue();
                case "offset" -> offset = parseSize(entry.getValue(), "offset", description);
                case "length" -> length = parseSize(entry.getValue(), "length", description);
                default -> { } // "checksum" and future keys: nothing to check at open time
            }
        }
        ExternalDataResolver.ResolvedFile file = external.resolve(location, label);
        if (length < 0) {
            length = Math.max(0, file.size() - offset);
        }
        if (offset > file.size() || length > file.size() - offset) {
            throw new ModelReadException(Kind.TRUNCATED,
                    file.location() + " is " + HumanUnits.bytes(file.size()) + ", but " + description + " needs bytes "
                            + offset + " to " + (offset + length) + " of it; the weights file is incomplete.");
        }
        return new ExternalTensorData(file, offset, length, expectedBytes, description);
    }

    private static long parseSize(String value, String key, String description) throws ModelReadException {
        try {
            long v = Long.parseLong(value.trim());
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new ModelReadException(Kind.CORRUPT,
                description + " has an invalid external data " + key + " '" + value + "'; the model is damaged.");
    }
}
