package dev.onnxworkbench.models.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.onnxworkbench.models.runtime.ProviderOption;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.TestSessions;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.testing.Protos;
import dev.onnxworkbench.models.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceAggregatorTest {
    @TempDir
    Path dir;

    private static String event(String name, String cat, long ts, long dur, String op) {
        return "{\"cat\":\"" + cat + "\",\"pid\":1,\"tid\":7,\"dur\":" + dur + ",\"ts\":" + ts + ",\"ph\":\"X\",\"name\":\""
                + name + "\",\"args\":{" + (op == null ? "" : "\"op_name\":\"" + op
                + "\",\"provider\":\"CPUExecutionProvider\"") + "}}";
    }

    @Test
    void warmUpAndFencesAreLeftOutAndAnIfIsCountedWithoutItsBody() throws Exception {
        String trace = "[" + String.join(",",
                event("session_initialization", "Session", 0, 50, null),
                // warm-up run
                event("model_run", "Session", 100, 100, null),
                event("conv_kernel_time", "Node", 110, 80, "Conv"),
                // profiled run: conv 30 µs, If 100 µs spanning its body (add 20, mul 30), fences around conv
                event("model_run", "Session", 1000, 200, null),
                event("conv_fence_before", "Node", 1005, 1, "Conv"),
                event("conv_kernel_time", "Node", 1010, 30, "Conv"),
                event("conv_fence_after", "Node", 1041, 1, "Conv"),
                event("branch_kernel_time", "Node", 1050, 100, "If"),
                event("then_add_kernel_time", "Node", 1060, 20, "Add"),
                event("then_mul_kernel_time", "Node", 1090, 30, "Mul")) + "]";
        Path file = Files.writeString(dir.resolve("trace.json"), trace);
        ProfileReport report = TraceAggregator.aggregate(file, 1);
        assertThat(report.runs()).isEqualTo(1);
        assertThat(report.totalMs()).isCloseTo(0.2, within(1e-9));
        assertThat(report.nodes()).extracting(NodeProfile::name)
                .containsExactlyInAnyOrder("conv", "branch", "then_add", "then_mul");
        NodeProfile branch = report.nodes().stream().filter(n -> n.name().equals("branch")).findFirst().orElseThrow();
        assertThat(branch.calls()).isEqualTo(1);
        assertThat(branch.totalMs()).isCloseTo(0.05, within(1e-9)); // 100 − 20 − 30
        NodeProfile conv = report.nodes().stream().filter(n -> n.name().equals("conv")).findFirst().orElseThrow();
        assertThat(conv.totalMs()).isCloseTo(0.03, within(1e-9)); // warm-up's 80 µs and the fences left out
        assertThat(report.nodes().stream().mapToDouble(NodeProfile::share).sum()).isCloseTo(1.0, within(1e-9));
        assertThat(conv.share()).isCloseTo(30.0 / 130, within(1e-9));
        assertThat(report.providers()).containsOnlyKeys("CPU");
    }

    @Test
    void aRealTraceOfAnIfAndALoopCountsEachOncePerRun() throws Exception {
        Path model = Protos.write(TestModels.controlFlow(), dir.resolve("cf.onnx"));
        ProviderSettings cpu = ProviderSettings.cpu().with(ProviderOption.INTRA_OP_THREADS, "1");
        Path trace = dir.resolve("kept.json");
        ProfileReport report = new Profiler(TestSessions.factory(), cpu).profile(model,
                Map.of("cond", HostTensor.ofBooleans(new long[0], true),
                        "x", HostTensor.ofFloats(new long[] {4}, 1, 2, 3, 4)), 2, 5, trace);
        assertThat(report.runs()).isEqualTo(5);
        assertThat(Files.readString(trace)).contains("model_run").contains("_kernel_time");
        NodeProfile branch = report.nodes().stream().filter(n -> n.name().equals("branch")).findFirst().orElseThrow();
        NodeProfile loop = report.nodes().stream().filter(n -> n.name().equals("repeat")).findFirst().orElseThrow();
        assertThat(branch.opType()).isEqualTo("If");
        assertThat(branch.calls()).isEqualTo(5);
        assertThat(loop.calls()).isEqualTo(5);
        assertThat(report.nodes()).noneMatch(n -> n.name().contains("fence"));
        // the Loop body's Add runs 3 times per run and is listed on its own
        report.nodes().stream().filter(n -> n.name().equals("body_double")).findFirst()
                .ifPresent(body -> assertThat(body.calls()).isEqualTo(15));
        assertThat(report.nodes().stream().mapToDouble(NodeProfile::share).sum()).isCloseTo(1.0, within(1e-9));
        assertThat(report.opTypes()).extracting(OpTypeProfile::opType).contains("If", "Loop");
    }
}
