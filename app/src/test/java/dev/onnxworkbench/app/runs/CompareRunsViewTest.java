package dev.onnxworkbench.app.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.app.AppServices;
import dev.onnxworkbench.app.WorkbenchTheme;
import dev.onnxworkbench.app.diagram.CatalogOperatorLookup;
import dev.onnxworkbench.app.diagram.DiagramMapper;
import dev.onnxworkbench.graphview.GraphView;
import dev.onnxworkbench.graphview.Outline;
import dev.onnxworkbench.graphview.Theme;
import dev.onnxworkbench.models.diff.ModelDiffReport;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.runtime.TestSessions;
import dev.onnxworkbench.models.testing.Protos;
import dev.onnxworkbench.models.testing.TestModels;
import dev.onnxworkbench.models.testing.WeightScaler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The Compare Runs panes headless: a divergence search outlined on the graph, and a diff drawn side by side. */
class CompareRunsViewTest {
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 800;

    @TempDir
    Path tmp;

    private final FxRobot robot = new FxRobot();
    private AppServices services;
    private DiagramMapper mapper;
    private Scene scene;

    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void setUp() {
        services = dev.onnxworkbench.app.TestServices.create(tmp.resolve("data"));
        mapper = new DiagramMapper(new CatalogOperatorLookup(services.catalog()));
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        services.close();
    }

    @Test
    void divergenceOutlinesTheScaledConvolutionAndHeatsWhatFollows() throws Exception {
        // Weights in Constant nodes, as PaddlePaddle exports them: the scaled weight itself diverges first.
        ModelProto constants = WeightScaler.constantsFromInitializers(TestModels.convNet());
        Path a = Protos.write(constants, tmp.resolve("conv.onnx"));
        ModelProto.Builder copy = constants.toBuilder();
        WeightScaler.scaleConvWeight(copy, 0, 1.05f);
        Path b = Protos.write(copy.build(), tmp.resolve("conv-scaled.onnx"));
        Model model = new OnnxReader().read(a);

        DivergencePane[] pane = new DivergencePane[1];
        interact(() -> {
            pane[0] = new DivergencePane(services.tasks(), mapper, TestSessions.factory());
            show(pane[0], WorkbenchTheme.LIGHT);
            pane[0].showModel(model);
            pane[0].form().referenceModel().setText(b.toString());
        });
        waitForLayout(pane[0].graph());
        interact(() -> pane[0].start());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> pane[0].reportProperty().get() != null
                || pane[0].status().getText().startsWith("ONNX") || pane[0].status().getText().contains("failed"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pane[0].reportProperty().get()).as(pane[0].status().getText()).isNotNull();

        var first = pane[0].reportProperty().get().firstDivergent().orElseThrow();
        assertThat(first.name()).isEqualTo("conv1.weight");
        assertThat(first.opType()).isEqualTo("Constant");
        assertThat(pane[0].status().getText()).startsWith("First divergent tensor: conv1.weight");
        assertThat(pane[0].table().getItems()).as("three agreeing weights hidden").hasSize(6);
        interact(() -> pane[0].hideAgreeingWeights().setSelected(false));
        assertThat(pane[0].table().getItems()).hasSize(9);
        interact(() -> pane[0].hideAgreeingWeights().setSelected(true));
        assertThat(pane[0].graph().getDecorations().nodes().entrySet()).filteredOn(e -> e.getValue().outline()
                == Outline.ERROR).hasSize(1);
        String convId = pane[0].graph().getDecorations().nodes().entrySet().stream()
                .filter(e -> e.getValue().outline() == Outline.ERROR).findFirst().orElseThrow().getKey();
        assertThat(pane[0].graph().getDecorations().node(convId).badge()).startsWith("first");
        long heated = pane[0].graph().getDecorations().nodes().values().stream().filter(d -> d.fill() != null).count();
        assertThat(heated).as("every failing box is tinted").isEqualTo(5);

        interact(() -> pane[0].table().getSelectionModel().select(5));
        assertThat(pane[0].graph().getSelectedNodeId()).as("a row click selects its node").isNotNull()
                .isNotEqualTo(convId);
        interact(() -> pane[0].table().getSelectionModel().select(2));
        assertThat(pane[0].graph().getSelectedNodeId()).isNotEqualTo(convId);
        screenshot("diverge");
        interact(() -> {
            scene.getStylesheets().setAll(WorkbenchTheme.sharedStylesheetUrl(), WorkbenchTheme.DARK.stylesheetUrl());
            pane[0].graph().setTheme(Theme.DARK);
            scene.getRoot().applyCss();
        });
        redraw(pane[0].graph());
        screenshot("diverge-dark");
    }

    @Test
    void aBadSettingIsShownAndNothingRuns() throws Exception {
        Path a = Protos.write(TestModels.convNet(), tmp.resolve("conv.onnx"));
        Model model = new OnnxReader().read(a);
        DivergencePane[] pane = new DivergencePane[1];
        interact(() -> {
            pane[0] = new DivergencePane(services.tasks(), mapper, TestSessions.factory());
            show(pane[0], WorkbenchTheme.LIGHT);
            pane[0].showModel(model);
            pane[0].form().optionsA().setText("graph_optimization_level=fastest");
            pane[0].start();
        });
        assertThat(pane[0].status().getText()).contains("graph_optimization_level").contains("fastest");
        assertThat(pane[0].reportProperty().get()).isNull();
    }

    @Test
    void theSearchRunsOnThePredictFormsInputsWhenTheWindowHandsThemOver() throws Exception {
        Path a = Protos.write(TestModels.convNet(), tmp.resolve("conv.onnx"));
        Model model = new OnnxReader().read(a);
        var predictSet = dev.onnxworkbench.models.runtime.inputs.InputSet.builder(model).randomFill(7).build();
        DivergencePane[] pane = new DivergencePane[1];
        interact(() -> {
            pane[0] = new DivergencePane(services.tasks(), mapper, TestSessions.factory());
            show(pane[0], WorkbenchTheme.LIGHT);
            pane[0].showModel(model);
        });
        assertThat(pane[0].form().predictInputs().isVisible()).isFalse();
        interact(() -> {
            pane[0].form().usePredictInputs(model, predictSet);
            pane[0].form().shapes().setText("not a shape");
        });
        // The form's inputs win: the seed and shapes fields are off and not parsed.
        assertThat(pane[0].form().predictInputs().isSelected()).isTrue();
        assertThat(pane[0].form().shapes().isDisabled()).isTrue();
        assertThat(pane[0].form().request(model).inputs()).isSameAs(predictSet);
        screenshot("diverge-predict-inputs");
        // Unticked, the seed and shapes are used again (and this shape text is refused).
        interact(() -> pane[0].form().predictInputs().setSelected(false));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> pane[0].form().request(model))
                .hasMessageContaining("not");
    }

    @Test
    void diffColoursBothSidesAndAClickCentresTheCounterpart() throws Exception {
        ModelProto original = TestModels.convNet();
        ModelProto edited = DiffViewModelTest.editedConvNet();
        Path a = Protos.write(original, tmp.resolve("v1.onnx"));
        Path b = Protos.write(edited, tmp.resolve("v2.onnx"));
        Model model = new OnnxReader().read(a);

        DiffPane[] pane = new DiffPane[1];
        interact(() -> {
            pane[0] = new DiffPane(services.tasks(), mapper);
            show(pane[0], WorkbenchTheme.LIGHT);
            pane[0].compare(model, b);
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> pane[0].reportProperty().get() != null);
        waitForLayout(pane[0].graphA());
        waitForLayout(pane[0].graphB());
        ModelDiffReport r = pane[0].reportProperty().get();
        assertThat(r.count(ModelDiffReport.Status.ADDED)).isEqualTo(1);
        assertThat(pane[0].graphB().getDecorations().nodes().values()).extracting(d -> d.outline())
                .contains(Outline.ADDED, Outline.CHANGED);
        assertThat(pane[0].graphA().getDecorations().nodes().values()).extracting(d -> d.outline())
                .contains(Outline.CHANGED).doesNotContain(Outline.ADDED);
        assertThat(pane[0].changes().getItems()).extracting(DiffViewModel.ChangeItem::text)
                .anySatisfy(t -> assertThat(t).startsWith("weight changed  conv1.weight").contains("max abs diff"))
                .anySatisfy(t -> assertThat(t).contains("operator: MaxPool → AveragePool"));

        // Selecting the changed pool in the list centres it on both sides.
        DiffViewModel.ChangeItem pool = pane[0].changes().getItems().stream()
                .filter(i -> i.text().contains("AveragePool")).findFirst().orElseThrow();
        interact(() -> pane[0].changes().getSelectionModel().select(pool));
        assertThat(pane[0].graphA().getSelectedNodeId()).isEqualTo(pool.idA());
        assertThat(pane[0].graphB().getSelectedNodeId()).isEqualTo(pool.idB()).isNotNull();
        screenshot("diff");
        interact(() -> {
            scene.getStylesheets().setAll(WorkbenchTheme.sharedStylesheetUrl(), WorkbenchTheme.DARK.stylesheetUrl());
            pane[0].graphA().setTheme(Theme.DARK);
            pane[0].graphB().setTheme(Theme.DARK);
            scene.getRoot().applyCss();
        });
        redraw(pane[0].graphA());
        redraw(pane[0].graphB());
        screenshot("diff-dark");
    }

    private void show(Parent root, WorkbenchTheme theme) {
        // Headless screens are 1000×1000 and a larger window fails to blit: the scene is drawn by snapshots only.
        scene = new Scene(root, WIDTH, HEIGHT);
        scene.getStylesheets().setAll(WorkbenchTheme.sharedStylesheetUrl(), theme.stylesheetUrl());
        root.applyCss();
        root.layout();
    }

    /** A scene that is not in a window gets no pulses: drawing the diagram again paints it in the new theme. */
    private void redraw(GraphView view) throws Exception {
        var diagram = view.getDiagram();
        interact(() -> view.setDiagram(null));
        interact(() -> view.setDiagram(diagram));
        waitForLayout(view);
    }

    private static void waitForLayout(GraphView view) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> view.getDiagram() != null && view.getLayout() != null
                && !view.isLayingOut());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void interact(Runnable action) {
        robot.interact(action);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void screenshot(String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(400); // a theme change re-rasterises the graph in the background
        WaitForAsyncUtils.waitForFxEvents();
        Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
        Files.createDirectories(dir);
        var image = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get(10, TimeUnit.SECONDS);
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", dir.resolve(name + ".png").toFile());
    }
}
