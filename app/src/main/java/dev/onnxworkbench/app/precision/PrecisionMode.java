package dev.onnxworkbench.app.precision;

/** What the Quantize / Convert window writes. */
public enum PrecisionMode {
    FP16("FP16 (float16 copy)"),
    INT8_DYNAMIC("INT8 dynamic"),
    INT8_STATIC("INT8 static (calibrated)");

    private final String label;

    PrecisionMode(String label) {
        this.label = label;
    }

    /** The derived model's precision as results name it: "FP16" or "INT8". */
    public String precision() {
        return this == FP16 ? "FP16" : "INT8";
    }

    public boolean isStatic() {
        return this == INT8_STATIC;
    }

    @Override
    public String toString() {
        return label;
    }
}
