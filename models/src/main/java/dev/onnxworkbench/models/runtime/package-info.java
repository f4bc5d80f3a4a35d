/**
 * ONNX Runtime sessions for the workbench: no JavaFX, everything native closed before a call returns.
 *
 * <pre>{@code
 * SessionFactory factory = new SessionFactory(new NativeLibraries(dataDir.resolve("native")));
 * try (ModelSession session = factory.open(model, ProviderSettings.cpu().with("intra_op_num_threads", "2"))) {
 *     PredictionResult result = session.run(Map.of("image", HostTensor.ofFloats(shape, pixels)));
 *     OutputValue probabilities = result.outputs().get("probabilities");
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link dev.onnxworkbench.models.runtime.SessionFactory}: opens sessions; a provider whose libraries do
 *       not load is a {@link dev.onnxworkbench.models.runtime.ProviderUnavailableException} with ORT's message.</li>
 *   <li>{@link dev.onnxworkbench.models.runtime.NativeLibraries}: ORT's native libraries copied once per
 *       installation (or the installer's folder), so nothing is unpacked into /tmp per launch.</li>
 *   <li>{@link dev.onnxworkbench.models.runtime.Predictor}: keeps the current model's session open for a window.</li>
 *   <li>{@link dev.onnxworkbench.models.runtime.Verifier}: ONNX test cases (model.onnx + test_data_set_N)
 *       compared like the ONNX backend suite.</li>
 * </ul>
 */
package dev.onnxworkbench.models.runtime;
