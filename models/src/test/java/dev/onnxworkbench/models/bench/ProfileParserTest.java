package dev.onnxworkbench.models.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Placement from a profile shaped like ONNX Runtime's (Chrome trace events) for a TensorRT session that
 * left two nodes to the CPU; real CPU profiles are covered by {@link BenchmarkTest}.
 */
class ProfileParserTest {
    @TempDir
    Path dir;

    @Test
    void countsEachNodeOnceUnderTheProviderThatRanIt() throws Exception {
        Path profile = Files.writeString(dir.resolve("profile.json"), """
                [
                {"cat" : "Session","pid" :1,"tid" :1,"dur" :120,"ts" :1,"ph" : "X","name" :"model_loading_uri","args" : {}},
                {"cat" : "Node","pid" :1,"tid" :1,"dur" :3,"ts" :10,"ph" : "X","name" :"TRTKernel_graph_main_0_fence_before","args" : {"op_name" : "TRTKernel_graph_main_0"}},
                {"cat" : "Node","pid" :1,"tid" :1,"dur" :900,"ts" :13,"ph" : "X","name" :"TRTKernel_graph_main_0_kernel_time","args" : {"op_name" : "TRTKernel_graph_main_0","provider" : "TensorrtExecutionProvider"}},
                {"cat" : "Node","pid" :1,"tid" :1,"dur" :40,"ts" :920,"ph" : "X","name" :"/NonMaxSuppression_kernel_time","args" : {"op_name" : "NonMaxSuppression","provider" : "CPUExecutionProvider"}},
                {"cat" : "Node","pid" :1,"tid" :1,"dur" :5,"ts" :960,"ph" : "X","name" :"/TopK_kernel_time","args" : {"op_name" : "TopK","provider" : "CPUExecutionProvider"}},
                {"cat" : "Node","pid" :1,"tid" :1,"dur" :5,"ts" :970,"ph" : "X","name" :"/TopK_kernel_time","args" : {"op_name" : "TopK","provider" : "CPUExecutionProvider"}},
                {"cat" : "Node","pid" :1,"tid" :1,"dur" :2,"ts" :980,"ph" : "X","name" :"MemcpyToHost_kernel_time","args" : {"op_name" : "MemcpyToHost","provider" : "CUDAExecutionProvider"}},
                {"cat" : "Session","pid" :1,"tid" :1,"dur" :1000,"ts" :5,"ph" : "X","name" :"model_run","args" : {}}
                ]
                """);
        NodePlacement placement = ProfileParser.parse(profile);
        assertThat(placement.counts()).containsExactly(
                org.assertj.core.api.Assertions.entry("TensorRT", 1),
                org.assertj.core.api.Assertions.entry("CPU", 2),
                org.assertj.core.api.Assertions.entry("CUDA", 1));
        assertThat(placement.nodesByProvider().get("CPU")).containsExactly("/NonMaxSuppression", "/TopK");
        assertThat(placement.summary()).isEqualTo("TensorRT 1, CPU 2, CUDA 1");
    }
}
