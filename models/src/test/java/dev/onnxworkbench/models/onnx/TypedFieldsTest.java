package dev.onnxworkbench.models.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.graph.Tensor;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import dev.onnxworkbench.models.tensor.ElementDecoder;
import dev.onnxworkbench.models.testing.Protos;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values in TensorProto's typed fields, packed (what onnx writes) and unpacked (what some older
 * writers did), all come back in raw layout, whether the model is read from a file or from memory.
 */
class TypedFieldsTest {
    @TempDir
    Path dir;

    private Tensor readBack(TensorProto tensor) throws Exception {
        Path file = Protos.write(Protos.model(GraphProto.newBuilder().addInitializer(tensor).build(), 17).build(),
                dir.resolve(tensor.getName() + ".onnx"));
        Tensor fromFile = new OnnxReader().read(file).graph().initializers().getFirst();
        Tensor fromMemory = new OnnxReader().read(java.nio.file.Files.readAllBytes(file), null, "mem.onnx")
                .graph().initializers().getFirst();
        if (fromFile.elementType() == ElementType.STRING) {
            assertThat(fromFile.data().readStrings()).isEqualTo(fromMemory.data().readStrings());
        } else {
            assertThat(bytes(fromFile.data().readRaw())).isEqualTo(bytes(fromMemory.data().readRaw()));
        }
        return fromFile;
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private static ByteString varints(long... values) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        var out = com.google.protobuf.CodedOutputStream.newInstance(bytes);
        for (long v : values) {
            out.writeInt64NoTag(v);
        }
        out.flush();
        return ByteString.copyFrom(bytes.toByteArray());
    }

    private static double value(Tensor t, int i) throws Exception {
        return ElementDecoder.decode(t.data().readRaw(), t.elementType(), i);
    }

    @Test
    void packedFloatData() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-2f).putFloat(3f);
        Tensor t = readBack(TensorProto.newBuilder().setName("f").setDataType(1).addDims(3)
                .addFloatData(ByteString.copyFrom(b.array())).build());
        assertThat(value(t, 0)).isEqualTo(1.5);
        assertThat(value(t, 2)).isEqualTo(3.0);
        assertThat(t.data().describeLocation()).isEqualTo("inline float_data (12 bytes encoded)");
    }

    @Test
    void unpackedFloatDataFromTheUnknownFields() throws Exception {
        UnknownFieldSet.Field field = UnknownFieldSet.Field.newBuilder()
                .addFixed32(Float.floatToIntBits(4f)).addFixed32(Float.floatToIntBits(-5f)).build();
        Tensor t = readBack(TensorProto.newBuilder().setName("u").setDataType(1).addDims(2)
                .setUnknownFields(UnknownFieldSet.newBuilder().addField(4, field).build()).build());
        assertThat(value(t, 0)).isEqualTo(4.0);
        assertThat(value(t, 1)).isEqualTo(-5.0);
    }

    @Test
    void int32DataCarriesSmallIntegersAndHalfFloatBits() throws Exception {
        Tensor i8 = readBack(TensorProto.newBuilder().setName("i8").setDataType(ElementType.INT8.code()).addDims(3)
                .addInt32Data(varints(-1, 127, -128)).build());
        assertThat(i8.data().readRaw().remaining()).isEqualTo(3);
        assertThat(value(i8, 0)).isEqualTo(-1.0);
        assertThat(value(i8, 2)).isEqualTo(-128.0);
        Tensor f16 = readBack(TensorProto.newBuilder().setName("h").setDataType(ElementType.FLOAT16.code()).addDims(2)
                .addInt32Data(varints(0x3C00, 0xC000)).build());
        assertThat(value(f16, 0)).isEqualTo(1.0);
        assertThat(value(f16, 1)).isEqualTo(-2.0);
        Tensor bools = readBack(TensorProto.newBuilder().setName("b").setDataType(ElementType.BOOL.code()).addDims(2)
                .addInt32Data(varints(1, 0)).build());
        assertThat(value(bools, 0)).isEqualTo(1.0);
        Tensor int4 = readBack(TensorProto.newBuilder().setName("q").setDataType(ElementType.INT4.code()).addDims(3)
                .addInt32Data(varints(0xF7, 0x02)).build());
        assertThat(int4.data().readRaw().remaining()).isEqualTo(2);
        assertThat(value(int4, 1)).isEqualTo(-1.0);
        assertThat(value(int4, 2)).isEqualTo(2.0);
    }

    @Test
    void int64Uint64AndDoubleData() throws Exception {
        Tensor i64 = readBack(TensorProto.newBuilder().setName("l").setDataType(7).addDims(2)
                .addInt64Data(varints(-3, 1L << 40)).build());
        assertThat(value(i64, 0)).isEqualTo(-3.0);
        assertThat(value(i64, 1)).isEqualTo(Math.scalb(1.0, 40));
        Tensor u32 = readBack(TensorProto.newBuilder().setName("u32").setDataType(ElementType.UINT32.code()).addDims(1)
                .addUint64Data(varints(4_000_000_000L)).build());
        assertThat(u32.data().readRaw().remaining()).isEqualTo(4);
        assertThat(value(u32, 0)).isEqualTo(4.0e9);
        ByteBuffer d = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(Math.PI);
        Tensor f64 = readBack(TensorProto.newBuilder().setName("d").setDataType(11).addDims(1)
                .addDoubleData(ByteString.copyFrom(d.array())).build());
        assertThat(value(f64, 0)).isEqualTo(Math.PI);
    }

    @Test
    void unpackedInt64DataFromTheUnknownFields() throws Exception {
        UnknownFieldSet.Field field = UnknownFieldSet.Field.newBuilder().addVarint(-7).addVarint(9).build();
        Tensor t = readBack(TensorProto.newBuilder().setName("ul").setDataType(7).addDims(2)
                .setUnknownFields(UnknownFieldSet.newBuilder().addField(7, field).build()).build());
        assertThat(value(t, 0)).isEqualTo(-7.0);
        assertThat(value(t, 1)).isEqualTo(9.0);
    }

    @Test
    void stringData() throws Exception {
        Tensor t = readBack(TensorProto.newBuilder().setName("s").setDataType(8).addDims(2)
                .addStringData(ByteString.copyFromUtf8("héllo")).addStringData(ByteString.copyFromUtf8("")).build());
        assertThat(t.data().readStrings()).containsExactly("héllo", "");
    }

    @Test
    void aCountThatDisagreesWithTheDimsIsCorrupt() throws Exception {
        Tensor t = new OnnxReader().read(Protos.model(GraphProto.newBuilder().addInitializer(
                TensorProto.newBuilder().setName("bad").setDataType(7).addDims(3).addInt64Data(varints(1, 2))).build(), 17)
                .build().toByteArray(), null, "bad.onnx").graph().initializers().getFirst();
        ModelReadException e = org.assertj.core.api.Assertions.catchThrowableOfType(ModelReadException.class,
                () -> t.data().readRaw());
        assertThat(e.kind()).isEqualTo(ModelReadException.Kind.CORRUPT);
        assertThat(e.getMessage()).isEqualTo("initializer 'bad' in bad.onnx declares 24 bytes of values but its "
                + "int64_data holds 16 bytes; the file is damaged or was written incorrectly.");
    }
}
