package dev.onnxworkbench.app.predict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.app.AppServices;
import dev.onnxworkbench.app.WorkbenchTheme;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import java.util.stream.Stream;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole prediction path of the pane (form from the model, test data into the form, run, compare) on a
 * deterministic sample of the ONNX backend test suite (every 16th case, about 65): each case ends in a
 * comparison or in a message a person can read, never in an unexpected exception or a dead pane.
 */
class PredictionPaneBackendSuiteTest {

    private static final Path DATA = Path.of("/usr/share/libonnx-testdata/data");
    private static final int STRIDE = 16;

    private static ExecutorService background;
    private static Preferences preferences;
    private final FxRobot robot = new FxRobot();

    @TempDir
    Path tmp;

    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
        background = AppServices.newBackgroundExecutor();
        preferences = Preferences.userRoot().node("dev/onnxworkbench/test/predict-suite-" + System.nanoTime());
    }

    @AfterAll
    static void stop() throws Exception {
        FxToolkit.cleanupStages();
        background.shutdownNow();
        preferences.removeNode();
    }

    @Test
    void sampledBackendSuiteCasesEndInAComparisonOrAMessage() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(DATA), "libonnx-testdata is not installed");
        List<Path> cases;
        try (Stream<Path> files = Files.walk(DATA, 3)) {
            cases = files.filter(p -> p.getFileName().toString().equals("model.onnx"))
                    .map(Path::getParent).filter(d -> Files.isDirectory(d.resolve("test_data_set_0"))).sorted().toList();
        }
        Stage stage = FxToolkit.registerStage(Stage::new);
        PredictionPane[] pane = new PredictionPane[1];
        robot.interact(() -> {
            pane[0] = new PredictionPane(new dev.onnxworkbench.app.task.FxTaskExecutor(background), tmp, preferences, PaneTesting.backend());
            Scene scene = new Scene(pane[0], 440, 900);
            scene.getStylesheets().setAll(WorkbenchTheme.sharedStylesheetUrl(), WorkbenchTheme.LIGHT.stylesheetUrl());
            stage.setScene(scene);
            stage.show();
        });
        int passed = 0;
        int failed = 0;
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < cases.size(); i += STRIDE) {
            Path dir = cases.get(i);
            Model model = new OnnxReader().read(dir.resolve("model.onnx"));
            robot.interact(() -> pane[0].showModel(model));
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> pane[0].form() != null);
            robot.interact(() -> pane[0].loadTestData(dir.resolve("test_data_set_0")));
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !pane[0].statusLabel().getText().isEmpty());
            WaitForAsyncUtils.waitForFxEvents();
            if (!pane[0].runButton().isDisabled()) {
                robot.interact(() -> pane[0].runButton().fire());
                WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !pane[0].runningProperty().get()
                        && !pane[0].statusLabel().getText().startsWith("Running"));
                WaitForAsyncUtils.waitForFxEvents();
            }
            List<Label> comparisons = robot.lookup(n -> n.getId() != null && n.getId().startsWith("compare-"))
                    .queryAllAs(Label.class).stream().toList();
            String status = pane[0].statusLabel().getText();
            if (!comparisons.isEmpty() && comparisons.stream().allMatch(l -> l.getStyleClass().contains("pass"))) {
                passed++;
            } else if (!comparisons.isEmpty()) {
                failed++;
                messages.add(dir.getFileName() + ": " + comparisons.getFirst().getText());
            } else {
                messages.add(dir.getFileName() + ": " + status + firstRowProblem(pane[0]));
            }
        }
        messages.forEach(m -> System.out.println("  " + m));
        System.out.printf("backend-suite sample through the pane: %d cases, %d pass, %d differ, %d with a message%n",
                (cases.size() + STRIDE - 1) / STRIDE, passed, failed, messages.size() - failed);
        assertThat(messages).noneMatch(m -> m.contains("Unexpected problem"));
        assertThat(passed).isGreaterThan(cases.size() / STRIDE / 2);
    }

    private static String firstRowProblem(PredictionPane pane) {
        return pane.form() == null ? "" : pane.form().rows().stream().map(r -> r.problemProperty().get())
                .filter(p -> !p.isEmpty()).findFirst().map(p -> " / " + p).orElse("");
    }
}
