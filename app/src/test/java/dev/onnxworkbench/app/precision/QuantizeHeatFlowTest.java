package dev.onnxworkbench.app.precision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.app.AppServices;
import dev.onnxworkbench.app.WorkbenchTheme;
import dev.onnxworkbench.app.diagram.DiagramFixtures;
import dev.onnxworkbench.app.diagram.DiagramOptions;
import dev.onnxworkbench.app.diagram.MappedGraph;
import dev.onnxworkbench.app.diagram.ModelDiagrams;
import dev.onnxworkbench.app.predict.FormInputs;
import dev.onnxworkbench.app.task.RunState;
import dev.onnxworkbench.graphview.DiagramNode;
import dev.onnxworkbench.graphview.GraphView;
import dev.onnxworkbench.graphview.NodeDecoration;
import dev.onnxworkbench.graphview.Outline;
import dev.onnxworkbench.models.diverge.TensorDivergence;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.opset.RealModels;
import dev.onnxworkbench.models.precision.PrecisionModels;
import dev.onnxworkbench.models.runtime.TestSessions;
import dev.onnxworkbench.models.runtime.inputs.ImageSettings;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.runtime.inputs.InputSpecs;
import dev.onnxworkbench.models.runtime.inputs.PixelScaling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
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
 * Run ▸ Quantize… on the real PaddleOCR detector with rendered text pictures, headless at 1280×800: the folders
 * go through the Predict form's picture settings, the result is drawn on the graph (int8 badges, kept-in-float
 * outlines with their reason, error heat), a clicked box is kept in float by Re-quantize, and the same heat goes
 * on the main window's graph.
 */
class QuantizeHeatFlowTest {
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
    void theDetectorsResultIsHeatOnTheGraphAndAClickedBoxStaysFloatOnReQuantize() throws Exception {
        Model det = new OnnxReader().read(RealModels.DET);
        Path calib = tmp.resolve("calib");
        PrecisionModels.textPicture(calib.resolve("a.png"), "invoice 2041", 170, 70);
        PrecisionModels.textPicture(calib.resolve("b.png"), "total 18.40", 140, 90);
        Path eval = tmp.resolve("eval");
        PrecisionModels.textPicture(eval.resolve("c.png"), "paid in full", 150, 60);
        // The Predict form's picture settings as its image editor gives them: PaddleOCR's -1..1 scaling.
        ImageSettings formSettings = ImageSettings.defaults(InputSpecs.derive(det).getFirst())
                .withScaling(PixelScaling.MINUS_ONE_ONE);
        FormInputs form = new FormInputs() {
            @Override
            public Callable<InputSet> snapshot() {
                return FormInputs.NONE.snapshot();
            }

            @Override
            public Map<String, ImageSettings> imageSettings() {
                return Map.of("x", formSettings);
            }
        };
        MappedGraph mainMapped = ModelDiagrams.topLevel(det, DiagramFixtures.CATALOG, DiagramOptions.DEFAULT);
        GraphView mainView = new GraphView();
        ReadOnlyObjectWrapper<MappedGraph> mainCurrent = new ReadOnlyObjectWrapper<>(mainMapped);
        ReadOnlyObjectWrapper<Model> mainModel = new ReadOnlyObjectWrapper<>(det);

        QuantizeView view = show(new QuantizeView(new QuantizeViewModel(services.tasks(), TestSessions.factory(), form,
                QuantizeViewModelTest.MAPPER), new MainGraphHeat(mainView, mainCurrent.getReadOnlyProperty(),
                mainModel.getReadOnlyProperty())), WorkbenchTheme.LIGHT);
        QuantizeViewModel vm = view.viewModel();
        interact(() -> {
            mainView.setDiagram(mainMapped.diagram());
            vm.showModel(RealModels.DET);
            vm.modeProperty().set(PrecisionMode.INT8_STATIC);
            vm.calibrationFolderProperty().set(calib);
            vm.evaluationFolderProperty().set(eval);
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.graphProperty().get() != null);
        assertThat(((Label) view.lookup("#precision-media")).getText()).contains("the Predict form's settings")
                .contains("-1-1").contains("rounded to the model's stride");

        start(view, "#precision-start");
        GraphView graph = view.graph();
        var marks = graph.getDecorations().nodes();
        assertThat(marks.values()).filteredOn(d -> d.badge().startsWith("int8 · Δ ") && d.fill() != null)
                .hasSizeGreaterThan(20);
        // Every operator the quantizer kept is outlined dashed with its reason; the detector keeps none since its
        // ConvTranspose biases and BatchNormalization fold (its last float BatchNormalization was one of them).
        var keptByQuantizer = assertThat(marks.values()).filteredOn(d -> d.outline() == Outline.WARNING && d.dashed())
                .allSatisfy(d -> assertThat(d.tooltip()).contains("Kept in float: "));
        if (vm.result().kept().isEmpty()) {
            keptByQuantizer.isEmpty();
        } else {
            keptByQuantizer.isNotEmpty();
        }
        assertThat(marks.values()).filteredOn(d -> d.badge().startsWith("int8 · Δ "))
                .allSatisfy(d -> assertThat(d.badge()).as("the heat is relative: a share of the original").endsWith("%"));
        assertThat(vm.result().evaluated()).contains("1 picture,").contains("-1-1");

        // Click the quantized Conv whose output has the largest error: it is marked and its row selected.
        @SuppressWarnings("unchecked")
        TableView<TensorDivergence> layers = (TableView<TensorDivergence>) view.lookup("#precision-layers");
        TensorDivergence worstConv = layers.getItems().stream().filter(t -> t.opType().equals("Conv")).findFirst()
                .orElseThrow();
        String boxId = vm.graphProperty().get().idOfTensor(worstConv.nameB());
        DiagramNode box = graph.getDiagram().nodes().stream().filter(n -> n.id().equals(boxId)).findFirst()
                .orElseThrow();
        interact(() -> {
            graph.getOnNodeClicked().accept(box);
            graph.centerOn(boxId);
        });
        assertThat(vm.excluded()).containsExactly(worstConv.node());
        assertThat(layers.getSelectionModel().getSelectedItem()).isEqualTo(worstConv);
        assertThat(graph.getDecorations().node(boxId).badge()).startsWith("→ float");
        screenshot("quantize-heat-clicked");

        start(view, "#precision-requantize");
        assertThat(vm.result().excluded()).containsExactly(worstConv.node());
        assertThat(vm.result().quantizedNodes()).doesNotContain(worstConv.node());
        NodeDecoration kept = graph.getDecorations().node(boxId);
        assertThat(kept.outline()).isEqualTo(Outline.HIGHLIGHT);
        assertThat(kept.badge()).startsWith("float");
        assertThat(kept.tooltip()).contains("Kept in float by you");
        interact(() -> graph.centerOn(boxId));
        screenshot("quantize-heat");

        // The same marks and heat on the main window's graph of the original model, and off again.
        interact(() -> ((Button) view.lookup("#precision-show-main")).fire());
        assertThat(vm.run().message()).startsWith("Shown on the main window's graph");
        assertThat(badges(mainView)).isEqualTo(badges(graph)).containsEntry(boxId, kept.badge());
        interact(() -> ((Button) view.lookup("#precision-clear-main")).fire());
        assertThat(mainView.getDecorations().isEmpty()).isTrue();
        Model other = new OnnxReader().read(PrecisionModels.convNet(tmp, 13));
        interact(() -> {
            mainModel.set(other);
            ((Button) view.lookup("#precision-show-main")).fire();
        });
        assertThat(vm.run().message()).isEqualTo("The main window does not show ch_PP-OCRv4_det_infer.onnx; open it "
                + "there first.");
        assertThat(mainView.getDecorations().isEmpty()).isTrue();

        // The dark theme as a user who works in it opens the window: a new view over the same result.
        QuantizeView dark = show(new QuantizeView(vm, null), WorkbenchTheme.DARK);
        interact(() -> {
            dark.refreshColours(); // what the window does when the theme changes
            dark.graph().centerOn(boxId);
        });
        assertThat(badges(dark.graph())).isEqualTo(badges(graph));
        assertThat(dark.graph().getDecorations().node(boxId).fill())
                .as("the dark theme's heat colours").isNotEqualTo(graph.getDecorations().node(boxId).fill());
        screenshot("quantize-heat-dark");
    }

    private static Map<String, String> badges(GraphView v) {
        Map<String, String> out = new java.util.TreeMap<>();
        v.getDecorations().nodes().forEach((id, d) -> out.put(id, d.badge()));
        return out;
    }

    private void start(QuantizeView view, String button) throws Exception {
        QuantizeViewModel vm = view.viewModel();
        interact(() -> ((Button) view.lookup(button)).fire());
        WaitForAsyncUtils.waitFor(400, TimeUnit.SECONDS, () -> vm.run().phase() != RunState.Phase.RUNNING);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.run().phase()).as(vm.run().message()).isEqualTo(RunState.Phase.DONE);
    }

    private QuantizeView show(QuantizeView view, WorkbenchTheme theme) {
        interact(() -> {
            scene = new Scene(view, 1280, 800);
            scene.getStylesheets().setAll(WorkbenchTheme.sharedStylesheetUrl(), theme.stylesheetUrl());
            scene.getRoot().applyCss();
            scene.getRoot().layout();
        });
        return view;
    }

    private void interact(Runnable action) {
        robot.interact(action);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void screenshot(String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(300); // the graph paints its layout on the next pulse
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
