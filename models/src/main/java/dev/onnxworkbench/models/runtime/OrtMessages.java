package dev.onnxworkbench.models.runtime;

import java.util.regex.Pattern;

/** ONNX Runtime's error texts without the C++ source location and code prefixes a user cannot act on. */
public final class OrtMessages {
    private static final Pattern JAVA_PREFIX = Pattern.compile("^Error code - \\w+ - message: ");
    private static final Pattern NATIVE_PREFIX =
            Pattern.compile("^.*?\\[ONNXRuntimeError\\] : \\d+ : \\w+ : ", Pattern.DOTALL);
    private static final Pattern SOURCE_LOCATION = Pattern.compile("^/\\S+\\.(?:cc|h|cpp):\\d+ [^\\n]*?\\) ");

    private OrtMessages() {
    }

    public static String clean(String message) {
        if (message == null || message.isBlank()) {
            return "unknown error";
        }
        String m = JAVA_PREFIX.matcher(message.strip()).replaceFirst("");
        m = NATIVE_PREFIX.matcher(m).replaceFirst("");
        m = SOURCE_LOCATION.matcher(m).replaceFirst("");
        m = m.strip().replace('\n', ' ');
        return m.endsWith(".") ? m.substring(0, m.length() - 1) : m;
    }
}
