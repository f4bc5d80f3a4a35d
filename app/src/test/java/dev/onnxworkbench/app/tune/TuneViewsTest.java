package dev.onnxworkbench.app.tune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.app.AppServices;
import dev.onnxworkbench.app.WorkbenchTheme;
import dev.onnxworkbench.graphview.DiagramNode;
import dev.onnxworkbench.graphview.GraphView;
import dev.onnxworkbench.graphview.Outline;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionConfig;
import dev.onnxworkbench.models.runtime.TestSessions;
import dev.onnxworkbench.models.testing.OptimizableModels;
import dev.onnxworkbench.models.tune.Candidate;
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

/** Run ▸ Optimized Graph… and Run ▸ Tune… headless on a Conv+BN+Relu model: results shown, screenshots taken. */
class TuneViewsTest {
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 800;

    @TempDir
    Path tmp;

    private final FxRobot robot = new FxRobot();
    private AppServices services;
    private Scene scene;
    private Model model;

    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void setUp() throws Exception {
        services = dev.onnxworkbench.app.TestServices.create(tmp.resolve("data"));
        model = new OnnxReader().read(OptimizableModels.convBnRelu(tmp.resolve("models/conv_bn_relu.onnx")));
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        services.close();
    }

    @Test
    void optimizedGraphShowsTheFusedGraphTheFusionsAndTheHardwareNote() throws Exception {
        OptimizedGraphView[] view = new OptimizedGraphView[1];
        show(() -> view[0] = new OptimizedGraphView(services, TestSessions.factory(),
                dev.onnxworkbench.app.predict.FormInputs.NONE), WorkbenchTheme.LIGHT);
        interact(() -> {
            view[0].showModel(model);
            view[0].level.setValue("extended");
            view[0].optimize.fire();
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> view[0].resultProperty().get() != null
                || view[0].status.getText().startsWith("Not optimized"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view[0].status.getText()).startsWith("9 → 3 nodes");
        assertThat(view[0].summary.getText()).contains("Conv+BatchNormalization+Relu → com.microsoft.FusedConv");
        assertThat(view[0].changes.getItems()).anySatisfy(line -> assertThat(line).startsWith("fused  2 ×"));
        assertThat(view[0].note.getText()).contains("tied to the CPU provider");
        assertThat(view[0].resultProperty().get().out()).startsWith(tmp.resolve("data"));
        // Side by side: the original (9 operators) and the optimized graph (3).
        GraphView original = view[0].diff.graphA();
        GraphView optimized = view[0].diff.graphB();
        assertThat(original.getDiagram().nodes()).filteredOn(n -> n.id().startsWith("node:")).hasSize(9);
        assertThat(optimized.getDiagram().nodes()).filteredOn(n -> n.id().startsWith("node:")).hasSize(3);
        // The original says how each vanished node went: fused (BN and Relu into the FusedConvs), folded
        // (the constant Add), removed (the Identity); all outlined as removed.
        var marksA = original.getDecorations().nodes().values();
        assertThat(marksA).filteredOn(d -> d.badge().equals("fused")).hasSize(4)
                .allSatisfy(d -> {
                    assertThat(d.outline()).isEqualTo(Outline.REMOVED);
                    assertThat(d.tooltip()).startsWith("fused into ").contains("com.microsoft.FusedConv");
                });
        assertThat(marksA).filteredOn(d -> d.badge().equals("folded")).singleElement()
                .satisfies(d -> assertThat(d.outline()).isEqualTo(Outline.REMOVED));
        assertThat(marksA).filteredOn(d -> d.badge().equals("removed")).singleElement()
                .satisfies(d -> assertThat(d.outline()).isEqualTo(Outline.REMOVED));
        // The optimized side outlines the two FusedConvs as new and says what each replaces.
        assertThat(optimized.getDecorations().nodes().values()).filteredOn(d -> d.badge().equals("⊃3")).hasSize(2)
                .allSatisfy(d -> {
                    assertThat(d.outline()).isIn(Outline.ADDED, Outline.CHANGED);
                    assertThat(d.tooltip()).startsWith("com.microsoft.FusedConv replaces ");
                });
        // Clicking a node the optimizer kept (the Mul) on the original selects its match on the optimized side.
        DiagramNode kept = original.getDiagram().nodes().stream().filter(n -> n.title().equals("Mul"))
                .findFirst().orElseThrow();
        assertThat(original.getDecorations().node(kept.id())).satisfiesAnyOf(d -> assertThat(d).isNull(),
                d -> assertThat(d.outline()).isNotEqualTo(Outline.REMOVED));
        interact(() -> original.getOnNodeClicked().accept(kept));
        assertThat(optimized.getSelectedNodeId()).isNotNull();
        assertThat(optimized.getDiagram().nodes()).filteredOn(n -> n.id().equals(optimized.getSelectedNodeId()))
                .singleElement().satisfies(n -> assertThat(n.title()).isEqualTo(kept.title()));
        fitBoth(view[0]);
        screenshot("optimized");
        // The dark theme as a user who works in it opens the window: a new view in a dark scene.
        interact(() -> services.themes().setTheme(WorkbenchTheme.DARK));
        show(() -> view[0] = new OptimizedGraphView(services, TestSessions.factory(),
                dev.onnxworkbench.app.predict.FormInputs.NONE), WorkbenchTheme.DARK);
        interact(() -> {
            view[0].showModel(model);
            view[0].level.setValue("all");
            view[0].optimize.fire();
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> view[0].resultProperty().get() != null);
        // At level all the Relus are still marked fused, even where the diff pairs them by position.
        assertThat(view[0].diff.graphA().getDecorations().nodes().values())
                .filteredOn(d -> d.badge().equals("fused")).hasSize(4);
        assertThat(view[0].diff.changes().getItems().getFirst().styleClass()).isNotEqualTo("diff-model");
        fitBoth(view[0]);
        screenshot("optimized-dark");
    }

    @Test
    void tuneFillsTheTableAndChartAndSavesAConfigThatReadsBack() throws Exception {
        TuneView[] view = new TuneView[1];
        show(() -> view[0] = tuneView(), WorkbenchTheme.LIGHT);
        interact(() -> {
            view[0].showModel(model);
            view[0].budget.setText("8");
            view[0].sizes.setText("N=1");
            view[0].tensorRt.setSelected(false);
            view[0].start.fire();
        });
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> view[0].reportProperty().get() != null
                || view[0].status.getText().startsWith("Not tuned"));
        WaitForAsyncUtils.waitForFxEvents();
        var report = view[0].reportProperty().get();
        assertThat(report).as(view[0].status.getText()).isNotNull();
        assertThat(view[0].table.getItems()).hasSize(report.candidates().size());
        assertThat(view[0].table.getItems()).anySatisfy(c -> {
            assertThat(c.isDefault()).isTrue();
            assertThat(c.status()).isEqualTo(Candidate.Status.MEASURED);
        });
        assertThat(view[0].scatter.getData().getFirst().getData()).isNotEmpty();
        assertThat(view[0].best.getText()).startsWith("Best: CPU");
        assertThat(view[0].save.isDisabled()).isFalse();
        assertThat(view[0].table.getItems()).anySatisfy(c -> assertThat(c.status()).isEqualTo(Candidate.Status.UNAVAILABLE))
                .as("CUDA is listed as unavailable on a machine without it");
        screenshot("tune");

        Path file = tmp.resolve("best.json");
        interact(() -> view[0].save(report, file));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(tmp.resolve("best.py")));
        ProviderSettings saved = SessionConfig.read(file);
        assertThat(saved).isEqualTo(report.best().settings());
        interact(() -> view[0].use.fire());
        assertThat(services.sessionConfig().loaded().settings()).isEqualTo(report.best().settings());

        interact(() -> scene.getStylesheets().setAll(WorkbenchTheme.sharedStylesheetUrl(), WorkbenchTheme.DARK.stylesheetUrl()));
        screenshot("tune-dark");
    }

    @Test
    void badFormValuesAreOneLineAndNothingRuns() throws Exception {
        TuneView[] view = new TuneView[1];
        show(() -> view[0] = tuneView(), WorkbenchTheme.LIGHT);
        interact(() -> {
            view[0].showModel(model);
            view[0].budget.setText("soon");
            view[0].start.fire();
        });
        assertThat(view[0].status.getText()).isEqualTo("Budget (s): give a number of seconds above 0, e.g. 60.");
        assertThat(view[0].table.getItems()).isEmpty();
    }

    private TuneView tuneView() {
        return new TuneView(services, new TuneViewModel(services.tasks(), TestSessions.factory(),
                tmp.resolve("trt"), dev.onnxworkbench.app.predict.FormInputs.NONE));
    }

    private void fitBoth(OptimizedGraphView view) throws Exception {
        for (GraphView graph : new GraphView[] {view.diff.graphA(), view.diff.graphB()}) {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !graph.layingOutProperty().get());
            interact(graph::fitToView);
        }
        Thread.sleep(500); // the layout worker draws the graphs
    }

    private void show(java.util.function.Supplier<Parent> make, WorkbenchTheme theme) {
        interact(() -> {
            // JavaFX's headless screen is small: the scene is drawn by snapshots, not put in a window.
            scene = new Scene(make.get(), WIDTH, HEIGHT);
            scene.getStylesheets().setAll(WorkbenchTheme.sharedStylesheetUrl(), theme.stylesheetUrl());
            scene.getRoot().applyCss();
            scene.getRoot().layout();
        });
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
