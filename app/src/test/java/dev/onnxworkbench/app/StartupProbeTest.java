package dev.onnxworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The start-time probe recognises "a model is on screen" from the window title and the status bar. */
class StartupProbeTest {

    @BeforeAll
    static void startToolkit() {
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException alreadyRunning) {
            // another test in this JVM started it
        }
    }

    @Test
    void aTitleNamingAModelFileCountsButTheBareAppTitleDoesNot() {
        assertThat(StartupProbe.namesModel("mnist-8.onnx — ONNX Workbench")).isTrue();
        assertThat(StartupProbe.namesModel("ONNX Workbench")).isFalse();
        assertThat(StartupProbe.namesModel(null)).isFalse();
    }

    @Test
    void onlyAFinishedLayoutInTheStatusBarCounts() throws Exception {
        Label layout = new Label();
        layout.setId("status-layout");
        Scene scene = onFxThread(() -> new Scene(new HBox(new Label("x"), layout)));

        assertThat(onFxThread(() -> StartupProbe.layoutReported(scene))).isFalse();
        onFxThread(() -> { layout.setText("layout 37 ms"); return null; });
        assertThat(onFxThread(() -> StartupProbe.layoutReported(scene))).isTrue();
        assertThat(StartupProbe.layoutReported(null)).isFalse();
    }

    private static <T> T onFxThread(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(10, TimeUnit.SECONDS);
    }
}
