package dev.onnxworkbench.models.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads node placement out of an ONNX Runtime profile (Chrome trace JSON): every event with
 * {@code "cat": "Node"} and an {@code args.provider} names the provider that ran that node.
 */
final class ProfileParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KERNEL_SUFFIX = "_kernel_time";

    private ProfileParser() {}

    static NodePlacement parse(Path profile) throws IOException {
        JsonNode root = JSON.readTree(profile.toFile());
        Map<String, Set<String>> byProvider = new LinkedHashMap<>();
        for (JsonNode event : root) {
            if (!"Node".equals(event.path("cat").asText())) {
                continue;
            }
            String provider = event.path("args").path("provider").asText("");
            if (provider.isEmpty()) {
                continue;
            }
            String name = event.path("name").asText();
            if (name.endsWith(KERNEL_SUFFIX)) {
                name = name.substring(0, name.length() - KERNEL_SUFFIX.length());
            } else if (name.endsWith("_fence_before") || name.endsWith("_fence_after")) {
                continue;
            }
            byProvider.computeIfAbsent(shortName(provider), k -> new LinkedHashSet<>()).add(name);
        }
        Map<String, List<String>> result = new LinkedHashMap<>();
        byProvider.forEach((k, v) -> result.put(k, new ArrayList<>(v)));
        return new NodePlacement(result);
    }

    /** "CPUExecutionProvider" → "CPU", "TensorrtExecutionProvider" → "TensorRT". */
    static String shortName(String ortName) {
        return switch (ortName) {
            case "CPUExecutionProvider" -> "CPU";
            case "CUDAExecutionProvider" -> "CUDA";
            case "TensorrtExecutionProvider" -> "TensorRT";
            default -> ortName.replace("ExecutionProvider", "");
        };
    }
}
