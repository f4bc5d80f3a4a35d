package dev.onnxworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.app.precision.QuantizeView;
import dev.onnxworkbench.app.task.RunState;
import dev.onnxworkbench.graphview.Decorations;
import dev.onnxworkbench.models.precision.PrecisionModels;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.NpyWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Run ▸ Quantize… from the main window at 1280×800: static INT8, then Show on Main Graph puts the marks and heat
 * on the main window's graph of the original model; a theme switch redraws the heat in the new colours.
 */
@ExtendWith(ApplicationExtension.class)
class QuantizeMainWindowFlowTest {
    @TempDir
    static Path temp;

    private AppServices services;
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        services = TestServices.create(Files.createDirectories(temp.resolve("data-" + System.nanoTime())));
        window = new MainWindow(services, stage);
        stage.setWidth(1280);
        stage.setHeight(800);
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> {
            services.themes().setTheme(WorkbenchTheme.LIGHT);
            for (Window w : java.util.List.copyOf(Window.getWindows())) {
                if (w != stage && w instanceof Stage s) {
                    s.hide();
                }
            }
            stage.hide();
        });
        services.close();
    }

    @Test
    void theResultIsShownOnTheMainGraphAndFollowsTheTheme(FxRobot robot) throws Exception {
        Path model = PrecisionModels.convNet(Files.createDirectories(temp.resolve("models")), 13);
        Path calib = Files.createDirectories(temp.resolve("calib"));
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 4; i++) {
            float[] v = new float[3 * 8 * 8];
            for (int k = 0; k < v.length; k++) {
                v[k] = (float) (r.nextDouble() * 2 - 1);
            }
            NpyWriter.write(HostTensor.ofFloats(new long[] {1, 3, 8, 8}, v), calib.resolve("s" + i + ".npy"));
        }
        robot.interact(() -> window.open(model));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.model() != null && !window.isOpening()
                && !window.graph().view().isLayingOut());
        robot.interact(() -> fire("Run", "Quantize…"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> tool() != null);
        Stage tool = tool();
        QuantizeView view = (QuantizeView) tool.getScene().getRoot();
        robot.interact(() -> {
            view.viewModel().calibrationFolderProperty().set(calib);
            ((Button) tool.getScene().lookup("#precision-start")).fire();
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> view.viewModel().run().phase() != RunState.Phase.RUNNING
                && view.graph().getDiagram() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.viewModel().run().phase()).as(view.viewModel().run().message()).isEqualTo(RunState.Phase.DONE);

        robot.interact(() -> ((Button) tool.getScene().lookup("#precision-show-main")).fire());
        Decorations main = window.graph().view().getDecorations();
        assertThat(view.viewModel().run().message()).startsWith("Shown on the main window's graph of convnet13.onnx");
        assertThat(main.nodes().values()).filteredOn(d -> d.badge().startsWith("int8")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(main.nodes().values()).filteredOn(d -> d.fill() != null).isNotEmpty();
        robot.interact(() -> Screenshots.save(stage.getScene(), "quantize-main-graph"));
        robot.interact(() -> Screenshots.save(tool.getScene(), "quantize-window"));

        var lightFills = view.graph().getDecorations().nodes();
        robot.interact(() -> services.themes().setTheme(WorkbenchTheme.DARK));
        WaitForAsyncUtils.waitForFxEvents();
        var darkFills = view.graph().getDecorations().nodes();
        String heated = lightFills.entrySet().stream().filter(e -> e.getValue().fill() != null).findFirst()
                .orElseThrow().getKey();
        assertThat(darkFills.get(heated).fill()).as("redrawn in the dark theme's colours")
                .isNotEqualTo(lightFills.get(heated).fill());
        // the same dark heat; a channel may differ by a rounding step (0xf38f7d8c against 0xf38f7e8c)
        javafx.scene.paint.Color mainFill = window.graph().view().getDecorations().node(heated).fill();
        javafx.scene.paint.Color toolFill = darkFills.get(heated).fill();
        assertThat(new double[] {mainFill.getRed(), mainFill.getGreen(), mainFill.getBlue(), mainFill.getOpacity()})
                .as("the main graph's heat too").containsExactly(new double[] {toolFill.getRed(), toolFill.getGreen(),
                        toolFill.getBlue(), toolFill.getOpacity()}, org.assertj.core.data.Offset.offset(2.5 / 255));
        robot.interact(() -> Screenshots.save(tool.getScene(), "quantize-window-dark"));
        robot.interact(() -> Screenshots.save(stage.getScene(), "quantize-main-graph-dark"));
    }

    private static Stage tool() {
        return (Stage) Window.getWindows().stream().filter(w -> w instanceof Stage s && s.isShowing()
                && s.getTitle().startsWith("Quantize")).findFirst().orElse(null);
    }

    private void fire(String menu, String item) {
        MenuBar bar = (MenuBar) stage.getScene().getRoot().lookup(".menu-bar");
        MenuItem found = bar.getMenus().stream().filter(m -> m.getText().equals(menu)).findFirst().orElseThrow()
                .getItems().stream().filter(i -> item.equals(i.getText())).findFirst().orElseThrow();
        found.fire();
    }
}
