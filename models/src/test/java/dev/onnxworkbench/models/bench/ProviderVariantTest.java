package dev.onnxworkbench.models.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtProvider;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProviderVariantTest {
    @Test
    void namesRoundTripBetweenCliAndProvider() throws Exception {
        for (OrtProvider p : new OrtProvider[] {OrtProvider.CPU, OrtProvider.CUDA, OrtProvider.TENSOR_RT}) {
            assertThat(ProviderVariant.parseProvider(ProviderVariant.cliName(p))).isEqualTo(p);
        }
        assertThat(ProviderVariant.parseProvider("TRT")).isEqualTo(OrtProvider.TENSOR_RT);
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
        assertThat(trt.options()).containsEntry("trt_engine_cache_enable", "1")
                .containsEntry("trt_engine_cache_path", Path.of("/data/trt").toAbsolutePath().toString())
                .containsEntry("trt_timing_cache_enable", "1");
    }
}
