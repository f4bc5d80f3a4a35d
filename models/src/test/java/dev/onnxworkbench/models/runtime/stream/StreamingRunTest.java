package dev.onnxworkbench.models.runtime.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.TestSessions;
import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import dev.onnxworkbench.models.runtime.inputs.MediaModels;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streaming on a generated model that sums each window and carries a running total as its state. */
class StreamingRunTest {
    @TempDir
    Path dir;

    private Map<String, HostTensor> firstInputs() throws Exception {
        Map<String, HostTensor> inputs = new LinkedHashMap<>();
        inputs.put("signal", HostTensor.ofFloats(new long[] {1, 4}, 0, 0, 0, 0));
        inputs.put("state", StreamingRun.zeros(dev.onnxworkbench.models.graph.ElementType.FLOAT, new long[] {1}));
        inputs.put("sr", HostTensor.ofLongs(new long[0], 10));
        return inputs;
    }

    @Test
    void runsEveryWindowCarryingTheStateAndPaddingTheLastOne() throws Exception {
        Path model = MediaModels.accumulator(dir);
        float[] samples = new float[11];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = i;
        }
        HostTensor signal = HostTensor.ofFloats(new long[] {1, 11}, samples);
        StreamPlan plan = StreamPlan.parse("signal=4:2", List.of("stateOut=state"));
        StreamResult result;
        try (ModelSession session = TestSessions.factory().open(model, ProviderSettings.cpu())) {
            result = StreamingRun.run(session::run, firstInputs(), signal, plan, 10, 10, null);
        }
        assertThat(result.outputs()).containsExactly("energy", "total"); // the carried output is not a column
        assertThat(result.rows()).extracting(r -> r.first("energy")).containsExactly(6.0, 14.0, 22.0, 30.0, 27.0);
        assertThat(result.rows()).extracting(r -> r.first("total")).containsExactly(6.0, 20.0, 42.0, 72.0, 99.0);
        assertThat(result.rows()).extracting(StreamRow::startSeconds).containsExactly(0.0, 0.2, 0.4, 0.6, 0.8);
        assertThat(result.rows().getLast().endSample()).isEqualTo(11);
        assertThat(result.padding()).isEqualTo("the last window padded with 1 zero samples (0.100 s of silence)");

        StringWriter csv = new StringWriter();
        StreamTable.writeCsv(csv, result);
        assertThat(csv.toString().lines().toList()).startsWith(
                "window,startSeconds,endSeconds,startSample,endSample,energy,total",
                "0,0.000,0.400,0,4,6,6",
                "1,0.200,0.600,2,6,14,20");
    }

    @Test
    void badPlansNameWhatIsWrong() throws Exception {
        assertThatThrownBy(() -> StreamPlan.parse("signal", List.of())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("INPUT=SAMPLES[:HOP]");
        assertThatThrownBy(() -> StreamPlan.parse("signal=0", List.of())).hasMessageContaining("1 or more");
        Path model = MediaModels.accumulator(dir);
        HostTensor signal = HostTensor.ofFloats(new long[] {1, 8}, new float[8]);
        try (ModelSession session = TestSessions.factory().open(model, ProviderSettings.cpu())) {
            assertThatThrownBy(() -> StreamingRun.run(session::run, firstInputs(), signal,
                    StreamPlan.parse("signal=4", List.of("hidden=state")), 0, 1, null))
                    .hasMessageContaining("no output 'hidden'").hasMessageContaining("energy, total, stateOut");
            assertThatThrownBy(() -> StreamingRun.run(session::run, firstInputs(), signal,
                    StreamPlan.parse("audio=4", List.of()), 0, 1, null))
                    .hasMessageContaining("'audio'");
        }
    }
}
