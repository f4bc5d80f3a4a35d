package dev.onnxworkbench.models.precision;

/**
 * Whether a written model loaded in ONNX Runtime and ran on a sample.
 *
 * @param ok      loaded and ran
 * @param message what ran ("loaded in ONNX Runtime 1.x and ran on x [1,3,64,64] from …") or why it failed
 */
public record ModelCheck(boolean ok, String message) {
}
