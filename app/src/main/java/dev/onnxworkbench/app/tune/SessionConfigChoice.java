package dev.onnxworkbench.app.tune;

import dev.onnxworkbench.models.bench.BenchmarkConfig;
import dev.onnxworkbench.models.bench.ProviderVariant;
import dev.onnxworkbench.models.runtime.ExecutionProvider;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The session config the user loaded with Run ▸ Load Session Config… (or saved from the tuner), shared by
 * Predict and Compare: Predict opens its sessions with it when its provider is the one chosen, Compare
 * measures it as its first row. Thread-safe: the panes read it on their background threads.
 */
public final class SessionConfigChoice {
    /** A loaded file and its settings. */
    public record Loaded(Path file, ProviderSettings settings) {}

    private volatile Loaded loaded;

    public Loaded loaded() {
        return loaded;
    }

    public void set(Loaded config) {
        loaded = config;
    }

    public void clear() {
        loaded = null;
    }

    /** The settings Predict opens a session with for {@code provider}: the loaded config's, else defaults. */
    public ProviderSettings settingsFor(ExecutionProvider provider) {
        Loaded l = loaded;
        return l != null && l.settings().provider() == provider ? l.settings() : ProviderSettings.defaults(provider);
    }

    /** The comparison with the loaded config as its first row (unchanged when none is loaded). */
    public BenchmarkConfig addTo(BenchmarkConfig config) {
        Loaded l = loaded;
        if (l == null) {
            return config;
        }
        List<ProviderVariant> variants = new ArrayList<>();
        variants.add(new ProviderVariant(l.settings()));
        variants.addAll(config.variants());
        return new BenchmarkConfig(variants, config.warmupRuns(), config.timedRuns(), config.duration(),
                config.batchSizes(), config.inputSeed(), config.tolerances(), config.profilePlacement(),
                config.inputs(), config.givenInputs());
    }
}
