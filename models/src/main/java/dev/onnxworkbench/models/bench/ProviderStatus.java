package dev.onnxworkbench.models.bench;

import dev.onnxworkbench.models.runtime.ExecutionProvider;

/**
 * Whether a provider can create a session on this machine.
 *
 * @param name     what people call it ("CUDA"); also for providers ONNX Runtime reports that the workbench
 *                 does not configure
 * @param provider the provider, or null for one the workbench does not configure
 * @param reason   why not, naming the missing library and what to install; null when available
 * @param probeMs  how long the probe took (library extraction and loading included)
 */
public record ProviderStatus(String name, ExecutionProvider provider, boolean available, String reason, double probeMs) {
}
