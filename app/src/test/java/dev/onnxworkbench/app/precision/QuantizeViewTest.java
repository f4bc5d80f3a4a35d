package dev.onnxworkbench.app.precision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.app.AppServices;
import dev.onnxworkbench.app.WorkbenchTheme;
import dev.onnxworkbench.app.predict.FormInputs;
import dev.onnxworkbench.app.task.RunState;
import dev.onnxworkbench.models.diverge.TensorDivergence;
import dev.onnxworkbench.models.precision.PrecisionModels;
import dev.onnxworkbench.models.runtime.TestSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Run ▸ Quantize… headless: static INT8 through Start, the result tables, a clicked layer kept in float. */
class QuantizeViewTest {
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
    void setUp() {
        services = dev.onnxworkbench.app.TestServices.create(tmp.resolve("data"));
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        services.close();
    }

    @Test
    void staticInt8ShowsTheResultAndAClickedLayerIsKeptInFloat() throws Exception {
        Path model = PrecisionModels.convNet(tmp, 13);
        Path calib = QuantizeViewModelTest.samples(tmp, "calib", 4, 1);
        Path eval = QuantizeViewModelTest.samples(tmp, "eval", 3, 2);
        for (WorkbenchTheme theme : new WorkbenchTheme[] {WorkbenchTheme.LIGHT, WorkbenchTheme.DARK}) {
            QuantizeView view = show(theme);
            QuantizeViewModel vm = view.viewModel();
            interact(() -> {
                vm.showModel(model);
                vm.modeProperty().set(PrecisionMode.INT8_STATIC);
                vm.methodProperty().set(dev.onnxworkbench.models.precision.CalibrationMethod.PERCENTILE);
                vm.calibrationFolderProperty().set(calib);
                vm.evaluationFolderProperty().set(eval);
                ((Button) view.lookup("#precision-start")).fire();
            });
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.run().phase() != RunState.Phase.RUNNING);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(vm.run().phase()).as(vm.run().message()).isEqualTo(RunState.Phase.DONE);
            assertThat(vm.run().message()).startsWith("Done: ");
            @SuppressWarnings("unchecked")
            TableView<TensorDivergence> layers = (TableView<TensorDivergence>) view.lookup("#precision-layers");
            assertThat(layers.getItems()).isNotEmpty();
            assertThat(((TableView<?>) view.lookup("#precision-accuracy")).getItems()).hasSize(1);
            assertThat(((javafx.scene.control.ListView<?>) view.lookup("#precision-summary")).getItems())
                    .anySatisfy(l -> assertThat(l.toString()).startsWith("Quantized "));
            assertThat(((javafx.scene.control.Label) view.lookup("#precision-sizes")).getText()).startsWith("Size: ");
            // Sortable: the per-layer columns sort by clicking their headers.
            assertThat(layers.getColumns()).allSatisfy(c -> assertThat(c.isSortable()).isTrue());
            if (theme == WorkbenchTheme.LIGHT) {
                TensorDivergence first = layers.getItems().getFirst();
                interact(() -> {
                    scene.getRoot().applyCss();
                    scene.getRoot().layout();
                    TableRow<?> row = (TableRow<?>) layers.lookupAll(".table-row-cell").stream()
                            .filter(n -> ((TableRow<?>) n).getItem() == first).findFirst().orElseThrow();
                    row.fireEvent(new MouseEvent(MouseEvent.MOUSE_CLICKED, 0, 0, 0, 0, MouseButton.PRIMARY, 1,
                            false, false, false, false, true, false, false, true, false, false, null));
                });
                assertThat(vm.excluded()).containsExactly(first.node());
                assertThat(vm.run().message()).contains(first.node()).contains("Re-quantize");
            }
            screenshot(theme == WorkbenchTheme.LIGHT ? "quantize" : "quantize-dark");
        }
    }

    private QuantizeView show(WorkbenchTheme theme) {
        QuantizeView[] view = new QuantizeView[1];
        interact(() -> {
            view[0] = new QuantizeView(new QuantizeViewModel(services.tasks(), TestSessions.factory(), FormInputs.NONE,
                    QuantizeViewModelTest.MAPPER));
            scene = new Scene(view[0], 1280, 800);
            scene.getStylesheets().setAll(WorkbenchTheme.sharedStylesheetUrl(), theme.stylesheetUrl());
            scene.getRoot().applyCss();
            scene.getRoot().layout();
        });
        return view[0];
    }

    private void interact(Runnable action) {
        robot.interact(action);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void screenshot(String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
        Files.createDirectories(dir);
        var image = WaitForAsyncUtils.asyncFx(() -> {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            return scene.snapshot(null);
        }).get(10, TimeUnit.SECONDS);
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", dir.resolve(name + ".png").toFile());
    }
}
