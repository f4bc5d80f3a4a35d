package dev.onnxworkbench.models.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.graph.Tensor;
import dev.onnxworkbench.models.onnx.ModelReadException.Kind;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.onnx.proto.StringStringEntryProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import dev.onnxworkbench.models.testing.Protos;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** External data: values read from the file next to the model, and every way out of the folder refused. */
class ExternalDataTest {
    private final OnnxReader reader = new OnnxReader();

    @TempDir
    Path dir;

    private Path modelWithExternal(Path folder, String location, long offset, long length) throws Exception {
        TensorProto.Builder w = TensorProto.newBuilder().setName("fc.weight").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(2).addDims(2).setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(entry("location", location));
        if (offset >= 0) {
            w.addExternalData(entry("offset", Long.toString(offset)));
        }
        if (length >= 0) {
            w.addExternalData(entry("length", Long.toString(length)));
        }
        GraphProto graph = GraphProto.newBuilder().setName("g")
                .addInput(Protos.tensorValue("x", 1, 2L, 2L)).addOutput(Protos.tensorValue("y", 1, 2L, 2L))
                .addInitializer(w)
                .addNode(Protos.node("MatMul", "fc", List.of("x", "fc.weight"), List.of("y"))).build();
        ModelProto model = Protos.model(graph, 17).build();
        return Protos.write(model, folder.resolve("model.onnx"));
    }

    private static StringStringEntryProto entry(String k, String v) {
        return StringStringEntryProto.newBuilder().setKey(k).setValue(v).build();
    }

    private static byte[] floats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    @Test
    void readsValuesAtTheirOffsetInTheWeightsFile() throws Exception {
        byte[] weights = new byte[16 + 16];
        System.arraycopy(floats(1, 2, 3, 4), 0, weights, 16, 16);
        Files.write(dir.resolve("weights.bin"), weights);
        Model model = reader.read(modelWithExternal(dir, "weights.bin", 16, 16));
        Tensor w = model.graph().initializers().getFirst();
        assertThat(w.data().isExternal()).isTrue();
        assertThat(w.data().describeLocation()).isEqualTo("external: weights.bin @ 16 (16 bytes)");
        ByteBuffer raw = w.data().readRaw();
        assertThat(raw.getFloat(0)).isEqualTo(1f);
        assertThat(raw.getFloat(12)).isEqualTo(4f);
    }

    @Test
    void withoutALengthTheRestOfTheFileIsTheTensor() throws Exception {
        Files.write(dir.resolve("w.bin"), floats(5, 6, 7, 8));
        Tensor w = reader.read(modelWithExternal(dir, "w.bin", -1, -1)).graph().initializers().getFirst();
        assertThat(w.data().readRaw().getFloat(4)).isEqualTo(6f);
    }

    @Test
    void weightsInASubfolderAreFine() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.write(dir.resolve("data/w.bin"), floats(1, 2, 3, 4));
        Tensor w = reader.read(modelWithExternal(dir, "data/w.bin", 0, 16)).graph().initializers().getFirst();
        assertThat(w.data().readRaw().remaining()).isEqualTo(16);
        Tensor windows = reader.read(modelWithExternal(dir, "data\\w.bin", 0, 16)).graph().initializers().getFirst();
        assertThat(windows.data().readRaw().getFloat(12)).isEqualTo(4f);
    }

    @Test
    void aMissingWeightsFileIsNamed() throws Exception {
        ModelReadException e = catchThrowableOfType(ModelReadException.class,
                () -> reader.read(modelWithExternal(dir, "weights.bin", 0, 16)));
        assertThat(e.kind()).isEqualTo(Kind.MISSING_EXTERNAL_DATA);
        assertThat(e.getMessage()).startsWith("weights.bin, referenced by initializer 'fc.weight', is missing next to model.onnx");
    }

    @Test
    void aWeightsFileTooShortIsTruncatedAtOpenTime() throws Exception {
        Files.write(dir.resolve("weights.bin"), new byte[10]);
        ModelReadException e = catchThrowableOfType(ModelReadException.class,
                () -> reader.read(modelWithExternal(dir, "weights.bin", 0, 16)));
        assertThat(e.kind()).isEqualTo(Kind.TRUNCATED);
        assertThat(e.getMessage()).isEqualTo("weights.bin is 10 bytes, but initializer 'fc.weight' in model.onnx needs "
                + "bytes 0 to 16 of it; the weights file is incomplete.");
    }

    @Test
    void anAbsolutePathIsRefused() throws Exception {
        Path secret = Files.write(dir.resolve("secret.bin"), new byte[16]);
        Path folder = Files.createDirectories(dir.resolve("model"));
        ModelReadException e = catchThrowableOfType(ModelReadException.class,
                () -> reader.read(modelWithExternal(folder, secret.toString(), 0, 16)));
        assertThat(e.kind()).isEqualTo(Kind.EXTERNAL_PATH_OUTSIDE_FOLDER);
        assertThat(e.getMessage()).contains("is an absolute path").contains("only files inside the model's folder are read");
    }

    @Test
    void dotDotEscapesAreRefused() throws Exception {
        Files.write(dir.resolve("secret.bin"), new byte[16]);
        Path folder = Files.createDirectories(dir.resolve("model"));
        for (String location : List.of("../secret.bin", "sub/../../secret.bin", "..\\secret.bin")) {
            ModelReadException e = catchThrowableOfType(ModelReadException.class,
                    () -> reader.read(modelWithExternal(folder, location, 0, 16)));
            assertThat(e.kind()).as(location).isEqualTo(Kind.EXTERNAL_PATH_OUTSIDE_FOLDER);
            assertThat(e.getMessage()).contains("climbs out with '..'");
        }
    }

    @Test
    void aSymlinkPointingOutOfTheFolderIsRefused() throws Exception {
        Path secret = Files.write(dir.resolve("secret.bin"), new byte[16]);
        Path folder = Files.createDirectories(dir.resolve("model"));
        Files.createSymbolicLink(folder.resolve("weights.bin"), secret);
        ModelReadException e = catchThrowableOfType(ModelReadException.class,
                () -> reader.read(modelWithExternal(folder, "weights.bin", 0, 16)));
        assertThat(e.kind()).isEqualTo(Kind.EXTERNAL_PATH_OUTSIDE_FOLDER);
        assertThat(e.getMessage()).contains("is a link to").contains("outside the model's folder");
    }

    @Test
    void aSymlinkedFolderOnTheWayOutIsRefusedToo() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.write(outside.resolve("w.bin"), new byte[16]);
        Path folder = Files.createDirectories(dir.resolve("model"));
        Files.createSymbolicLink(folder.resolve("data"), outside);
        ModelReadException e = catchThrowableOfType(ModelReadException.class,
                () -> reader.read(modelWithExternal(folder, "data/w.bin", 0, 16)));
        assertThat(e.kind()).isEqualTo(Kind.EXTERNAL_PATH_OUTSIDE_FOLDER);
    }

    @Test
    void aSymlinkStayingInsideTheFolderIsAllowed() throws Exception {
        Files.write(dir.resolve("real.bin"), floats(1, 2, 3, 4));
        Files.createSymbolicLink(dir.resolve("weights.bin"), dir.resolve("real.bin"));
        Tensor w = reader.read(modelWithExternal(dir, "weights.bin", 0, 16)).graph().initializers().getFirst();
        assertThat(w.data().readRaw().getFloat(8)).isEqualTo(3f);
    }

    @Test
    void aModelReadFromMemoryHasNoFolderForExternalData() throws Exception {
        byte[] bytes = Files.readAllBytes(modelWithExternal(dir, "weights.bin", 0, 16));
        ModelReadException e = catchThrowableOfType(ModelReadException.class, () -> reader.read(bytes, null, "mem.onnx"));
        assertThat(e.kind()).isEqualTo(Kind.MISSING_EXTERNAL_DATA);
        assertThat(e.getMessage()).contains("was read from memory");
    }

    @Test
    void aNonNumericOffsetIsCorrupt() throws Exception {
        Files.write(dir.resolve("weights.bin"), new byte[16]);
        TensorProto bad = TensorProto.newBuilder().setName("w").setDataType(1).addDims(4)
                .setDataLocation(TensorProto.DataLocation.EXTERNAL).addExternalData(entry("location", "weights.bin"))
                .addExternalData(entry("offset", "twelve")).build();
        ModelProto model = Protos.model(GraphProto.newBuilder().addInitializer(bad).build(), 17).build();
        ModelReadException bad1 = catchThrowableOfType(ModelReadException.class,
                () -> reader.read(Protos.write(model, dir.resolve("bad.onnx"))));
        assertThat(bad1.kind()).isEqualTo(Kind.CORRUPT);
        assertThat(bad1.getMessage()).isEqualTo("initializer 'w' in bad.onnx has an invalid external data offset 'twelve'; the model is damaged.");
    }
}
