package dev.onnxworkbench.models.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.onnxworkbench.models.runtime.ExecutionProvider;
import dev.onnxworkbench.models.runtime.ProviderOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProviderVariantTest {
    @Test
    void namesRoundTripBetweenCliAndProvider() throws Exception {
        for (ExecutionProvider p : ExecutionProvider.values()) {
            assertThat(ProviderVariant.parseProvider(ProviderVariant.cliName(p))).isEqualTo(p);
        }
        assertThat(ProviderVariant.parseProvider("TRT")).isEqualTo(ExecutionProvider.TENSORRT);
        assertThatThrownBy(() -> ProviderVariant.parseProvider("gpu")).isInstanceOf(BenchmarkException.class)
                .hasMessageContaining("cpu, cuda or tensorrt");
    }

    @Test
    void labelsTellThreadVariantsApart() {
        assertThat(ProviderVariant.cpu(1).label()).isEqualTo("CPU · 1 thread");
        assertThat(ProviderVariant.cpu(2).label()).isEqualTo("CPU · 2 threads");
    }

    @Test
    void tensorRtCachesLiveInTheGivenFolder() {
        ProviderVariant trt = ProviderVariant.tensorRtDefaults(Path.of("/data/trt"));
        assertThat(trt.options()).containsEntry(ProviderOption.TRT_ENGINE_CACHE, "true")
                .containsEntry(ProviderOption.TRT_ENGINE_CACHE_PATH, Path.of("/data/trt").toAbsolutePath().toString())
                .containsEntry(ProviderOption.TRT_TIMING_CACHE, "true");
    }
}
