package dev.onnxworkbench.models.graph;

/** One opset import of a model or function. The default domain {@code ""} is normalized to {@code ai.onnx}. */
public record OpsetImport(String domain, long version) {
    public static final String DEFAULT_DOMAIN = "ai.onnx";

    /** Maps ONNX's two spellings of the default domain onto one. */
    public static String normalizeDomain(String domain) {
        return domain == null || domain.isEmpty() ? DEFAULT_DOMAIN : domain;
    }
}
