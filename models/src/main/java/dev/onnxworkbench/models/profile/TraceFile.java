package dev.onnxworkbench.models.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one reader of ONNX Runtime's profile (Chrome trace JSON), for {@code profile}'s per-node times and
 * {@code bench}'s node placement. ORT writes a bare array of events; Chrome's own format (and traces saved by
 * other tools) wraps them as {@code {"traceEvents": [...]}}: both are read.
 */
public final class TraceFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KERNEL = "_kernel_time";

    private TraceFile() {
    }

    /** One trace event: category, name, start and duration in microseconds, thread, and its {@code args}. */
    public record Event(String cat, String name, long ts, long dur, long tid, JsonNode args) {
        /** A node's kernel event ({@code cat: Node}, {@code <node>_kernel_time}); fences and the rest are not. */
        public boolean isKernel() {
            return cat.equals("Node") && name.endsWith(KERNEL);
        }

        /** The node's name, for a kernel event. */
        public String node() {
            return name.substring(0, name.length() - KERNEL.length());
        }

        /** The provider that ran the node, short ("CPU", "CUDA", "TensorRT"), "unknown" when not said. */
        public String provider() {
            return shortProvider(args.path("provider").asText(""));
        }
    }

    public static List<Event> read(Path trace) throws IOException {
        JsonNode root = JSON.readTree(trace.toFile());
        Iterable<JsonNode> events = root.isArray() ? root : root.path("traceEvents");
        List<Event> out = new ArrayList<>();
        for (JsonNode e : events) {
            out.add(new Event(e.path("cat").asText(), e.path("name").asText(), e.path("ts").asLong(),
                    e.path("dur").asLong(), e.path("tid").asLong(), e.path("args")));
        }
        return out;
    }

    /** "CPUExecutionProvider" → "CPU", "TensorrtExecutionProvider" → "TensorRT", "" → "unknown". */
    public static String shortProvider(String ortName) {
        return switch (ortName) {
            case "CPUExecutionProvider" -> "CPU";
            case "CUDAExecutionProvider" -> "CUDA";
            case "TensorrtExecutionProvider" -> "TensorRT";
            case "" -> "unknown";
            default -> ortName.replace("ExecutionProvider", "");
        };
    }
}
