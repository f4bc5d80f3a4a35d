package dev.onnxworkbench.models.bench;

/**
 * A bare ONNX Runtime loop on the same session and inputs, alternated round by round with the
 * provider's timed runs, to show what the harness itself costs.
 *
 * @param bareLoopP50Ms          median of the bare loop's per-run times
 * @param harnessOverheadUsPerRun fastest harness round's wall time per run − fastest bare round's, in microseconds
 */
public record BareLoopBaseline(int runs, double bareLoopP50Ms, double bareLoopMeanMs, double harnessOverheadUsPerRun) {
}
