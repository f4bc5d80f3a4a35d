package dev.onnxworkbench.app.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.onnxworkbench.models.bench.BenchmarkConfig;
import dev.onnxworkbench.models.bench.BenchmarkException;
import dev.onnxworkbench.models.bench.ProviderVariant;
import dev.onnxworkbench.models.runtime.ExecutionProvider;
import dev.onnxworkbench.models.runtime.ProviderOption;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CompareFormTest {

    private static CompareForm form(Set<ExecutionProvider> providers, String threads, boolean byDuration, String batches) {
        return new CompareForm(providers, threads, "all", "sequential", "0", "HEURISTIC", false, "512", true, false,
                "2048", true, true, Path.of("/data/trt"), "5", byDuration, "50", "1.5", batches, true, "7", "1e-4", "1e-2");
    }

    @Test
    void oneCpuRowPerThreadCountAndOneRowPerGpuProvider() throws Exception {
        BenchmarkConfig c = form(EnumSet.allOf(ExecutionProvider.class), "1, 2", false, "1, 8, 32").toConfig();
        assertThat(c.variants()).extracting(ProviderVariant::label)
                .containsExactly("CPU · 1 thread", "CPU · 2 threads", "CUDA", "TensorRT · FP16");
        assertThat(c.warmupRuns()).isEqualTo(5);
        assertThat(c.timedRuns()).isEqualTo(50);
        assertThat(c.duration()).isNull();
        assertThat(c.batchSizes()).containsExactly(1, 8, 32);
        assertThat(c.inputSeed()).isEqualTo(7);
        assertThat(c.tolerances().atol()).isEqualTo(1e-4);
        var cuda = c.variants().get(2).settings();
        assertThat(cuda.option(ProviderOption.CUDNN_CONV_ALGO_SEARCH)).isEqualTo("HEURISTIC");
        assertThat(cuda.option(ProviderOption.GPU_MEM_LIMIT)).isEqualTo(Long.toString(512L << 20));
        var trt = c.variants().get(3).settings();
        assertThat(trt.option(ProviderOption.TRT_WORKSPACE)).isEqualTo(Long.toString(2048L << 20));
        assertThat(trt.option(ProviderOption.TRT_ENGINE_CACHE_PATH)).isEqualTo(Path.of("/data/trt").toAbsolutePath().toString());
        assertThat(trt.option(ProviderOption.CUDA_FALLBACK)).isEqualTo("true");
    }

    @Test
    void durationModeAndBlankThreadsMeanOneDefaultCpuRow() throws Exception {
        BenchmarkConfig c = form(EnumSet.of(ExecutionProvider.CPU), " ", true, "1").toConfig();
        assertThat(c.variants()).singleElement().extracting(ProviderVariant::label).isEqualTo("CPU");
        assertThat(c.duration()).hasMillis(1500);
    }

    @Test
    void mistakesNameTheField() {
        assertThatThrownBy(() -> form(EnumSet.of(ExecutionProvider.CPU), "1, two", false, "1").toConfig())
                .isInstanceOf(BenchmarkException.class).hasMessageContaining("CPU threads").hasMessageContaining("'two'");
        assertThatThrownBy(() -> form(EnumSet.of(ExecutionProvider.CPU), "1", false, "1, 0").toConfig())
                .hasMessageContaining("Batch sizes");
        assertThatThrownBy(() -> form(EnumSet.noneOf(ExecutionProvider.class), "1", false, "1").toConfig())
                .hasMessageContaining("at least one provider");
    }
}
