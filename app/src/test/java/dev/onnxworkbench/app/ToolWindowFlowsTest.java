package dev.onnxworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.models.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every tool window opened from the main window's menus at 1280×800 and 1024×700, as a new user met them:
 * each flow fails on the defect it guards (a dead button, a cut column, a ghost row, text past the edge, a
 * window Escape cannot close) and leaves a screenshot, light and dark, under target/screenshots/.
 */
@ExtendWith(ApplicationExtension.class)
class ToolWindowFlowsTest {
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

    @ParameterizedTest
    @ValueSource(strings = {"1280x800", "1024x700"})
    void compareWithModelReadiesItsDivergenceTab(String size, FxRobot robot) throws Exception {
        Path conv = write("conv.onnx", TestModels.convNet().toByteArray());
        Path other = write("conv-other.onnx", TestModels.convNet().toByteArray());
        open(robot, conv);
        robot.interact(() -> window.openDiff(other));
        Stage tool = toolStage("Compare Runs");
        resize(robot, tool, size);
        var pane = window.compareRunsWindow().divergence();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> pane.graph().getDiagram() != null);
        // Run B is the model chosen in the dialog, not "the same model"; the graph is drawn.
        assertThat(pane.form().referenceModel().getText()).isEqualTo(other.toString());
        assertThat(pane.inputs().getText()).startsWith("Inputs: ");
        robot.interact(() -> window.compareRunsWindow().stage().getScene().lookup("#divergence-find")
                .fireEvent(new javafx.event.ActionEvent()));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> pane.reportProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pane.status().getText()).as("Find Divergence ran").startsWith("No tensor diverges");
        assertThat(pane.inputs().getText()).as("the result names its inputs").matches("Inputs: \\S+ float32\\[.*");
        assertWithinWidth(pane.status(), tool);
        shootBoth(robot, tool, "compare-with-model-diff-" + size);
        robot.interact(() -> ((javafx.scene.control.TabPane) tool.getScene().getRoot()).getSelectionModel().select(0));
        shootBoth(robot, tool, "compare-with-model-" + size);
        closesWith(robot, tool, KeyCode.ESCAPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1280x800", "1024x700"})
    void compareProvidersHasNoGhostRowsAndScrollsToItsLastColumns(String size, FxRobot robot) throws Exception {
        open(robot, write("conv.onnx", TestModels.convNet().toByteArray()));
        robot.interact(() -> fire("Run", "Compare Providers…"));
        Stage tool = toolStage("Compare Providers");
        resize(robot, tool, size);
        Button run = (Button) tool.getScene().lookup("#compare-run");
        robot.interact(run::fire);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !run.isDisabled()
                && ((Label) tool.getScene().lookup("#compare-status")).getText().startsWith("Done"));
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        TableView<Object> table = (TableView<Object>) tool.getScene().lookup(".results-table");
        int items = table.getItems().size();
        assertThat(items).isPositive();
        // No row without a provider shows a failure: empty rows are empty.
        for (Node n : table.lookupAll(".table-row-cell")) {
            TableRow<?> row = (TableRow<?>) n;
            if (row.isEmpty() || row.getItem() == null) {
                assertThat(row.lookupAll(".status-reason")).as("an empty row shows no failure text").isEmpty();
            }
        }
        // The last columns (p99, items/s, agreement) are reachable: wider than the table means a scroll bar.
        double columns = table.getColumns().stream().mapToDouble(c -> c.getWidth()).sum();
        if (columns > table.getWidth()) {
            assertThat(table.lookupAll(".scroll-bar").stream().map(ScrollBar.class::cast)
                    .filter(b -> b.getOrientation() == javafx.geometry.Orientation.HORIZONTAL)
                    .anyMatch(Node::isVisible)).as("a horizontal scroll bar").isTrue();
        }
        Label note = (Label) tool.getScene().lookup("#compare-timing-note");
        assertThat(note.getText()).contains("Predict");
        assertThat(note.isVisible()).isTrue();
        shootBoth(robot, tool, "compare-providers-" + size);
        closesWith(robot, tool, KeyCode.W);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1280x800", "1024x700"})
    void tuneRefusesOnALineThatWrapsAndStartsFromTheForm(String size, FxRobot robot) throws Exception {
        open(robot, write("conv.onnx", TestModels.convNet().toByteArray()));
        robot.interact(() -> fire("Run", "Tune…"));
        Stage tool = toolStage("Tune");
        resize(robot, tool, size);
        Label status = (Label) tool.getScene().lookup("#tune-status");
        assertThat(status.getText()).contains("Predict form");
        TextField sizes = (TextField) tool.getScene().getRoot().lookupAll(".text-field").stream()
                .filter(n -> ((TextField) n).getPromptText() != null && ((TextField) n).getPromptText().contains("sizes"))
                .findFirst().orElseThrow();
        robot.interact(() -> {
            sizes.setText("nonsense=1,2,3 more=x");
            ((Button) tool.getScene().getRoot().lookupAll(".button").stream()
                    .filter(n -> ((Button) n).getText().equals("Tune")).findFirst().orElseThrow()).fire();
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> status.getText().startsWith("Inputs:"));
        WaitForAsyncUtils.waitForFxEvents();
        assertWithinWidth(status, tool);
        shootBoth(robot, tool, "tune-refusal-" + size);
        closesWith(robot, tool, KeyCode.ESCAPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1280x800", "1024x700"})
    void optimizedGraphSaysNothingBeforeItRanThenNamesItsInputs(String size, FxRobot robot) throws Exception {
        open(robot, write("conv.onnx", TestModels.convNet().toByteArray()));
        robot.interact(() -> fire("Run", "Optimized Graph…"));
        Stage tool = toolStage("Optimized Graph");
        resize(robot, tool, size);
        ListView<?> changes = (ListView<?>) tool.getScene().lookup("#diff-changes");
        assertThat(((Label) changes.getPlaceholder()).getText()).isEqualTo("Nothing compared yet.");
        Label inputs = (Label) tool.getScene().lookup("#optimized-inputs");
        assertThat(inputs.getText()).contains("Predict form");
        robot.interact(() -> ((Button) tool.getScene().getRoot().lookupAll(".button").stream()
                .filter(n -> ((Button) n).getText().equals("Optimize")).findFirst().orElseThrow()).fire());
        Label status = (Label) tool.getScene().lookup("#optimized-status");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> status.getText().contains(" → ")
                || status.getText().startsWith("Not optimized"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(status.getText()).contains(" nodes");
        assertThat(inputs.getText()).startsWith("Inputs: ");
        assertWithinWidth(status, tool);
        // The summary and the hardware note beside the graphs are whole sentences, not cut with "…".
        for (Node n : tool.getScene().getRoot().lookupAll(".optimize-summary, .hardware-note")) {
            assertNotCut((Label) n);
        }
        shootBoth(robot, tool, "optimized-graph-" + size);
        closesWith(robot, tool, KeyCode.W);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1280x800", "1024x700"})
    void serveNamesItsInputsAndClosesWithEscape(String size, FxRobot robot) throws Exception {
        open(robot, write("conv.onnx", TestModels.convNet().toByteArray()));
        robot.interact(() -> fire("Run", "Serve…"));
        Stage tool = toolStage("Serve");
        resize(robot, tool, size);
        Label inputs = (Label) tool.getScene().lookup(".serve-inputs");
        assertThat(inputs.getText()).contains("Predict form");
        Label status = (Label) tool.getScene().lookup(".serve-status");
        assertWithinWidth(status, tool);
        shootBoth(robot, tool, "serve-" + size);
        closesWith(robot, tool, KeyCode.ESCAPE);
    }


    @ParameterizedTest
    @ValueSource(strings = {"1280x800", "1024x700"})
    void modelDiffListsEveryChangeWholeAndAClickFollowsIt(String size, FxRobot robot) throws Exception {
        Path a = write("v1.onnx", TestModels.convNet().toByteArray());
        var edited = TestModels.convNet().toBuilder();
        var g = edited.getGraphBuilder();
        for (int i = 0; i < g.getNodeCount(); i++) {
            if (g.getNode(i).getOpType().equals("MaxPool")) {
                g.setNode(i, g.getNode(i).toBuilder().setOpType("AveragePool"));
            }
        }
        dev.onnxworkbench.models.testing.WeightScaler.scaleConvWeight(edited, 0, 1.05f);
        Path b = write("v2-with-a-long-name-that-tells-it-apart.onnx", edited.build().toByteArray());
        open(robot, a);
        robot.interact(() -> window.openDiff(b));
        Stage tool = toolStage("Compare Runs");
        resize(robot, tool, size);
        var diff = window.compareRunsWindow().diff();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> diff.reportProperty().get() != null
                && !diff.graphA().isLayingOut() && !diff.graphB().isLayingOut());
        WaitForAsyncUtils.waitForFxEvents();
        Label summary = (Label) tool.getScene().lookup("#diff-summary");
        assertThat(summary.getText()).contains("changed");
        assertWithinWidth(summary, tool);
        ListView<?> changes = (ListView<?>) tool.getScene().lookup("#diff-changes");
        assertThat(changes.getItems()).hasSizeGreaterThanOrEqualTo(2);
        assertCellsNotCut(changes);
        // The list's lines are live: choosing the changed pool selects it on both sides.
        Object pool = changes.getItems().stream().filter(i -> i.toString().contains("AveragePool")).findFirst()
                .orElseThrow();
        robot.interact(() -> changes.getSelectionModel().select(changes.getItems().indexOf(pool)));
        assertThat(diff.graphA().getSelectedNodeId()).isNotNull();
        assertThat(diff.graphB().getSelectedNodeId()).isNotNull();
        shootBoth(robot, tool, "model-diff-" + size);
        closesWith(robot, tool, KeyCode.ESCAPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1280x800", "1024x700"})
    void findDivergenceFromTheRunMenuNamesTheScaledWeightInAWholeTable(String size, FxRobot robot) throws Exception {
        Path a = write("conv.onnx", TestModels.convNet().toByteArray());
        var scaled = TestModels.convNet().toBuilder();
        dev.onnxworkbench.models.testing.WeightScaler.scaleConvWeight(scaled, 0, 1.05f);
        Path b = write("conv-scaled.onnx", scaled.build().toByteArray());
        open(robot, a);
        robot.interact(() -> fire("Run", "Find Divergence…"));
        Stage tool = toolStage("Compare Runs");
        resize(robot, tool, size);
        var pane = window.compareRunsWindow().divergence();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> pane.graph().getDiagram() != null);
        robot.interact(() -> pane.form().referenceModel().setText(b.toString()));
        robot.interact(() -> ((Button) tool.getScene().lookup("#divergence-find")).fire());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> pane.reportProperty().get() != null
                || pane.status().getText().contains("failed"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pane.status().getText()).as("Find Divergence ran").startsWith("First divergent tensor:");
        assertWithinWidth(pane.status(), tool);
        TableView<?> table = (TableView<?>) tool.getScene().lookup("#divergence-table");
        assertThat(table.getItems()).isNotEmpty();
        assertHeadersNotCut(table);
        assertNoGhostRows(table);
        shootBoth(robot, tool, "find-divergence-" + size);
        closesWith(robot, tool, KeyCode.W);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1280x800", "1024x700"})
    void insideShowsWholeShapesAndItsButtonsWork(String size, FxRobot robot) throws Exception {
        resize(robot, stage, size);
        open(robot, write("conv.onnx", TestModels.convNet().toByteArray()));
        // As a user would: fill the Predict form (Random), then Run ▸ Run and Inspect runs on it.
        robot.interact(() -> ((Button) stage.getScene().lookup("#predict-random")).fire());
        robot.interact(() -> fire("Run", "Run and Inspect"));
        WaitForAsyncUtils.waitForFxEvents();
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.insight().inspection().isPresent()
                    && !window.insight().isBusy());
        } catch (java.util.concurrent.TimeoutException e) {
            robot.interact(() -> Screenshots.save(stage.getScene(), "inside-" + size + "-timeout"));
            throw new AssertionError("Run and Inspect did not finish: " + stage.getScene().getRoot()
                    .lookupAll(".insight-pane .label").stream().map(n -> ((Label) n).getText()).toList(), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> tensors = (TableView<?>) stage.getScene().lookup("#inspect-tensors");
        assertThat(tensors.getItems()).isNotEmpty();
        assertHeadersNotCut(tensors);
        assertNoGhostRows(tensors);
        // The shape column shows whole shapes (it showed "1×16×32…").
        for (Node n : tensors.lookupAll(".table-cell")) {
            javafx.scene.control.Labeled cell = (javafx.scene.control.Labeled) n;
            if (cell.getText() != null && cell.getText().matches("[0-9]+(×[0-9]+)+")) {
                assertNotCut(cell);
            }
        }
        robot.interact(() -> Screenshots.save(stage.getScene(), "inside-tensors-" + size));
        // Profile Nodes is live after a run; its table fits and its exports come alive with the profile.
        Button profile = (Button) stage.getScene().lookup("#insight-profile");
        Button export = (Button) stage.getScene().lookup("#insight-export-csv");
        assertThat(profile.isDisabled()).as("Profile Nodes after a run").isFalse();
        robot.interact(profile::fire);
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> window.insight().hasProfile() && !window.insight().isBusy());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(export.isDisabled()).as("Export CSV once profiled").isFalse();
        TableView<?> nodes = (TableView<?>) stage.getScene().lookup("#profile-table");
        robot.interact(() -> {
            for (Node n : stage.getScene().getRoot().lookupAll(".tab-pane")) {
                javafx.scene.control.TabPane tabs = (javafx.scene.control.TabPane) n;
                tabs.getTabs().stream().filter(t -> t.getContent() != null && t.getContent().lookup("#profile-table") != null)
                        .findFirst().ifPresent(t -> tabs.getSelectionModel().select(t));
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(nodes.getItems()).isNotEmpty();
        assertHeadersNotCut(nodes);
        assertNoGhostRows(nodes);
        robot.interact(() -> Screenshots.save(stage.getScene(), "inside-" + size));
        robot.interact(() -> services.themes().setTheme(WorkbenchTheme.DARK));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> Screenshots.save(stage.getScene(), "inside-" + size + "-dark"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1280x800", "1024x700"})
    void batchPredictionsMapsRunsAndListsItsJobWithoutGhostRows(String size, FxRobot robot) throws Exception {
        Path model = dev.onnxworkbench.models.samples.SampleModels.weightChange(
                Files.createDirectories(temp.resolve("batch-" + System.nanoTime())));
        Path people = model.resolveSibling("people.db");
        dev.onnxworkbench.models.batch.BatchTestData.table("jdbc:sqlite:" + people, "people", 200, true);
        Path out = model.resolveSibling("out.db");
        open(robot, model);
        robot.interact(() -> fire("File", "Batch Predictions…"));
        Stage tool = toolStage("Batch Predictions");
        resize(robot, tool, size);
        var vm = window.batchViewModel();
        robot.interact(() -> {
            vm.sourceKindProperty().set(dev.onnxworkbench.app.batch.BatchViewModel.Kind.SQLITE);
            vm.sourceLocationProperty().set(people.toString());
            vm.sourceTableProperty().set("people");
            vm.sinkKindProperty().set(dev.onnxworkbench.app.batch.BatchViewModel.Kind.SQLITE);
            vm.sinkLocationProperty().set(out.toString());
            vm.sinkTableProperty().set("predictions");
            vm.keyProperty().set("id");
        });
        robot.interact(() -> buttonNamed(tool, "Load Columns").fire());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.statusProperty().get().contains("every input"));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> buttonNamed(tool, "Start").fire());
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !vm.statusProperty().get().startsWith("Opening")
                && !vm.runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.statusProperty().get()).as("the job ran").contains("200");
        Label status = (Label) tool.getScene().lookup(".batch-status");
        assertWithinWidth(status, tool);
        for (Node n : tool.getScene().getRoot().lookupAll(".table-view")) {
            TableView<?> table = (TableView<?>) n;
            if (table.isVisible()) {
                assertHeadersNotCut(table);
                assertNoGhostRows(table);
            }
        }
        shootBoth(robot, tool, "batch-predictions-" + size);
        closesWith(robot, tool, KeyCode.ESCAPE);
    }

    // ---- helpers ----

    private static Button buttonNamed(Stage tool, String text) {
        return (Button) tool.getScene().getRoot().lookupAll(".button").stream()
                .filter(n -> text.equals(((Button) n).getText())).findFirst()
                .orElseThrow(() -> new AssertionError("no button " + text));
    }

    /** Every column title is shown whole (a cut title hides what the column is). */
    private static void assertHeadersNotCut(TableView<?> table) {
        for (Node n : table.lookupAll(".column-header .label")) {
            Label title = (Label) n;
            if (title.getText() != null && !title.getText().isEmpty() && title.isVisible()) {
                assertNotCut(title);
            }
        }
    }

    /** A row with no item shows nothing: no text, no graphic left behind by a reused cell. */
    private static void assertNoGhostRows(TableView<?> table) {
        for (Node n : table.lookupAll(".table-row-cell")) {
            TableRow<?> row = (TableRow<?>) n;
            if (row.isEmpty() || row.getItem() == null) {
                for (Node c : row.lookupAll(".table-cell")) {
                    javafx.scene.control.Labeled cell = (javafx.scene.control.Labeled) c;
                    assertThat(cell.getText() == null || cell.getText().isEmpty()).as("empty row text").isTrue();
                    assertThat(cell.getGraphic()).as("an empty row shows no graphic").isNull();
                }
            }
        }
    }

    /** Every shown line of a list is whole, not ended with "…". */
    private static void assertCellsNotCut(ListView<?> list) {
        for (Node n : list.lookupAll(".list-cell")) {
            javafx.scene.control.Labeled cell = (javafx.scene.control.Labeled) n;
            if (cell.getText() != null && !cell.getText().isEmpty()) {
                assertNotCut(cell);
            }
        }
    }

    private void open(FxRobot robot, Path file) throws Exception {
        robot.interact(() -> window.open(file));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.model() != null && !window.isOpening()
                && !window.graph().view().isLayingOut());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Path write(String name, byte[] bytes) throws Exception {
        Path dir = Files.createDirectories(temp.resolve("models-" + System.nanoTime()));
        return Files.write(dir.resolve(name), bytes);
    }

    /** Fires a menu item of the main window by its menu's and its own text. */
    private void fire(String menu, String item) {
        MenuBar bar = (MenuBar) stage.getScene().getRoot().lookup(".menu-bar");
        MenuItem found = bar.getMenus().stream().filter(m -> m.getText().equals(menu)).findFirst().orElseThrow()
                .getItems().stream().filter(i -> item.equals(i.getText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + menu + " ▸ " + item));
        found.fire();
    }

    private Stage toolStage(String titlePrefix) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Window.getWindows().stream()
                .anyMatch(w -> w instanceof Stage s && s.isShowing() && s.getTitle().startsWith(titlePrefix)));
        return (Stage) Window.getWindows().stream()
                .filter(w -> w instanceof Stage s && s.isShowing() && s.getTitle().startsWith(titlePrefix))
                .findFirst().orElseThrow();
    }

    private static void resize(FxRobot robot, Stage tool, String size) {
        String[] wh = size.split("x");
        robot.interact(() -> {
            tool.setWidth(Integer.parseInt(wh[0]));
            tool.setHeight(Integer.parseInt(wh[1]));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The label's text ends inside the window: wrapped, never past the right edge. */
    private static void assertWithinWidth(Label label, Stage tool) {
        Bounds b = label.localToScene(label.getLayoutBounds());
        assertThat(b.getMaxX()).as("'%s' ends inside the window", label.getText())
                .isLessThanOrEqualTo(tool.getScene().getWidth() + 0.5);
        javafx.scene.text.Text text = (javafx.scene.text.Text) label.lookup(".text");
        if (text != null) {
            assertThat(text.getText()).as("not ellipsized").doesNotEndWith("…").doesNotEndWith("...");
        }
    }

    /** The label shows all its text: JavaFX cuts it with "…" when it gets less height or width than it needs. */
    private static void assertNotCut(javafx.scene.control.Labeled label) {
        javafx.scene.text.Text shown = (javafx.scene.text.Text) label.lookup(".text");
        assertThat(shown.getText().replace("\n", " ").replaceAll("\\s+", " ").strip())
                .as("'%s' shown whole", label.getText())
                .isEqualTo(label.getText().replace("\n", " ").replaceAll("\\s+", " ").strip());
    }

    private void shootBoth(FxRobot robot, Stage tool, String name) {
        robot.interact(() -> Screenshots.save(tool.getScene(), name));
        robot.interact(() -> services.themes().setTheme(WorkbenchTheme.DARK));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> Screenshots.save(tool.getScene(), name + "-dark"));
        robot.interact(() -> services.themes().setTheme(WorkbenchTheme.LIGHT));
    }

    /** Escape or Ctrl+W, pressed in the tool window, closes it. */
    private static void closesWith(FxRobot robot, Stage tool, KeyCode key) throws Exception {
        robot.interact(() -> {
            Parent root = tool.getScene().getRoot();
            boolean shortcut = key == KeyCode.W;
            javafx.event.Event.fireEvent(root, new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_PRESSED,
                    "", "", key, false, shortcut, false, false));
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(tool.isShowing()).as(key + " closes " + tool.getTitle()).isFalse();
    }
}
