package dev.onnxworkbench.app;

import static dev.onnxworkbench.models.testing.Protos.node;
import static dev.onnxworkbench.models.testing.Protos.tensorValue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.graphview.DiagramEdge;
import dev.onnxworkbench.graphview.EdgeDecoration;
import dev.onnxworkbench.graphview.NodeDecoration;
import dev.onnxworkbench.graphview.Outline;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.inspect.TensorReport;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.testing.Protos;
import dev.onnxworkbench.models.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Inside a run, in the window: Run and Inspect puts the shapes a run actually produced on the graph's
 * edges, lists every tensor with its statistics, marks the first NaN; Profile shows per-node time.
 * Screenshots: inspect-edges, inspect-tensor (+ -dark), profile-heat, profile-table, flops-node.
 */
@ExtendWith(ApplicationExtension.class)
class InsightFlowsTest {
    @TempDir
    static Path temp;

    private AppServices services;
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        services = dev.onnxworkbench.app.TestServices.create(Files.createDirectories(temp.resolve("data-" + System.nanoTime())));
        window = new MainWindow(services, stage);
        stage.setWidth(1280);
        stage.setHeight(800);
        stage.show();
    }

    @AfterEach
    void closeServices(FxRobot robot) {
        robot.interact(() -> {
            services.themes().setTheme(WorkbenchTheme.LIGHT);
            stage.hide();
        });
        services.close();
    }

    @Test
    void inspectShowsActualShapesOnEdgesAndStatistics(FxRobot robot) throws Exception {
        Path file = write("transformer.onnx", TestModels.transformerBlock());
        open(robot, file);
        InputSet set = InputSet.builder(window.model()).dim("batch", 2).dim("seq", 5).randomFill(1).build();
        robot.interact(() -> window.insight().runAndInspect(set));
        waitForInsight();

        var inspection = window.insight().inspection().orElseThrow();
        assertThat(inspection.tensors()).isNotEmpty();
        // Until a row is clicked the details area shows a hint, not tensor details (nor a blank half).
        assertThat(window.insight().showsTensorDetails()).isFalse();
        // Every edge whose tensor was inspected shows the shape the run produced, not the declared batch×seq×64.
        var decorations = window.graph().view().getDecorations();
        int labelled = 0;
        for (DiagramEdge edge : window.graph().current().diagram().edges()) {
            var report = inspection.tensor(edge.value() == null ? "" : edge.value());
            EdgeDecoration d = decorations.edge(edge.id());
            if (report.isPresent() && report.get().shape() != null) {
                assertThat(d).as(edge.id()).isNotNull();
                assertThat(d.label()).isEqualTo(joined(report.get().shape()));
                labelled++;
            }
        }
        assertThat(labelled).isGreaterThan(5);
        EdgeDecoration input = window.graph().current().diagram().edges().stream()
                .filter(e -> "x".equals(e.value())).map(e -> decorations.edge(e.id())).findFirst().orElseThrow();
        assertThat(input.label()).isEqualTo("2×5×64");
        assertThat(inspection.tensor("y").orElseThrow().shape()).containsExactly(2, 5, 64);
        shoot(robot, "inspect-edges");

        TensorReport probs = inspection.tensors().stream().filter(t -> t.opType().equals("Softmax")).findFirst().orElseThrow();
        robot.interact(() -> window.insight().selectTensor(probs.name()));
        WaitForAsyncUtils.waitForFxEvents();
        // A softmax row sums to one: its values lie in [0, 1] and the statistics say so.
        assertThat(probs.stats().min()).isGreaterThanOrEqualTo(0);
        assertThat(probs.stats().max()).isLessThanOrEqualTo(1);
        assertThat(probs.histogram().counts()).hasSize(64);
        assertThat(window.insight().selectedTensor()).isEqualTo(probs.name());
        assertThat(window.insight().showsTensorDetails()).isTrue();
        shoot(robot, "inspect-tensor");
        robot.interact(() -> services.themes().setTheme(WorkbenchTheme.DARK));
        WaitForAsyncUtils.waitForFxEvents();
        shoot(robot, "inspect-tensor-dark");

        Path npy = temp.resolve("probs-" + System.nanoTime() + ".npy");
        robot.interact(() -> window.insight().exportNpy(probs, npy));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Files.exists(npy));
        var values = dev.onnxworkbench.models.tensor.TensorFiles.read(npy, new dev.onnxworkbench.models.tensor.TensorRequest("probs", dev.onnxworkbench.models.graph.ElementType.FLOAT, null));
        assertThat(values.shape()).containsExactly(probs.shape());
    }

    @Test
    void nonFiniteNodesAreMarkedAndFirstNaNIsFound(FxRobot robot) throws Exception {
        // x → Neg → Sqrt (NaN for every positive x) → Relu → y
        GraphProto graph = GraphProto.newBuilder().setName("nan")
                .addInput(tensorValue("x", TensorProto.DataType.FLOAT_VALUE, 2L, 3L))
                .addOutput(tensorValue("y", TensorProto.DataType.FLOAT_VALUE, 2L, 3L))
                .addNode(node("Abs", "abs", List.of("x"), List.of("a")))
                .addNode(node("Neg", "neg", List.of("a"), List.of("n")))
                .addNode(node("Sqrt", "sqrt", List.of("n"), List.of("s")))
                .addNode(node("Relu", "relu", List.of("s"), List.of("y")))
                .build();
        Path file = write("nan.onnx", Protos.model(graph, 17).build());
        open(robot, file);
        InputSet set = InputSet.builder(window.model()).randomFill(3).build();
        robot.interact(() -> window.insight().runAndInspect(set));
        waitForInsight();

        var first = window.insight().inspection().orElseThrow().firstNonFinite().orElseThrow();
        assertThat(first.producer()).isEqualTo("sqrt");
        String sqrtId = window.graph().current().producerOf("s").orElseThrow();
        NodeDecoration d = window.graph().view().getDecorations().node(sqrtId);
        assertThat(d.outline()).isEqualTo(Outline.ERROR);
        assertThat(d.badge()).isEqualTo("NaN");
        robot.lookup("#insight-first-nan").queryButton();
        robot.interact(() -> robot.lookup("#insight-first-nan").queryButton().fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.insight().selectedTensor()).isEqualTo("s");
        assertThat(window.graph().view().getSelectedNodeId()).isEqualTo(sqrtId);
    }

    @Test
    void profileShowsTimeHeatTableAndFlops(FxRobot robot) throws Exception {
        Path file = write("conv.onnx", TestModels.convNet());
        open(robot, file);
        InputSet set = InputSet.builder(window.model()).randomFill(1).build();
        robot.interact(() -> {
            window.sidebar().getSelectionModel().select(3);
            window.insight().runAndInspect(set);
        });
        waitForInsight();
        robot.interact(() -> window.insight().runProfile(set));
        waitForInsight();

        assertThat(window.insight().hasProfile()).isTrue();
        String convId = window.graph().current().producerOf("conv1_out").orElseThrow();
        NodeDecoration heat = window.graph().view().getDecorations().node(convId);
        assertThat(heat).as("profiled nodes: %s", robot.lookup("#profile-table").queryTableView().getItems()).isNotNull();
        assertThat(heat.fill()).isNotNull();
        assertThat(heat.badge()).endsWith("ms");
        shoot(robot, "profile-heat");

        Path csv = temp.resolve("profile-" + System.nanoTime() + ".csv");
        Path trace = temp.resolve("profile-" + System.nanoTime() + ".json");
        robot.interact(() -> {
            window.insight().exportProfile(false, csv);
            window.insight().exportProfile(true, trace);
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Files.exists(csv) && Files.exists(trace));
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        assertThat(Files.readString(csv)).startsWith("name,opType,provider").contains(",Conv,CPU,").contains("fc,Gemm");
        assertThat(Files.readString(trace).strip()).startsWith("[").contains("\"fc_kernel_time\"");
        robot.interact(() -> robot.lookup("#profile-table").queryTableView().getSelectionModel().select(0));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.graph().view().getSelectedNodeId()).isNotNull();
        shoot(robot, "profile-table");

        // FLOPs of the convolution at the actual shapes: 2 × (8 × 32 × 32) outputs × (3 × 3 × 3) MACs each, plus bias.
        var conv = window.graph().current().nodesById().get(convId);
        var facts = window.insight().factsFor(conv);
        assertThat(facts.get("FLOPs")).isNotBlank();
        assertThat(facts.get("time")).contains("ms");
        robot.interact(() -> {
            window.insight().showOverlay("FLOPS");
            window.graph().view().setSelectedNodeId(convId);
            window.sidebar().getSelectionModel().select(1);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.graph().view().getDecorations().node(convId).badge()).endsWith("FLOPs");
        assertThat(robot.lookup("#node-run-facts").tryQuery()).isPresent();
        shoot(robot, "flops-node");
    }

    private static String joined(long[] shape) {
        StringBuilder s = new StringBuilder();
        for (long d : shape) {
            s.append(s.isEmpty() ? "" : "×").append(d);
        }
        return s.isEmpty() ? "scalar" : s.toString();
    }

    private void waitForInsight() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.insight().isBusy());
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.sleep(150, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Path write(String name, dev.onnxworkbench.models.onnx.proto.ModelProto model) throws Exception {
        Path dir = Files.createDirectories(temp.resolve("models-" + System.nanoTime()));
        return Files.write(dir.resolve(name), model.toByteArray());
    }

    private void open(FxRobot robot, Path file) throws Exception {
        robot.interact(() -> window.open(file));
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !window.isOpening() && !window.graph().isMapping());
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !window.graph().view().isLayingOut());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void shoot(FxRobot robot, String name) {
        robot.interact(() -> Screenshots.save(stage.getScene(), name));
    }
}
