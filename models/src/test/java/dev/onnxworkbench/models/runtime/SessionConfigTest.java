package dev.onnxworkbench.models.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session config file: what is written reads back the same; bad files say what is wrong and where. */
class SessionConfigTest {
    @TempDir
    Path tmp;

    @Test
    void cpuSettingsRoundTripThroughAFile() throws Exception {
        ProviderSettings settings = ProviderSettings.cpu()
                .with(ProviderOption.GRAPH_OPTIMIZATION, "extended")
                .with(ProviderOption.INTRA_OP_THREADS, "2")
                .with(ProviderOption.INTER_OP_THREADS, "1")
                .with(ProviderOption.EXECUTION_MODE, "parallel");
        Path file = tmp.resolve("sub/best.json");
        SessionConfig.write(settings, "measured by a test", file);

        String text = Files.readString(file);
        assertThat(text).contains("\"provider\" : \"cpu\"", "\"intraOpThreads\" : 2",
                "\"graphOptimizationLevel\" : \"extended\"", "\"executionMode\" : \"parallel\"", "measured by a test");
        assertThat(SessionConfig.read(file)).isEqualTo(settings);
    }

    @Test
    void gpuProviderOptionsRoundTrip() throws Exception {
        ProviderSettings trt = ProviderSettings.defaults(ExecutionProvider.TENSORRT)
                .with(ProviderOption.TRT_FP16, "true")
                .with(ProviderOption.TRT_ENGINE_CACHE, "true")
                .with(ProviderOption.TRT_ENGINE_CACHE_PATH, "/tmp/engines")
                .with(ProviderOption.GRAPH_OPTIMIZATION, "basic");
        assertThat(SessionConfig.parse(SessionConfig.toText(trt, null), "trt.json")).isEqualTo(trt);
        ProviderSettings cuda = ProviderSettings.defaults(ExecutionProvider.CUDA)
                .with(ProviderOption.CUDNN_CONV_ALGO_SEARCH, "HEURISTIC");
        assertThat(SessionConfig.parse(SessionConfig.toText(cuda, null), "cuda.json")).isEqualTo(cuda);
    }

    @Test
    void aMinimalFileKeepsTheDefaults() throws Exception {
        ProviderSettings s = SessionConfig.parse("{\"provider\": \"CUDAExecutionProvider\"}", "min.json");
        assertThat(s.provider()).isEqualTo(ExecutionProvider.CUDA);
        assertThat(s.options()).isEmpty();
        assertThat(s.option(ProviderOption.GRAPH_OPTIMIZATION)).isEqualTo("all");
    }

    @Test
    void badFilesAreRefusedWithAMessageNamingTheProblem() {
        assertThatThrownBy(() -> SessionConfig.read(tmp.resolve("none.json")))
                .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("none.json").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> SessionConfig.parse("{\"provider\": \"cpu\",\n \"intraOpThreads\": }", "broken.json"))
                .hasMessageStartingWith("broken.json is not valid JSON (line 2");
        assertThatThrownBy(() -> SessionConfig.parse("[1, 2]", "list.json")).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> SessionConfig.parse("{\"intraOpThreads\": 2}", "a.json"))
                .hasMessageContaining("\"provider\" is missing");
        assertThatThrownBy(() -> SessionConfig.parse("{\"provider\": \"tpu\"}", "a.json"))
                .hasMessageContaining("unknown provider 'tpu'");
        assertThatThrownBy(() -> SessionConfig.parse("{\"provider\": \"cpu\", \"threads\": 2}", "a.json"))
                .hasMessageContaining("unknown field 'threads'").hasMessageContaining("intraOpThreads");
        assertThatThrownBy(() -> SessionConfig.parse("{\"provider\": \"cpu\", \"intraOpThreads\": -1}", "a.json"))
                .hasMessageContaining("a.json").hasMessageContaining("intra_op_num_threads");
        assertThatThrownBy(() -> SessionConfig.parse("{\"provider\": \"cpu\", \"graphOptimizationLevel\": \"max\"}", "a.json"))
                .hasMessageContaining("disable, basic, extended, all");
        assertThatThrownBy(() -> SessionConfig.parse("{\"provider\": \"cpu\", \"providerOptions\": {\"trt_fp16_enable\": true}}", "a.json"))
                .hasMessageContaining("has no option 'trt_fp16_enable'");
        assertThatThrownBy(() -> SessionConfig.parse("{\"provider\": \"cpu\", \"intraOpThreads\": 2, "
                + "\"providerOptions\": {\"intra_op_num_threads\": \"3\"}}", "a.json")).hasMessageContaining("given twice");
    }

    @Test
    void describeSaysWhatASessionWillDo() {
        assertThat(SessionConfig.describe(ProviderSettings.cpu().with(ProviderOption.INTRA_OP_THREADS, "2")))
                .isEqualTo("CPU · optimization all · 2 intra-op threads · sequential");
    }
}
