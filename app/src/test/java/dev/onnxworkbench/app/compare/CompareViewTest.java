package dev.onnxworkbench.app.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.app.AppServices;
import dev.onnxworkbench.app.WorkbenchTheme;
import dev.onnxworkbench.models.bench.BenchmarkExport;
import dev.onnxworkbench.models.bench.BenchmarkReport;
import dev.onnxworkbench.models.bench.ProviderResult;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.runtime.ExecutionProvider;
import dev.onnxworkbench.models.runtime.TestSessions;
import dev.onnxworkbench.models.samples.SampleModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
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

/** The compare view headless on the image sample: probe, a two-thread CPU comparison, charts, export, history. */
class CompareViewTest {
    private static final int WIDTH = 1360;
    private static final int HEIGHT = 860;

    @TempDir
    Path tmp;

    private final FxRobot robot = new FxRobot();
    private AppServices services;
    private Stage stage;
    private CompareView view;
    private Scene scene;

    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void setUp() throws Exception {
        services = dev.onnxworkbench.app.TestServices.create(tmp.resolve("data"));
        stage = FxToolkit.registerStage(Stage::new);
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        services.close();
    }

    @Test
    void imageSample_cpuWithTwoThreadSettings_chartsExportAndHistory() throws Exception {
        Model model = new OnnxReader().read(SampleModels.dominantColour(tmp.resolve("models")));
        show(model, WorkbenchTheme.LIGHT);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> view.providerStatusesProperty().get().size() >= 3);
        WaitForAsyncUtils.waitForFxEvents();
        if (!view.providerStatusesProperty().get().getFirst().available()) {
            assertThat(view.panel().reasonLabel(ExecutionProvider.CUDA).isVisible()).isTrue();
            assertThat(view.panel().reasonLabel(ExecutionProvider.CUDA).getText()).contains(".so").contains("Install");
            assertThat(view.panel().reasonLabel(ExecutionProvider.TENSORRT).getText()).contains("TensorRT 10");
        }
        assertThat(view.panel().batchSizes.isDisabled()).as("the sample has a dynamic batch").isFalse();

        interact(() -> {
            view.panel().cpuThreads.setText("1, 2");
            view.panel().warmup.setText("3");
            view.panel().runs.setText("40");
            view.panel().batchSizes.setText("1, 4, 8");
        });
        runAndWait();

        BenchmarkReport report = view.reportProperty().get();
        List<ProviderResult> cpu = report.providers().stream().filter(r -> r.variant().provider() == ExecutionProvider.CPU).toList();
        assertThat(cpu).extracting(r -> r.variant().label()).containsExactly("CPU · 1 thread", "CPU · 2 threads");
        assertThat(cpu).allSatisfy(r -> {
            assertThat(r.succeeded()).isTrue();
            assertThat(r.batches()).hasSize(3);
            assertThat(r.agrees()).isTrue();
            assertThat(r.placement().counts()).containsKey("CPU");
        });
        assertThat(report.providers()).filteredOn(r -> r.variant().provider() != ExecutionProvider.CPU)
                .allSatisfy(r -> assertThat(r.available() || r.reason() != null).isTrue());
        assertThat(view.boxPlot().boxCount()).isEqualTo(2);
        assertThat(view.sweep().seriesCount()).isEqualTo(2);
        assertThat(view.results().getItems()).hasSize(2 * 3 + report.providers().size() - 2);
        assertThat(view.statusLabel().getText()).startsWith("Done: 2 measured");

        Path csv = tmp.resolve("export/compare.csv");
        Files.createDirectories(csv.getParent());
        interact(() -> view.exportTo(csv, BenchmarkExport.Format.CSV));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.statusLabel().getText().startsWith("Exported"));
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.getFirst()).startsWith("provider,label,options");
        assertThat(lines).filteredOn(l -> l.startsWith("cpu,")).hasSize(6);

        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> view.history().getItems().size() == 1);
        assertThat(view.history().getItems().getFirst().startedAt()).isEqualTo(report.startedAt());

        screenshot("compare");
        interact(() -> scene.getStylesheets().setAll(WorkbenchTheme.sharedStylesheetUrl(), WorkbenchTheme.DARK.stylesheetUrl()));
        screenshot("compare-dark");
        interact(() -> view.details().getSelectionModel().select(1));
        screenshot("compare-batch-sweep");
        // The whole settings column, below the fold included.
        var settings = WaitForAsyncUtils.asyncFx(() -> view.panel().snapshot(null, null)).get(10, TimeUnit.SECONDS);
        ImageIO.write(SwingFXUtils.fromFXImage(settings, null), "png",
                Path.of(System.getProperty("screenshots.dir", "target/screenshots")).resolve("compare-settings.png").toFile());
    }

    @Test
    void gpuProvidersAreReportedWithinTenSecondsOfOpening() throws Exception {
        Model model = new OnnxReader().read(SampleModels.dominantColour(tmp.resolve("models")));
        // The app's toolkit is running long before this view opens; start it here too so only the view is timed.
        interact(() -> {
            stage.setScene(new Scene(new javafx.scene.control.Label("warm-up"), 200, 100));
            stage.show();
            Scene warmUp = new Scene(new CompareView(services, TestSessions.factory()), WIDTH, HEIGHT);
            warmUp.getStylesheets().setAll(WorkbenchTheme.sharedStylesheetUrl(), WorkbenchTheme.LIGHT.stylesheetUrl());
            warmUp.snapshot(null);
        });
        long opened = System.nanoTime();
        show(model, WorkbenchTheme.LIGHT);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.providerStatusesProperty().get().size() >= 2);
        double seconds = (System.nanoTime() - opened) / 1e9;
        System.out.printf("compare view: CUDA and TensorRT reported %.2f s after opening %s%n", seconds,
                view.providerStatusesProperty().get().stream().map(st -> st.name() + " " + Math.round(st.probeMs()) + " ms").toList());
        assertThat(seconds).isLessThan(10);
        assertThat(view.providerStatusesProperty().get()).extracting(st -> st.provider())
                .contains(ExecutionProvider.CUDA, ExecutionProvider.TENSORRT);
    }

    @Test
    void cancelStopsALongRunPromptly() throws Exception {
        Model model = new OnnxReader().read(SampleModels.dominantColour(tmp.resolve("models")));
        show(model, WorkbenchTheme.LIGHT);
        interact(() -> {
            view.panel().cpuThreads.setText("1");
            view.panel().byDuration.setSelected(true);
            view.panel().duration.setText("60");
            view.panel().batchSizes.setText("1");
            view.runButton().fire();
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> view.statusLabel().getText().startsWith("Timing"));
        assertThat(services.tasks().runningCount()).as("the benchmark's work is running").isGreaterThanOrEqualTo(1);
        interact(() -> view.cancelButton().fire());
        // The work itself must end (the executor counts a task until its call has returned), not just a flag.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> services.tasks().runningCount() == 0);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !view.runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.statusLabel().getText()).startsWith("Cancelled");
        assertThat(view.runButton().isDisabled()).isFalse();
    }

    @Test
    void inputsFromATestDataSetFolder() throws Exception {
        Path conv = Path.of("/usr/share/libonnx-testdata/data/pytorch-operator/test_operator_conv");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(conv), "libonnx-testdata is installed");
        show(new OnnxReader().read(conv.resolve("model.onnx")), WorkbenchTheme.LIGHT);
        interact(() -> view.loadTestDataSet(conv.resolve("test_data_set_0")));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.panel().givenInputs.isSelected());
        assertThat(view.panel().givenInputs.isSelected()).isTrue();
        assertThat(view.panel().seed.isDisabled()).isTrue();
        interact(() -> {
            view.panel().cpuThreads.setText("1");
            view.panel().runs.setText("5");
            view.panel().warmup.setText("1");
        });
        runAndWait();
        BenchmarkReport report = view.reportProperty().get();
        // the report states the shapes that ran and where the values came from
        assertThat(report.settings().inputs()).isEqualTo("0 float32[20,16,50,40] from test_data_set_0");
        assertThat(report.providers().getFirst().agrees()).isTrue();
    }

    @Test
    void aTypingMistakeIsShownAndNothingRuns() throws Exception {
        Model model = new OnnxReader().read(SampleModels.dominantColour(tmp.resolve("models")));
        show(model, WorkbenchTheme.LIGHT);
        interact(() -> {
            view.panel().cpuThreads.setText("1, many");
            view.runButton().fire();
        });
        assertThat(view.runningProperty().get()).isFalse();
        assertThat(view.statusLabel().getText()).contains("CPU threads").contains("'many'");
        assertThat(view.statusLabel().getStyleClass()).contains("status-error");
    }

    private void show(Model model, WorkbenchTheme theme) {
        interact(() -> {
            view = new CompareView(services, TestSessions.factory());
            // JavaFX's headless screen is 1000×1000 and a larger window fails to blit, so the view's scene is
            // not put in a window: it is laid out and drawn by snapshots, which is all these tests look at.
            scene = new Scene(view, WIDTH, HEIGHT);
            scene.getStylesheets().setAll(WorkbenchTheme.sharedStylesheetUrl(), theme.stylesheetUrl());
            view.showModel(model);
            view.applyCss();
            view.layout();
        });
    }

    private void runAndWait() throws Exception {
        interact(() -> view.runButton().fire());
        // A small run can be over before this line; wait for its report (or an error) rather than for "running".
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> !view.runningProperty().get()
                && (view.reportProperty().get() != null || view.statusLabel().getStyleClass().contains("status-error")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.statusLabel().getStyleClass()).as(view.statusLabel().getText()).doesNotContain("status-error");
    }

    private void interact(Runnable action) {
        robot.interact(action);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void screenshot(String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
        Files.createDirectories(dir);
        var image = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get(10, TimeUnit.SECONDS);
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", dir.resolve(name + ".png").toFile());
    }
}
