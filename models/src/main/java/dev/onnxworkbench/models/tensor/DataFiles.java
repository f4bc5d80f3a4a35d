package dev.onnxworkbench.models.tensor;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.graph.Shape;
import dev.onnxworkbench.models.graph.Tensor;
import dev.onnxworkbench.models.graph.ValueType;
import dev.onnxworkbench.models.onnx.TensorProtoReader;
import dev.onnxworkbench.models.onnx.TypeMapper;
import dev.onnxworkbench.models.onnx.proto.MapProto;
import dev.onnxworkbench.models.onnx.proto.OptionalProto;
import dev.onnxworkbench.models.onnx.proto.SequenceProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads ONNX test-data files ({@code test_data_set_N/input_M.pb}, {@code output_M.pb}). The file does
 * not say which message it holds; the model's declared type does ({@link #read(Path, ValueType)}).
 * Without a type, {@link #read(Path)} tries each message and keeps the one that decodes consistently;
 * an optional holding at most one value has the same bytes as a sequence of that length and is read as one.
 */
public final class DataFiles {
    private static final int TENSOR = 1;
    private static final int SPARSE_TENSOR = 2;
    private static final int SEQUENCE = 3;
    private static final int MAP = 4;
    private static final int OPTIONAL = 5;

    private DataFiles() {
    }

    /** Reads {@code file} as the message that {@code expected} calls for (tensor, sequence, map, optional). */
    public static DataValue read(Path file, ValueType expected) throws DataFileException {
        byte[] bytes = bytes(file);
        String name = file.getFileName().toString();
        TensorProtoReader tensors = new TensorProtoReader(file.toAbsolutePath().getParent(), name);
        try {
            return switch (expected) {
                case ValueType.TensorType t -> tensor(parse(TensorProto.parser(), bytes, name), tensors, name);
                case ValueType.SequenceType s -> sequence(parse(SequenceProto.parser(), bytes, name), s.elementType(), tensors, name);
                case ValueType.MapType m -> map(parse(MapProto.parser(), bytes, name), m.valueType(), tensors, name);
                case ValueType.OptionalType o -> optional(parse(OptionalProto.parser(), bytes, name), o.elementType(), tensors, name);
                case ValueType.SparseTensorType s -> throw new DataFileException(
                        name + " holds a sparse tensor; sparse test values are not supported yet.");
                case ValueType.OpaqueType o -> guess(bytes, tensors, name);
                case ValueType.Unknown u -> guess(bytes, tensors, name);
            };
        } catch (DataFileException e) {
            throw e;
        } catch (WorkbenchException e) {
            throw new DataFileException(e.getMessage(), e);
        }
    }

    /** Reads {@code file} without knowing its type: the first of tensor, sequence, map, optional that fits. */
    public static DataValue read(Path file) throws DataFileException {
        byte[] bytes = bytes(file);
        String name = file.getFileName().toString();
        return guess(bytes, new TensorProtoReader(file.toAbsolutePath().getParent(), name), name);
    }

    private static DataValue guess(byte[] bytes, TensorProtoReader tensors, String name) throws DataFileException {
        try {
            TensorProto t = TensorProto.parseFrom(bytes);
            if (t.getUnknownFields().asMap().isEmpty() && !t.hasSegment() && t.getDataType() > 0) {
                DataValue v = tensor(t, tensors, name);
                if (consistent(((DataValue.TensorValue) v).tensor())) {
                    return v;
                }
            }
        } catch (WorkbenchException | InvalidProtocolBufferException | RuntimeException ignored) {
            // not a tensor; try the next message
        }
        try {
            SequenceProto s = SequenceProto.parseFrom(bytes);
            if (s.getUnknownFields().asMap().isEmpty() && s.getElemType() >= 0 && s.getElemType() <= OPTIONAL) {
                return sequence(s, ValueType.UNKNOWN, tensors, name);
            }
        } catch (WorkbenchException | InvalidProtocolBufferException | RuntimeException ignored) {
            // not a sequence
        }
        try {
            MapProto m = MapProto.parseFrom(bytes);
            if (m.getUnknownFields().asMap().isEmpty() && m.hasValues() && m.getKeyType() > 0) {
                return map(m, ValueType.UNKNOWN, tensors, name);
            }
        } catch (WorkbenchException | InvalidProtocolBufferException | RuntimeException ignored) {
            // not a map
        }
        try {
            OptionalProto o = OptionalProto.parseFrom(bytes);
            if (o.getUnknownFields().asMap().isEmpty() && o.getElemType() >= 0 && o.getElemType() <= OPTIONAL) {
                return optional(o, ValueType.UNKNOWN, tensors, name);
            }
        } catch (WorkbenchException | InvalidProtocolBufferException | RuntimeException ignored) {
            // not an optional
        }
        throw new DataFileException(name + " is not an ONNX test-data file (a serialized TensorProto, SequenceProto, "
                + "MapProto or OptionalProto).");
    }

    /** A tensor whose stored values match its dims exactly. */
    private static boolean consistent(Tensor t) throws WorkbenchException {
        if (t.elementType() == ElementType.STRING) {
            return t.data().readStrings().size() == t.elementCount();
        }
        return t.data().isExternal() || t.data().readRaw().remaining() == t.byteSize();
    }

    private static DataValue tensor(TensorProto proto, TensorProtoReader tensors, String name) throws WorkbenchException {
        return new DataValue.TensorValue(tensors.read(proto, "tensor"));
    }

    private static DataValue.SequenceValue sequence(SequenceProto proto, ValueType expectedElement,
                                                    TensorProtoReader tensors, String name) throws WorkbenchException {
        List<DataValue> elements = new ArrayList<>();
        ValueType elementType = expectedElement;
        switch (proto.getElemType()) {
            case TENSOR -> {
                for (TensorProto t : proto.getTensorValuesList()) {
                    elements.add(tensor(t, tensors, name));
                }
            }
            case SEQUENCE -> {
                ValueType inner = expectedElement instanceof ValueType.SequenceType s ? s.elementType() : ValueType.UNKNOWN;
                for (SequenceProto s : proto.getSequenceValuesList()) {
                    elements.add(sequence(s, inner, tensors, name));
                }
            }
            case MAP -> {
                ValueType inner = expectedElement instanceof ValueType.MapType m ? m.valueType() : ValueType.UNKNOWN;
                for (MapProto m : proto.getMapValuesList()) {
                    elements.add(map(m, inner, tensors, name));
                }
            }
            case OPTIONAL -> {
                ValueType inner = expectedElement instanceof ValueType.OptionalType o ? o.elementType() : ValueType.UNKNOWN;
                for (OptionalProto o : proto.getOptionalValuesList()) {
                    elements.add(optional(o, inner, tensors, name));
                }
            }
            case SPARSE_TENSOR -> throw new DataFileException(
                    name + " holds a sequence of sparse tensors; sparse test values are not supported yet.");
            default -> {
                if (proto.getTensorValuesCount() + proto.getSequenceValuesCount() + proto.getMapValuesCount()
                        + proto.getOptionalValuesCount() + proto.getSparseTensorValuesCount() > 0) {
                    throw new DataFileException(name + " holds a sequence with an unknown element type "
                            + proto.getElemType() + "; the file is damaged.");
                }
            }
        }
        if (elementType instanceof ValueType.Unknown && !elements.isEmpty()) {
            elementType = generalize(elements.getFirst().type());
        }
        return new DataValue.SequenceValue(proto.getName(), elementType, elements);
    }

    /** Element types of sequences are declared without a fixed shape; keep the element type and rank only. */
    private static ValueType generalize(ValueType type) {
        return type instanceof ValueType.TensorType t ? new ValueType.TensorType(t.elementType(), Shape.UNKNOWN_RANK) : type;
    }

    private static DataValue map(MapProto proto, ValueType expectedValue, TensorProtoReader tensors, String name)
            throws WorkbenchException {
        ElementType keyType = TypeMapper.elementType(proto.getKeyType());
        List<Long> intKeys = proto.getKeysList();
        List<String> stringKeys = new ArrayList<>(proto.getStringKeysCount());
        proto.getStringKeysList().forEach(b -> stringKeys.add(b.toStringUtf8()));
        DataValue.SequenceValue values = sequence(proto.getValues(), expectedValue, tensors, name);
        int keyCount = keyType == ElementType.STRING ? stringKeys.size() : intKeys.size();
        if (keyCount != values.elements().size()) {
            throw new DataFileException(name + " holds a map with " + keyCount + " keys but "
                    + values.elements().size() + " values; the file is damaged.");
        }
        return new DataValue.MapValue(proto.getName(), keyType, intKeys, stringKeys, values);
    }

    private static DataValue optional(OptionalProto proto, ValueType expectedElement, TensorProtoReader tensors,
                                      String name) throws WorkbenchException {
        Optional<DataValue> value = switch (proto.getElemType()) {
            case TENSOR -> proto.hasTensorValue() ? Optional.of(tensor(proto.getTensorValue(), tensors, name)) : Optional.empty();
            case SEQUENCE -> proto.hasSequenceValue() ? Optional.of(sequence(proto.getSequenceValue(),
                    expectedElement instanceof ValueType.SequenceType s ? s.elementType() : ValueType.UNKNOWN, tensors, name))
                    : Optional.empty();
            case MAP -> proto.hasMapValue() ? Optional.of(map(proto.getMapValue(),
                    expectedElement instanceof ValueType.MapType m ? m.valueType() : ValueType.UNKNOWN, tensors, name))
                    : Optional.empty();
            case OPTIONAL -> proto.hasOptionalValue() ? Optional.of(optional(proto.getOptionalValue(),
                    expectedElement instanceof ValueType.OptionalType o ? o.elementType() : ValueType.UNKNOWN, tensors, name))
                    : Optional.empty();
            case SPARSE_TENSOR -> throw new DataFileException(
                    name + " holds an optional sparse tensor; sparse test values are not supported yet.");
            default -> Optional.empty();
        };
        ValueType elementType = expectedElement instanceof ValueType.Unknown && value.isPresent()
                ? value.get().type() : expectedElement;
        return new DataValue.OptionalValue(proto.getName(), elementType, value);
    }

    private static <M extends Message> M parse(Parser<M> parser, byte[] bytes, String name) throws DataFileException {
        try {
            CodedInputStream input = CodedInputStream.newInstance(bytes);
            input.enableAliasing(true); // tensor bytes stay views on this array
            return parser.parseFrom(input);
        } catch (InvalidProtocolBufferException e) {
            throw new DataFileException(name + " is damaged: it is not a valid serialized value ("
                    + e.getMessage() + ").", e);
        }
    }

    private static byte[] bytes(Path file) throws DataFileException {
        try {
            if (Files.size(file) > Integer.MAX_VALUE - 8) {
                throw new DataFileException(file.getFileName() + " is larger than 2 GB, which a protobuf value cannot be.");
            }
            return Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new DataFileException(file + " does not exist.", e);
        } catch (IOException e) {
            throw new DataFileException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }
}
