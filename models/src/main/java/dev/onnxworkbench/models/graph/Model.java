package dev.onnxworkbench.models.graph;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An opened model, immutable. Weights inside are lazy ({@link TensorData}); the structure is complete.
 *
 * @param path          the file it came from, or null when read from memory
 * @param fileSizeBytes size of the model file itself (external data not included)
 * @param metadata      metadata_props in file order
 */
public record Model(
        Path path,
        long fileSizeBytes,
        long irVersion,
        List<OpsetImport> opsetImports,
        String producerName,
        String producerVersion,
        String domain,
        long modelVersion,
        String docString,
        Map<String, String> metadata,
        Graph graph,
        List<ModelFunction> functions) {

    public Model {
        opsetImports = List.copyOf(opsetImports);
        metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
        functions = List.copyOf(functions);
    }

    /** The imported opset version for a domain ("" and "ai.onnx" are the same), or -1 when not imported. */
    public long opsetVersion(String opsetDomain) {
        String d = OpsetImport.normalizeDomain(opsetDomain);
        return opsetImports.stream().filter(o -> o.domain().equals(d)).mapToLong(OpsetImport::version).max().orElse(-1);
    }
}
