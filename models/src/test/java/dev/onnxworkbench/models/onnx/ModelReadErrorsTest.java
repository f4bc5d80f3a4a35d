package dev.onnxworkbench.models.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.CodedOutputStream;
import dev.onnxworkbench.models.onnx.ModelReadException.Kind;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.onnx.proto.NodeProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import dev.onnxworkbench.models.testing.Protos;
import dev.onnxworkbench.models.testing.TestModels;
import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each error kind, with a message that names the file and says what is wrong. */
class ModelReadErrorsTest {
    private final OnnxReader reader = new OnnxReader();

    @TempDir
    Path dir;

    private ModelReadException readFails(Path file) {
        return catchThrowableOfType(ModelReadException.class, () -> reader.read(file));
    }

    @Test
    void aTextFileIsNotOnnx() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "These are my notes about the model.\nLine two.\n");
        ModelReadException e = readFails(file);
        assertThat(e.kind()).isEqualTo(Kind.NOT_ONNX);
        assertThat(e.getMessage()).isEqualTo("notes.txt is not an ONNX model (it looks like a text file).");
    }

    @Test
    void aPngAndAZipAreNotOnnx() throws Exception {
        Path png = Files.write(dir.resolve("graph.onnx"),
                new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
        assertThat(readFails(png).getMessage()).isEqualTo("graph.onnx is not an ONNX model (it looks like a PNG image).");
        Path zip = Files.write(dir.resolve("model.pt"), new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0});
        ModelReadException e = readFails(zip);
        assertThat(e.kind()).isEqualTo(Kind.NOT_ONNX);
        assertThat(e.getMessage()).startsWith("model.pt is not an ONNX model (it looks like a zip archive");
    }

    @Test
    void protobufWithoutAGraphIsNotOnnx() throws Exception {
        Path file = Protos.write(ModelProto.newBuilder().setIrVersion(8).build(), dir.resolve("empty.onnx"));
        ModelReadException e = readFails(file);
        assertThat(e.kind()).isEqualTo(Kind.NOT_ONNX);
        assertThat(e.getMessage()).isEqualTo("empty.onnx is not an ONNX model (it has no graph).");
    }

    @Test
    void anEmptyFileIsNotOnnx() throws Exception {
        ModelReadException e = readFails(Files.write(dir.resolve("zero.onnx"), new byte[0]));
        assertThat(e.kind()).isEqualTo(Kind.NOT_ONNX);
        assertThat(e.getMessage()).contains("zero.onnx").contains("empty file");
    }

    @Test
    void aCutOffFileIsTruncated() throws Exception {
        byte[] full = TestModels.convNet().toByteArray();
        Path file = Files.write(dir.resolve("half.onnx"), Arrays.copyOf(full, full.length / 2));
        ModelReadException e = readFails(file);
        assertThat(e.kind()).isEqualTo(Kind.TRUNCATED);
        assertThat(e.getMessage()).startsWith("half.onnx is cut short").contains("get the file again");
    }

    @Test
    void anInvalidWireTypeIsCorrupt() throws Exception {
        byte[] bytes = TestModels.convNet().toByteArray();
        bytes[0] = (byte) ((1 << 3) | 7); // field 1 with wire type 7, which does not exist
        ModelReadException e = readFails(Files.write(dir.resolve("bad.onnx"), bytes));
        assertThat(e.kind()).isEqualTo(Kind.CORRUPT);
        assertThat(e.getMessage()).startsWith("bad.onnx is damaged:").contains("wire type");
    }

    @Test
    void aLengthLargerThanItsMessageIsCorrupt() throws Exception {
        GraphProto graph = GraphProto.newBuilder().addNode(NodeProto.newBuilder().setOpType("Relu")).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeInt64(1, 8);
        out.writeTag(7, 2); // graph, whose length claims more than the node it holds
        byte[] g = graph.toByteArray();
        out.writeUInt32NoTag(g.length);
        out.writeRawBytes(new byte[] {g[0], (byte) 100});
        out.writeRawBytes(Arrays.copyOfRange(g, 2, g.length));
        out.writeInt64(5, 1); // model_version after the graph, so the file does not end inside it
        out.flush();
        ModelReadException e = readFails(Files.write(dir.resolve("len.onnx"), bytes.toByteArray()));
        assertThat(e.kind()).isIn(Kind.CORRUPT, Kind.TRUNCATED);
        assertThat(e.getMessage()).startsWith("len.onnx");
    }

    @Test
    void aNewerIrVersionIsUnsupported() throws Exception {
        Path file = Protos.write(TestModels.convNet().toBuilder().setIrVersion(99).build(), dir.resolve("future.onnx"));
        ModelReadException e = readFails(file);
        assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED_IR_VERSION);
        assertThat(e.getMessage()).isEqualTo("future.onnx uses ONNX IR version 99, newer than this version of ONNX "
                + "Workbench reads (up to 12). Update ONNX Workbench, or save the model with an older onnx package.");
    }

    @Test
    void subgraphsNestedDeeperThanTheLimitAreTooDeep() throws Exception {
        GraphProto graph = GraphProto.newBuilder().setName("leaf").build();
        for (int i = 0; i < 100; i++) {
            graph = GraphProto.newBuilder().setName("level" + i)
                    .addNode(Protos.node("If", "if" + i, List.of("c"), List.of("o"))
                            .addAttribute(Protos.graphAttr("then_branch", graph)))
                    .build();
        }
        Path file = Protos.write(Protos.model(graph, 17).build(), dir.resolve("deep.onnx"));
        ModelReadException e = readFails(file);
        assertThat(e.kind()).isEqualTo(Kind.TOO_DEEP);
        assertThat(e.getMessage()).startsWith("deep.onnx nests");
    }

    @Test
    void aFileOver2GiBIsTooLarge() throws Exception {
        Path file = dir.resolve("huge.onnx");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(Integer.MAX_VALUE + 10L); // sparse: nothing is written
        }
        ModelReadException e = readFails(file);
        assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE);
        assertThat(e.getMessage()).startsWith("huge.onnx is 2.0 GiB; a single ONNX file cannot exceed 2 GB")
                .contains("save_as_external_data=True");
    }

    @Test
    void aMissingFileAndAFolderAreReportedClearly() throws Exception {
        ModelReadException missing = readFails(dir.resolve("nope.onnx"));
        assertThat(missing.kind()).isEqualTo(Kind.IO);
        assertThat(missing.getMessage()).endsWith("nope.onnx does not exist; check the path.");
        ModelReadException folder = readFails(dir);
        assertThat(folder.getMessage()).endsWith("is a folder, not an ONNX model file.");
    }

    @Test
    void rawDataShorterThanItsDimsIsCorruptWhenRead() throws Exception {
        TensorProto shortTensor = Protos.rawTensor("w", TensorProto.DataType.FLOAT_VALUE, new byte[8], 4);
        ModelProto model = TestModels.constantWeights().toBuilder()
                .setGraph(TestModels.constantWeights().getGraph().toBuilder().addInitializer(shortTensor)).build();
        var tensor = reader.read(Protos.write(model, dir.resolve("short.onnx"))).graph().initializers().getFirst();
        ModelReadException e = catchThrowableOfType(ModelReadException.class, () -> tensor.data().readRaw());
        assertThat(e.kind()).isEqualTo(Kind.CORRUPT);
        assertThat(e.getMessage()).isEqualTo("initializer 'w' in short.onnx declares 16 bytes of values but holds "
                + "8 bytes; the file is damaged or was written incorrectly.");
    }

    @Test
    void textMessagesAreSentencesWithoutProtobufJargonForJson() throws Exception {
        Path json = Files.write(dir.resolve("config.json"), "{\"a\": 1}".getBytes(StandardCharsets.UTF_8));
        assertThat(readFails(json).getMessage()).isEqualTo("config.json is not an ONNX model (it looks like a JSON or text file).");
    }
}
