package dev.onnxworkbench.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.app.predict.FormInputs;
import dev.onnxworkbench.app.task.CurrentThreadTaskExecutor;
import dev.onnxworkbench.app.task.RunState.Phase;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.TestSessions;
import dev.onnxworkbench.models.samples.SampleModels;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run ▸ Serve…'s states as plain unit tests: no toolkit, real servers on 127.0.0.1. */
class ServeViewModelTest {
    @TempDir
    Path tmp;

    private final CurrentThreadTaskExecutor now = new CurrentThreadTaskExecutor();

    @Test
    void idleThenRunningThenServingThenStopped() throws Exception {
        Path model = SampleModels.weightChange(tmp.resolve("models"));
        List<Phase> seenWhileStarting = new ArrayList<>();
        ServeViewModel[] vm = new ServeViewModel[1];
        vm[0] = new ServeViewModel(now, () -> {
            seenWhileStarting.add(vm[0].state().phase());
            return TestSessions.factory();
        }, ServeViewTest.formValues(model));
        assertThat(vm[0].state().phase()).isEqualTo(Phase.IDLE);
        vm[0].showModel(model);
        assertThat(vm[0].state().message()).isEqualTo("Ready to serve " + model.getFileName() + ".");
        vm[0].start(settings(0));
        assertThat(seenWhileStarting).containsExactly(Phase.RUNNING);
        assertThat(vm[0].state().phase()).isEqualTo(Phase.DONE);
        assertThat(vm[0].serverProperty().get()).isNotNull();
        assertThat(vm[0].state().message()).startsWith("Serving " + model.getFileName() + " as 'weight_change' on http://127.0.0.1:")
                .endsWith("(this machine only).");
        vm[0].refreshSnippets(vm[0].serverProperty().get().inferUrl(), null);
        assertThat(vm[0].snippetsProperty().get().curl()).contains("\"sex\"").contains("female");
        assertThat(vm[0].inputsProperty().get()).contains("weight_kg float32[1,1] typed: 68.5");
        vm[0].stop();
        assertThat(vm[0].serverProperty().get()).isNull();
        assertThat(vm[0].state().phase()).isEqualTo(Phase.DONE);
        assertThat(vm[0].state().message()).isEqualTo("Stopped.");
    }

    @Test
    void aPortInUseFailsWithTheReasonAndServesNothing() throws Exception {
        Path model = SampleModels.weightChange(tmp.resolve("models"));
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            ServeViewModel vm = new ServeViewModel(now, TestSessions::factory, FormInputs.NONE);
            vm.showModel(model);
            vm.start(settings(taken.getLocalPort()));
            assertThat(vm.state().phase()).isEqualTo(Phase.FAILED);
            assertThat(vm.state().message()).isNotBlank();
            assertThat(vm.serverProperty().get()).isNull();
        }
    }

    @Test
    void stoppingWhileStartingCancelsAndClosesTheServerThatArrives() throws Exception {
        Path model = SampleModels.weightChange(tmp.resolve("models"));
        int port = freePort();
        ServeViewModel[] vm = new ServeViewModel[1];
        vm[0] = new ServeViewModel(now, stopping(vm), FormInputs.NONE);
        vm[0].showModel(model);
        vm[0].start(settings(port));
        assertThat(vm[0].state().phase()).isEqualTo(Phase.CANCELLED);
        assertThat(vm[0].serverProperty().get()).isNull();
        assertThat(portIsFree(port)).as("the server that finished starting was closed").isTrue();
    }

    @Test
    void anotherModelWhileStartingSupersedesTheStartAndClosesItsServer() throws Exception {
        Path a = SampleModels.weightChange(tmp.resolve("a"));
        Path b = SampleModels.weightChange(tmp.resolve("b"));
        int port = freePort();
        ServeViewModel[] vm = new ServeViewModel[1];
        vm[0] = new ServeViewModel(now, () -> {
            vm[0].showModel(b); // the user opens B while A's server starts
            return TestSessions.factory();
        }, FormInputs.NONE);
        vm[0].showModel(a);
        vm[0].start(settings(port));
        assertThat(vm[0].modelProperty().get()).isEqualTo(b);
        assertThat(vm[0].state().phase()).isEqualTo(Phase.IDLE);
        assertThat(vm[0].state().message()).isEqualTo("Ready to serve " + b.getFileName() + ".");
        assertThat(vm[0].serverProperty().get()).isNull();
        assertThat(portIsFree(port)).isTrue();
    }

    @Test
    void snippetsWithoutAFilledFormSayWhatIsMissing() throws Exception {
        Path model = SampleModels.weightChange(tmp.resolve("models"));
        ServeViewModel vm = new ServeViewModel(now, TestSessions::factory, FormInputs.NONE);
        vm.showModel(model);
        vm.refreshSnippets("http://127.0.0.1:8000/v2/models/m/infer", null);
        assertThat(vm.snippetState().phase()).isEqualTo(Phase.FAILED);
        assertThat(vm.snippetState().message()).isEqualTo("Fill in the Predict form first.");
        assertThat(vm.bodyProperty().get()).isNull();
    }

    private static Supplier<SessionFactory> stopping(ServeViewModel[] vm) {
        return () -> {
            vm[0].stop(); // Stop pressed while the server starts
            return TestSessions.factory();
        };
    }

    private static ServeViewModel.Settings settings(int port) {
        return new ServeViewModel.Settings("weight_change", "127.0.0.1", port, ProviderSettings.cpu(), null);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean portIsFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
