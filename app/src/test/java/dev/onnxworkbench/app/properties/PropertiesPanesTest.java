package dev.onnxworkbench.app.properties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.app.Screenshots;
import dev.onnxworkbench.app.WorkbenchTheme;
import dev.onnxworkbench.app.diagram.CatalogOperatorLookup;
import dev.onnxworkbench.app.diagram.DiagramFixtures;
import dev.onnxworkbench.app.diagram.MappedGraph;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.graph.Node;
import dev.onnxworkbench.models.testing.TestModels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Model and Node sidebar panels on real models, headless, with screenshots in both themes. */
@ExtendWith(ApplicationExtension.class)
class PropertiesPanesTest {
    private static final ExecutorService BACKGROUND = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "test-background");
        t.setDaemon(true);
        return t;
    });

    private Stage stage;
    private final List<String> jumps = new ArrayList<>();

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterAll
    static void stopBackground() {
        BACKGROUND.shutdownNow();
    }

    @Test
    void convNodeShowsVersionInEffectAttributesDefaultsAndFormalNames(FxRobot robot) throws Exception {
        Model model = DiagramFixtures.read(TestModels.convNet());
        MappedGraph mapped = DiagramFixtures.map(model);
        Node conv = model.graph().nodes().getFirst();
        NodePropertiesPane pane = new NodePropertiesPane(new CatalogOperatorLookup(DiagramFixtures.CATALOG),
                navigator(), new dev.onnxworkbench.app.task.FxTaskExecutor(BACKGROUND));
        robot.interact(() -> {
            pane.showNode(conv, mapped, n -> false);
            show(pane, WorkbenchTheme.LIGHT);
        });

        List<String> texts = texts(pane);
        // Opset 17 imported; Conv's definition in effect is the one since version 11.
        assertThat(texts).contains("Conv", "ai.onnx v11", "17", "conv1", "Layer");
        assertThat(texts).containsSubsequence("kernel_shape", "3,3", "int64[]");
        assertThat(texts).contains("auto_pad", "NOTSET  (default)");
        assertThat(texts).containsSubsequence("X", "input", "W", "conv1.weight", "float32⟨8×3×3×3⟩  · weight", "B", "conv1.bias");
        assertThat(texts).containsSubsequence("Y", "conv1_out", "float32[1,8,32,32]");

        // Clicking the weight computes its statistics in the background and shows them.
        robot.interact(() -> links(pane).stream().filter(l -> l.getText().equals("conv1.weight")).findFirst().orElseThrow().fire());
        // The click visibly does something: the weight is flashed and scrolled into view, not left below the fold.
        assertThat(pane.weightFlashed()).isTrue();
        waitUntilDone(robot, pane.weightDetails());
        assertThat(texts(pane)).contains("216", "min", "max", "std", "first values");
        javafx.geometry.Bounds weight = pane.weightDetails().localToScene(pane.weightDetails().getLayoutBounds());
        javafx.geometry.Bounds viewport = pane.localToScene(pane.getLayoutBounds());
        assertThat(weight.getMinY()).as("the weight's top is on screen").isBetween(viewport.getMinY() - 1, viewport.getMaxY());
        robot.interact(() -> Screenshots.save(stage.getScene(), "node-panel"));

        // Clicking the output tensor jumps to its consumer.
        robot.interact(() -> links(pane).stream().filter(l -> l.getText().equals("conv1_out")).findFirst().orElseThrow().fire());
        assertThat(jumps).containsExactly(mapped.consumersOf("conv1_out").getFirst());

        robot.interact(() -> show(pane, WorkbenchTheme.DARK));
        robot.interact(() -> Screenshots.save(stage.getScene(), "node-panel-dark"));
    }

    @Test
    void modelPanelShowsFormatOpsetsIoAndCounts(FxRobot robot) throws Exception {
        Model model = DiagramFixtures.read(TestModels.transformerBlock());
        ModelPropertiesPane pane = new ModelPropertiesPane();
        robot.interact(() -> {
            pane.showModel(model);
            show(pane, WorkbenchTheme.LIGHT);
        });
        List<String> texts = texts(pane);
        assertThat(texts).contains("ONNX v" + model.irVersion(), "ai.onnx v17", "transformer_block");
        assertThat(texts).containsSubsequence("x", "float32[batch,seq,64]");
        assertThat(texts).containsSubsequence("6 ×", "MatMul");
        assertThat(texts).containsSubsequence("parameters", ModelSummary.grouped(ModelSummary.of(model).parameterCount()));
        assertThat(ModelSummary.of(model).parameterCount()).isEqualTo(64 * 2 + 4 * 64 * 64 + 4 + 3 + 1);
        robot.interact(() -> Screenshots.save(stage.getScene(), "model-panel"));
        robot.interact(() -> show(pane, WorkbenchTheme.DARK));
        robot.interact(() -> Screenshots.save(stage.getScene(), "model-panel-dark"));
    }

    @Test
    void constantNodeShowsItsValueStatistics(FxRobot robot) throws Exception {
        Model model = DiagramFixtures.read(TestModels.controlFlow());
        Node ifNode = model.graph().nodes().getFirst();
        MappedGraph thenBranch = DiagramFixtures.CATALOG == null ? null
                : new dev.onnxworkbench.app.diagram.DiagramMapper(new CatalogOperatorLookup(DiagramFixtures.CATALOG))
                        .map(ifNode.subgraphs().getFirst().graph(), dev.onnxworkbench.app.diagram.DiagramOptions.DEFAULT, n -> false);
        NodePropertiesPane pane = new NodePropertiesPane(new CatalogOperatorLookup(DiagramFixtures.CATALOG),
                navigator(), new dev.onnxworkbench.app.task.FxTaskExecutor(BACKGROUND));
        robot.interact(() -> {
            pane.showNode(thenBranch.graph().nodes().getFirst(), thenBranch, n -> false);
            show(pane, WorkbenchTheme.LIGHT);
        });
        // "one" is an initializer of the branch, a scalar 1.0; "x" comes from the outer graph.
        assertThat(texts(pane)).contains("from outer scope").anyMatch(t -> t.startsWith("float32"));
        robot.interact(() -> links(pane).stream().filter(l -> l.getText().equals("one")).findFirst().orElseThrow().fire());
        waitUntilDone(robot, pane.weightDetails());
        assertThat(texts(pane)).containsSubsequence("min", "1", "max", "1");
    }

    /** Names from the model keep their underscores: no mnemonic parsing on buttons and links that show them. */
    @Test
    void subgraphButtonsKeepTheirUnderscores(FxRobot robot) throws Exception {
        Model model = DiagramFixtures.read(TestModels.controlFlow());
        MappedGraph mapped = DiagramFixtures.map(model);
        Node ifNode = model.graph().nodes().getFirst();
        NodePropertiesPane pane = new NodePropertiesPane(new CatalogOperatorLookup(DiagramFixtures.CATALOG),
                navigator(), new dev.onnxworkbench.app.task.FxTaskExecutor(BACKGROUND));
        robot.interact(() -> {
            pane.showNode(ifNode, mapped, n -> false);
            show(pane, WorkbenchTheme.LIGHT);
        });
        List<javafx.scene.control.Labeled> underscored = new ArrayList<>();
        labeledOf(pane, underscored);
        underscored.removeIf(l -> l.getText() == null || !l.getText().contains("_"));
        assertThat(underscored).extracting(javafx.scene.control.Labeled::getText)
                .contains("Open then_branch", "Open else_branch", "if_out");
        assertThat(underscored).allSatisfy(l -> assertThat(l.isMnemonicParsing()).as(l.getText()).isFalse());
    }

    private static void labeledOf(javafx.scene.Node n, List<javafx.scene.control.Labeled> out) {
        if (n instanceof javafx.scene.control.Labeled l) {
            out.add(l);
        }
        if (n instanceof javafx.scene.control.ScrollPane sp && sp.getContent() != null) {
            labeledOf(sp.getContent(), out);
        }
        if (n instanceof Parent p) {
            for (javafx.scene.Node c : p.getChildrenUnmodifiable()) {
                labeledOf(c, out);
            }
        }
    }

    private dev.onnxworkbench.app.properties.NodeNavigator navigator() {
        return new NodeNavigator() {
            @Override
            public void jumpTo(String diagramId) {
                jumps.add(diagramId);
            }

            @Override
            public void openSubgraph(Node owner, Node.NamedGraph subgraph) {
            }

            @Override
            public void openFunction(Node caller) {
            }

            @Override
            public void openLink(String url) {
            }
        };
    }

    private void show(Parent pane, WorkbenchTheme theme) {
        Scene scene = stage.getScene();
        if (scene == null || scene.getRoot() != pane) {
            scene = new Scene(pane, 420, 760);
            stage.setScene(scene);
        }
        scene.getStylesheets().setAll(WorkbenchTheme.sharedStylesheetUrl(), theme.stylesheetUrl());
        stage.show();
        pane.applyCss();
        pane.layout();
    }

    private static void waitUntilDone(FxRobot robot, WeightDetailsPane details) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !details.isComputing());
        WaitForAsyncUtils.waitForFxEvents();
    }

    static List<String> texts(javafx.scene.Node root) {
        List<String> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(javafx.scene.Node n, List<String> out) {
        if (n instanceof Label l) {
            out.add(l.getText());
        } else if (n instanceof Hyperlink h) {
            out.add(h.getText());
        }
        if (n instanceof javafx.scene.control.ScrollPane sp && sp.getContent() != null) {
            collect(sp.getContent(), out);
        }
        if (n instanceof Parent p) {
            for (javafx.scene.Node c : p.getChildrenUnmodifiable()) {
                collect(c, out);
            }
        }
    }

    private static List<Hyperlink> links(javafx.scene.Node root) {
        List<Hyperlink> out = new ArrayList<>();
        linksOf(root, out);
        return out;
    }

    private static void linksOf(javafx.scene.Node n, List<Hyperlink> out) {
        if (n instanceof Hyperlink h) {
            out.add(h);
        }
        if (n instanceof javafx.scene.control.ScrollPane sp && sp.getContent() != null) {
            linksOf(sp.getContent(), out);
        }
        if (n instanceof Parent p) {
            for (javafx.scene.Node c : p.getChildrenUnmodifiable()) {
                linksOf(c, out);
            }
        }
    }
}
