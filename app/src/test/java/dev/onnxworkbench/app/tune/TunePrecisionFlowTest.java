package dev.onnxworkbench.app.tune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.app.AppServices;
import dev.onnxworkbench.app.WorkbenchTheme;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.precision.PrecisionModels;
import dev.onnxworkbench.models.runtime.TestSessions;
import dev.onnxworkbench.models.tune.Candidate;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Tune with the precision axis, headless at 1280×800: FP16 and INT8 copies are candidates; with a tolerance of 0
 * against FP32 they are shown as rejected with their error and never win.
 */
class TunePrecisionFlowTest {
    @TempDir
    Path tmp;

    private final FxRobot robot = new FxRobot();
    private AppServices services;
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
    void copiesOverTheToleranceAreRejectedWithTheirErrorAndNeverWin() throws Exception {
        Model model = new OnnxReader().read(PrecisionModels.convNet(tmp, 13));
        TuneView[] view = new TuneView[1];
        interact(() -> {
            view[0] = new TuneView(services, new TuneViewModel(services.tasks(), TestSessions.factory(),
                    tmp.resolve("trt"), dev.onnxworkbench.app.predict.FormInputs.NONE));
            scene = new Scene(view[0], 1280, 800);
            scene.getStylesheets().setAll(WorkbenchTheme.sharedStylesheetUrl(), WorkbenchTheme.LIGHT.stylesheetUrl());
            view[0].showModel(model);
            view[0].budget.setText("8");
            view[0].cuda.setSelected(false);
            view[0].tensorRt.setSelected(false);
            view[0].fp16.setSelected(true);
            view[0].int8Static.setSelected(true);
            view[0].maxAbs.setText("0");
            view[0].maxRel.setText("0");
            view[0].start.fire();
        });
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> view[0].reportProperty().get() != null
                || view[0].status.getText().startsWith("Not tuned"));
        WaitForAsyncUtils.waitForFxEvents();
        var report = view[0].reportProperty().get();
        assertThat(report).as(view[0].status.getText()).isNotNull();
        Candidate int8 = view[0].table.getItems().stream()
                .filter(c -> c.precisionLabel().equals("INT8 static (QDQ)"))
                .filter(c -> c.status() != Candidate.Status.SKIPPED).findFirst().orElseThrow();
        assertThat(int8.status()).isEqualTo(Candidate.Status.REJECTED);
        assertThat(int8.maxAbsError()).isPositive();
        assertThat(int8.reason()).contains("error against FP32 over the tolerance");
        assertThat(report.best()).isNotNull();
        assertThat(report.best().precision()).as("a rejected copy never wins").isNull();
        assertThat(view[0].status.getText()).contains("rejected: error against FP32 over the tolerance");
        assertThat(view[0].table.getColumns()).extracting(c -> c.getText()).contains("Precision", "max |error|", "Reason");
        interact(() -> view[0].table.scrollTo(int8));
        screenshot("tune-precision");
        interact(() -> scene.getStylesheets().setAll(WorkbenchTheme.sharedStylesheetUrl(),
                WorkbenchTheme.DARK.stylesheetUrl()));
        screenshot("tune-precision-dark");
    }

    @Test
    void aToleranceThatIsNotANumberIsOneLine() throws Exception {
        Model model = new OnnxReader().read(PrecisionModels.convNet(tmp, 13));
        TuneView[] view = new TuneView[1];
        interact(() -> {
            view[0] = new TuneView(services, new TuneViewModel(services.tasks(), TestSessions.factory(),
                    tmp.resolve("trt"), dev.onnxworkbench.app.predict.FormInputs.NONE));
            scene = new Scene(view[0], 1280, 800);
            view[0].showModel(model);
            view[0].int8Static.setSelected(true);
            view[0].maxAbs.setText("small");
            view[0].start.fire();
        });
        assertThat(view[0].status.getText()).startsWith("Max error against FP32: give two numbers");
        assertThat(view[0].table.getItems()).isEmpty();
    }

    @Test
    void aVariantFileIsACandidateAndBadFieldsAreRefusedAsCompareRefusesThem() throws Exception {
        Path file = PrecisionModels.convNet(tmp, 13);
        Path int8 = tmp.resolve("shipped_int8.onnx");
        var verifier = new dev.onnxworkbench.models.precision.ModelVerifier(TestSessions.factory(),
                dev.onnxworkbench.models.runtime.ProviderSettings.cpu());
        new dev.onnxworkbench.models.precision.StaticQuantizer(verifier).quantize(file, int8,
                new dev.onnxworkbench.models.precision.QuantizeOptions(
                        dev.onnxworkbench.models.precision.CalibrationMethod.MINMAX, true, false, java.util.Set.of(),
                        99.999),
                PrecisionModels.randomSet(file, 4, 1), dev.onnxworkbench.models.precision.Progress.NONE);
        Model model = new OnnxReader().read(file);
        TuneView[] view = new TuneView[1];
        interact(() -> {
            view[0] = new TuneView(services, new TuneViewModel(services.tasks(), TestSessions.factory(),
                    tmp.resolve("trt"), dev.onnxworkbench.app.predict.FormInputs.NONE));
            scene = new Scene(view[0], 1280, 800);
            scene.getStylesheets().setAll(WorkbenchTheme.sharedStylesheetUrl(), WorkbenchTheme.LIGHT.stylesheetUrl());
            view[0].showModel(model);
            view[0].variants.setText(tmp.resolve("missing.onnx").toString());
            view[0].start.fire();
        });
        assertThat(view[0].status.getText()).isEqualTo("Variant files: " + tmp.resolve("missing.onnx")
                + " does not exist.");
        interact(() -> {
            view[0].variants.setText("");
            view[0].int8Static.setSelected(true);
            view[0].calibration.setText(tmp.resolve("nowhere").toString());
            view[0].start.fire();
        });
        assertThat(view[0].status.getText()).isEqualTo("Calibration folder: " + tmp.resolve("nowhere")
                + " is not a folder.");

        interact(() -> {
            view[0].int8Static.setSelected(false);
            view[0].calibration.setText("");
            view[0].budget.setText("6");
            view[0].cuda.setSelected(false);
            view[0].tensorRt.setSelected(false);
            view[0].variants.setText(int8.toString());
            view[0].start.fire();
        });
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> view[0].reportProperty().get() != null
                || view[0].status.getText().startsWith("Not tuned"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view[0].reportProperty().get()).as(view[0].status.getText()).isNotNull();
        assertThat(view[0].table.getItems()).extracting(Candidate::precisionLabel).contains("shipped_int8.onnx");
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
