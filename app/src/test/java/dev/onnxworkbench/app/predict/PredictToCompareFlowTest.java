package dev.onnxworkbench.app.predict;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.onnxworkbench.app.AppServices;
import dev.onnxworkbench.app.Screenshots;
import dev.onnxworkbench.app.WorkbenchTheme;
import dev.onnxworkbench.app.compare.CompareView;
import dev.onnxworkbench.models.bench.BenchmarkReport;
import dev.onnxworkbench.models.bench.ProviderResult;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.onnx.proto.AttributeProto;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.runtime.ExecutionProvider;
import dev.onnxworkbench.models.runtime.TestSessions;
import dev.onnxworkbench.models.testing.Protos;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What the window does on Run ▸ Compare providers: the Predict form's input set (sizes the user typed, a
 * picture) goes to Compare, which states it with its shapes and measures that workload.
 */
class PredictToCompareFlowTest {
    private static final int FLOAT = 1;

    @TempDir
    Path tmp;

    private final FxRobot robot = new FxRobot();
    private AppServices services;
    private Preferences preferences;
    private Stage stage;
    private PredictionPane pane;
    private CompareView compare;
    private Scene compareScene;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void setUp() throws Exception {
        services = dev.onnxworkbench.app.TestServices.create(tmp.resolve("data"));
        preferences = Preferences.userRoot().node("dev/onnxworkbench/test/flow-" + System.nanoTime());
        stage = FxToolkit.registerStage(Stage::new);
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        services.close();
        try {
            preferences.removeNode();
        } catch (java.util.prefs.BackingStoreException busy) {
            // Other builds on this machine hold the preferences lock now and then; a leftover test node is harmless.
        }
    }

    @Test
    void sizesAndAPictureInPredictAreWhatCompareMeasures() throws Exception {
        Model model = new OnnxReader().read(Protos.write(convolutions(), tmp.resolve("models/convs.onnx")));
        showPredict(model);
        Path street = picture(tmp.resolve("street.png"));
        ImageEditor editor = (ImageEditor) pane.form().row("x").orElseThrow().editor;
        interact(() -> editor.loadFile(street));
        // A loaded picture fills the free sizes with its own (stride-rounded) size; the user then sets others.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !((TextField) lookup("#size-H")).getText().isEmpty());
        interact(() -> {
            ((TextField) lookup("#size-H")).setText("192");
            ((TextField) lookup("#size-W")).setText("256");
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !pane.runButton().isDisabled());
        runPredict(); // opens the session
        // Warm runs, as Compare's timed runs are; the shared machine is noisy, so the quickest of three.
        double predictMs = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            runPredict();
            predictMs = Math.min(predictMs, pane.viewModel().outcomeProperty().get().result().latencyMs());
        }

        openCompare(model, WorkbenchTheme.LIGHT);
        String header = ((Labeled) compareScene.lookup("#compare-inputs")).getText();
        assertThat(header).contains("x float32[1,3,192,256] from street.png");

        interact(() -> {
            ((TextField) compareScene.lookup("#cpu-threads")).setText("");
            ((TextField) compareScene.lookup("#warmup")).setText("3");
            ((TextField) compareScene.lookup("#runs")).setText("15");
        });
        BenchmarkReport report = runCompare();
        ProviderResult cpu = report.providers().stream().filter(r -> r.variant().provider() == ExecutionProvider.CPU)
                .findFirst().orElseThrow();
        assertThat(cpu.succeeded()).isTrue();
        assertThat(cpu.batches().getFirst().shapes()).contains("x float32[1,3,192,256]");
        assertThat(report.settings().inputs()).contains("from street.png");
        double p50 = cpu.latency().p50();
        System.out.printf("Predict %.2f ms, Compare CPU p50 %.2f ms on x float32[1,3,192,256] (shared 2-core VM)%n", predictMs, p50);
        // Same workload, same machine: within a generous factor (a shared 2-core machine is noisy; runs here
        // measured 2–45 ms for Predict and 9–20 ms for the p50), not the 500× of free dimensions set to 1.
        assertThat(p50).isBetween(predictMs / 10, predictMs * 10);
        screenshot("compare-inputs");
        interact(() -> compareScene.getStylesheets().setAll(WorkbenchTheme.sharedStylesheetUrl(), WorkbenchTheme.DARK.stylesheetUrl()));
        screenshot("compare-inputs-dark");
    }

    @Test
    void aProviderThatFailsShowsItsReasonInTheTable() throws Exception {
        Model model = new OnnxReader().read(Protos.write(reflectPad(), tmp.resolve("models/pad.onnx")));
        showPredict(model);
        interact(() -> ((TextField) lookup("#input-x")).setText("0.5"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !pane.runButton().isDisabled());

        openCompare(model, WorkbenchTheme.LIGHT);
        assertThat(((Labeled) compareScene.lookup("#compare-inputs")).getText()).contains("x float32[1,1] typed: 0.5");
        interact(() -> {
            ((TextField) compareScene.lookup("#cpu-threads")).setText("");
            ((TextField) compareScene.lookup("#runs")).setText("5");
        });
        BenchmarkReport report = runCompare();
        ProviderResult cpu = report.providers().getFirst();
        assertThat(cpu.succeeded()).isFalse();
        assertThat(cpu.error()).isNotBlank();
        screenshot("compare-failed");
        interact(() -> {
            compare.applyCss();
            compare.layout();
        });
        List<String> statusCells = compareScene.getRoot().lookupAll(".table-cell").stream()
                .filter(n -> n.getStyleClass().contains("status-failed"))
                .map(n -> ((Labeled) n).getGraphic() instanceof javafx.scene.text.Text t ? t.getText() : ((Labeled) n).getText())
                .toList();
        assertThat(statusCells).singleElement().asString().startsWith("failed: ").contains("Pad");
        String status = compare.statusLabel().getText();
        assertThat(status).contains("0 measured").contains("1 failed");
        assertThat(compare.statusLabel().getStyleClass()).contains("status-error");
        interact(() -> compareScene.getStylesheets().setAll(WorkbenchTheme.sharedStylesheetUrl(), WorkbenchTheme.DARK.stylesheetUrl()));
        screenshot("compare-failed-dark");
    }

    private void showPredict(Model model) {
        interact(() -> {
            pane = new PredictionPane(services.tasks(), tmp.resolve("data"), preferences, PaneTesting.backend());
            Scene scene = new Scene(pane, 440, 900);
            scene.getStylesheets().setAll(WorkbenchTheme.sharedStylesheetUrl(), WorkbenchTheme.LIGHT.stylesheetUrl());
            stage.setScene(scene);
            stage.show();
            pane.showModel(model);
        });
        WaitForAsyncUtils.waitForFxEvents();
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> pane.form() != null);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** What MainWindow.openCompare does: show the model, then hand over the Predict form's input set. */
    private void openCompare(Model model, WorkbenchTheme theme) throws Exception {
        interact(() -> {
            compare = new CompareView(services, TestSessions.factory());
            // Laid out and drawn by snapshots: the headless screen is smaller than the view.
            compareScene = new Scene(compare, 1360, 860);
            compareScene.getStylesheets().setAll(WorkbenchTheme.sharedStylesheetUrl(), theme.stylesheetUrl());
            compare.showModel(model);
            compare.applyCss();
            compare.layout();
            pane.currentInputs(compare::useInputs);
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> compare.viewModel().givenProperty().get() != null);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> compare.providerStatusesProperty().get().size() >= 3);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private BenchmarkReport runCompare() throws Exception {
        interact(() -> compare.runButton().fire());
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !compare.runningProperty().get()
                && (compare.reportProperty().get() != null || compare.statusLabel().getStyleClass().contains("status-error")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(compare.reportProperty().get()).as(compare.statusLabel().getText()).isNotNull();
        return compare.reportProperty().get();
    }

    private void runPredict() throws Exception {
        interact(() -> pane.runButton().fire());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !pane.runningProperty().get()
                && pane.statusLabel().getText().startsWith("Ran in"));
    }

    /** x float32[N,3,H,W] → Conv 3→16 → Relu → Conv 16→16 → Relu → GlobalAveragePool: work that grows with H×W. */
    private static dev.onnxworkbench.models.onnx.proto.ModelProto convolutions() {
        GraphProto graph = GraphProto.newBuilder().setName("convs")
                .addInput(Protos.tensorValue("x", FLOAT, "N", 3L, "H", "W"))
                .addOutput(Protos.tensorValue("y", FLOAT, "N", 16L, 1L, 1L))
                .addInitializer(Protos.floats("w1", 1, 16, 3, 3, 3))
                .addInitializer(Protos.floats("w2", 2, 16, 16, 3, 3))
                .addNode(Protos.node("Conv", "conv1", List.of("x", "w1"), List.of("c1")).addAttribute(Protos.intsAttr("pads", 1, 1, 1, 1)))
                .addNode(Protos.node("Relu", "relu1", List.of("c1"), List.of("r1")))
                .addNode(Protos.node("Conv", "conv2", List.of("r1", "w2"), List.of("c2")).addAttribute(Protos.intsAttr("pads", 1, 1, 1, 1)))
                .addNode(Protos.node("Relu", "relu2", List.of("c2"), List.of("r2")))
                .addNode(Protos.node("GlobalAveragePool", "pool", List.of("r2"), List.of("y")))
                .build();
        return Protos.model(graph, 17).build();
    }

    /** x float32[1,T] → Pad(reflect, 4 each side): ONNX Runtime refuses T = 1, as the voice detectors do. */
    private static dev.onnxworkbench.models.onnx.proto.ModelProto reflectPad() {
        GraphProto graph = GraphProto.newBuilder().setName("reflect_pad")
                .addInput(Protos.tensorValue("x", FLOAT, 1L, "T"))
                .addOutput(Protos.tensorValue("y", FLOAT, 1L, "T_padded"))
                .addInitializer(Protos.int64s("pads", new long[] {0, 4, 0, 4}, 4))
                .addNode(Protos.node("Pad", "pad", List.of("x", "pads"), List.of("y")).addAttribute(AttributeProto.newBuilder()
                        .setName("mode").setType(AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8("reflect"))))
                .build();
        return Protos.model(graph, 17).build();
    }

    private static Path picture(Path file) throws Exception {
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(90, 120, 160));
        g.fillRect(0, 0, 320, 240);
        g.setColor(new Color(220, 200, 60));
        g.fillRect(40, 60, 120, 90);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    @SuppressWarnings("unchecked")
    private <T extends Node> T lookup(String query) {
        return (T) robot.lookup(query).query();
    }

    private void interact(Runnable action) {
        robot.interact(action);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void screenshot(String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(() -> Screenshots.save(compareScene, name)).get(10, TimeUnit.SECONDS);
    }
}
