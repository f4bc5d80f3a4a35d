package dev.onnxworkbench.app.tune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.models.bench.BenchmarkConfig;
import dev.onnxworkbench.models.bench.ProviderVariant;
import dev.onnxworkbench.models.runtime.ExecutionProvider;
import dev.onnxworkbench.models.runtime.ProviderOption;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A loaded session config reaches Predict (its provider only) and Compare (as the first row). */
class SessionConfigChoiceTest {
    private final ProviderSettings tuned = ProviderSettings.cpu().with(ProviderOption.INTRA_OP_THREADS, "1");

    @Test
    void predictUsesTheConfigOnlyForItsProvider() {
        SessionConfigChoice choice = new SessionConfigChoice();
        assertThat(choice.settingsFor(ExecutionProvider.CPU)).isEqualTo(ProviderSettings.cpu());
        choice.set(new SessionConfigChoice.Loaded(Path.of("best.json"), tuned));
        assertThat(choice.settingsFor(ExecutionProvider.CPU)).isEqualTo(tuned);
        assertThat(choice.settingsFor(ExecutionProvider.CUDA)).isEqualTo(ProviderSettings.defaults(ExecutionProvider.CUDA));
        choice.clear();
        assertThat(choice.settingsFor(ExecutionProvider.CPU)).isEqualTo(ProviderSettings.cpu());
    }

    @Test
    void compareMeasuresTheConfigFirst() {
        SessionConfigChoice choice = new SessionConfigChoice();
        BenchmarkConfig form = BenchmarkConfig.of(List.of(ProviderVariant.cpuDefaults()));
        assertThat(choice.addTo(form)).isSameAs(form);
        choice.set(new SessionConfigChoice.Loaded(Path.of("best.json"), tuned));
        assertThat(choice.addTo(form).variants()).extracting(ProviderVariant::settings)
                .containsExactly(tuned, ProviderSettings.cpu());
    }
}
