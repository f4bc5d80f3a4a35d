package dev.onnxworkbench.models.bench;

import ai.onnxruntime.OrtProvider;

/**
 * Whether a provider can create a session on this machine.
 *
 * @param reason  why not, naming the missing library and what to install; null when available
 * @param probeMs how long the probe took (library extraction and loading included)
 */
public record ProviderStatus(OrtProvider provider, boolean available, String reason, double probeMs) {
    public String name() {
        return ProviderVariant.displayName(provider);
    }
}
