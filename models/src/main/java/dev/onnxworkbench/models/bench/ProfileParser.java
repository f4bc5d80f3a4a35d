package dev.onnxworkbench.models.bench;

import dev.onnxworkbench.models.profile.TraceFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads node placement out of an ONNX Runtime profile ({@link TraceFile}, the one trace reader): every node's
 * kernel event with an {@code args.provider} names the provider that ran that node.
 */
final class ProfileParser {

    private ProfileParser() {}

    static NodePlacement parse(Path profile) throws IOException {
        Map<String, Set<String>> byProvider = new LinkedHashMap<>();
        for (TraceFile.Event event : TraceFile.read(profile)) {
            if (event.isKernel() && !event.args().path("provider").asText("").isEmpty()) {
                byProvider.computeIfAbsent(event.provider(), k -> new LinkedHashSet<>()).add(event.node());
            }
        }
        Map<String, List<String>> result = new LinkedHashMap<>();
        byProvider.forEach((k, v) -> result.put(k, new ArrayList<>(v)));
        return new NodePlacement(result);
    }
}
