package dev.onnxworkbench.models.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtException.OrtErrorCode;
import org.junit.jupiter.api.Test;

class ProviderDiagnosisTest {

    @Test
    void theErrorCodeDecidesBeforeTheWords() {
        // an execution-provider failure is the provider, whatever it says
        assertThat(ProviderDiagnosis.isLoadFailure(ExecutionProvider.CUDA,
                new OrtException(OrtErrorCode.ORT_EP_FAIL, "something broke"))).isTrue();
        // an invalid or unsupported graph is the model, even when its text mentions loading
        assertThat(ProviderDiagnosis.isLoadFailure(ExecutionProvider.CUDA,
                new OrtException(OrtErrorCode.ORT_INVALID_GRAPH, "Failed to load model: bad node"))).isFalse();
        assertThat(ProviderDiagnosis.isLoadFailure(ExecutionProvider.TENSORRT,
                new OrtException(OrtErrorCode.ORT_NOT_IMPLEMENTED, "Could not find an implementation"))).isFalse();
        // the generic code falls back to the loader's words
        assertThat(ProviderDiagnosis.isLoadFailure(ExecutionProvider.CUDA, new OrtException(OrtErrorCode.ORT_FAIL,
                "Failed to load library libonnxruntime_providers_cuda.so with error: libcudnn.so.9: cannot open "
                        + "shared object file"))).isTrue();
        assertThat(ProviderDiagnosis.isLoadFailure(ExecutionProvider.CUDA,
                new OrtException(OrtErrorCode.ORT_RUNTIME_EXCEPTION, "Shape mismatch in node Add"))).isFalse();
        assertThat(ProviderDiagnosis.isLoadFailure(ExecutionProvider.CUDA, new UnsatisfiedLinkError("x"))).isTrue();
        // the CPU provider is never "unavailable"
        assertThat(ProviderDiagnosis.isLoadFailure(ExecutionProvider.CPU,
                new OrtException(OrtErrorCode.ORT_EP_FAIL, "Failed to load"))).isFalse();
    }

    @Test
    void theAdviceLivesInOnePlaceAndBothPathsUseIt() {
        String advice = ProviderDiagnosis.installAdvice(ExecutionProvider.TENSORRT);
        assertThat(advice).contains("TensorRT 10").contains("cuDNN 9");
        var fromFactory = SessionFactory.unavailable(ExecutionProvider.TENSORRT, "Failed to load library "
                + "libonnxruntime_providers_tensorrt.so with error: libnvinfer.so.10: cannot open shared object file", null);
        assertThat(fromFactory.advice()).contains("libnvinfer.so.10 could not be loaded").endsWith(advice);
        assertThat(ProviderDiagnosis.explain(ExecutionProvider.TENSORRT, fromFactory)).contains("TensorRT 10");
    }
}
