package dev.onnxworkbench.app.diagram;

import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.ops.OperatorCatalog;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/** Shared by the app's tests: one catalog per test JVM (parsing it is the slow part), models from protos or files. */
public final class DiagramFixtures {
    public static final Path TEST_DATA = Path.of("/usr/share/libonnx-testdata/data");
    public static final OperatorCatalog CATALOG = OperatorCatalog.loadBundled();

    private DiagramFixtures() {}

    public static Model read(ModelProto proto) throws Exception {
        return new OnnxReader().read(ByteBuffer.wrap(proto.toByteArray()), null, "test model");
    }

    public static Model read(Path file) throws Exception {
        return new OnnxReader().read(file);
    }

    public static MappedGraph map(Model model, DiagramOptions options) {
        return ModelDiagrams.topLevel(model, CATALOG, options);
    }

    public static MappedGraph map(Model model) {
        return map(model, DiagramOptions.DEFAULT);
    }
}
