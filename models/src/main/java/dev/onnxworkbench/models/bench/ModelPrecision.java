package dev.onnxworkbench.models.bench;

import java.nio.file.Path;

/**
 * One precision of the model a comparison runs: FP32 (the file as given), or a copy at lower precision (FP16,
 * INT8 dynamic, INT8 static, or a variant file the user wrote earlier). Every row of a comparison is a provider
 * variant × a precision; outputs are always compared with the FP32 model's on the CPU.
 *
 * @param name   the CLI/JSON name: fp32, fp16, int8-dynamic, int8-static, or "variant:FILE" for a given file
 * @param label  what a person reads: "FP32", "FP16", "INT8 static (QDQ)", "x.int8.onnx"
 * @param file   the model file this precision runs
 * @param bytes  its size on disk
 * @param origin how it was made ("the model as given", "FP16 copy, inputs and outputs kept float32", …)
 * @param int8   what decides whether int8 code is fast here; null for float models
 */
public record ModelPrecision(String name, String label, Path file, long bytes, String origin, Int8Facts int8) {

    public static final String FP32 = "fp32";

    /** The model file itself, as the FP32 baseline. */
    public static ModelPrecision original(Path file, long bytes) {
        return new ModelPrecision(FP32, "FP32", file, bytes, "the model as given", null);
    }

    public boolean isOriginal() {
        return name.equals(FP32);
    }

    public boolean isInt8() {
        return int8 != null;
    }
}
