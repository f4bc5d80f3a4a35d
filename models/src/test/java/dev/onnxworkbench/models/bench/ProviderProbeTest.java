package dev.onnxworkbench.models.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.models.runtime.ExecutionProvider;
import dev.onnxworkbench.models.runtime.TestSessions;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ProviderProbeTest {
    @Test
    void cpuWorksAndGpuProvidersNameWhatIsMissing() {
        long t0 = System.nanoTime();
        List<ProviderStatus> statuses = new ProviderProbe(TestSessions.factory()).probeAll();
        double seconds = (System.nanoTime() - t0) / 1e9;

        assertThat(statuses).extracting(ProviderStatus::provider).startsWith(ExecutionProvider.CPU, ExecutionProvider.CUDA, ExecutionProvider.TENSORRT);
        assertThat(statuses.getFirst().available()).isTrue();
        assertThat(statuses.getFirst().reason()).isNull();
        assertThat(seconds).as("probe time").isLessThan(10);
        ProviderStatus cuda = statuses.get(1);
        ProviderStatus trt = statuses.get(2);
        Assumptions.assumeFalse(cuda.available(), "this machine has CUDA");
        // The loader's own words, the missing libraries and what to install.
        assertThat(cuda.reason()).contains("cannot open shared object file").contains("libcublasLt.so.12")
                .contains("cuDNN 9").contains("NVIDIA driver");
        assertThat(trt.available()).isFalse();
        assertThat(trt.reason()).contains("libnvinfer.so.10").contains("TensorRT 10");
    }
}
