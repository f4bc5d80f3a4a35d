package dev.onnxworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.TKClipboard;
import dev.onnxworkbench.app.diagram.DiagramFixtures;
import dev.onnxworkbench.graphview.DiagramNode;
import dev.onnxworkbench.models.graph.Node;
import dev.onnxworkbench.models.samples.SampleModels;
import dev.onnxworkbench.models.testing.Protos;
import dev.onnxworkbench.models.testing.TestModels;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.event.Event;
import javafx.scene.image.Image;
import javafx.util.Pair;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
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
 * The window's user flows, headless, each ending in a screenshot named after the flow
 * (target/screenshots/launch.png, drop.png, second.png, node.png, find.png, subgraph.png, refuse.png).
 */
@ExtendWith(ApplicationExtension.class)
class WindowFlowsTest {
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
            stage.hide(); // saves the window placement while the test's preferences still exist
        });
        services.close();
    }

    @Test
    void launch(FxRobot robot) throws Exception {
        Path data = services.dataDirectory();
        robot.interact(() -> window.open(() -> SampleModels.materialize(data.resolve("samples")).getFirst(), "the sample model"));
        settle();
        assertThat(window.model().path().getFileName().toString()).isEqualTo(SampleModels.WEIGHT_CHANGE_FILE);
        assertThat(window.graph().current().diagram().nodes()).anyMatch(n -> n.kind() == DiagramNode.Kind.INPUT);
        assertThat(stage.getTitle()).startsWith(SampleModels.WEIGHT_CHANGE_FILE);
        shoot(robot, "launch");
        robot.interact(() -> services.themes().setTheme(WorkbenchTheme.DARK));
        settle();
        shoot(robot, "launch-dark");
    }

    @Test
    void drop(FxRobot robot) throws Exception {
        Path conv = write("conv.onnx", TestModels.convNet().toByteArray());
        robot.interact(() -> fireDrag(DragEvent.DRAG_OVER, conv));
        assertThat(window.dropTarget().isVisible()).isTrue();
        assertThat(window.dropTarget().hintText()).isEqualTo("Drop to open conv.onnx");
        shoot(robot, "drop-target");

        robot.interact(() -> fireDrag(DragEvent.DRAG_DROPPED, conv));
        settle();
        assertThat(window.dropTarget().isVisible()).isFalse();
        assertThat(window.model().path()).isEqualTo(conv);
        assertThat(window.graph().current().diagram().nodes()).extracting(DiagramNode::title).contains("Conv", "Gemm");
        shoot(robot, "drop");
    }

    @Test
    void second(FxRobot robot) throws Exception {
        Path conv = write("conv.onnx", TestModels.convNet().toByteArray());
        Path transformer = write("transformer.onnx", TestModels.transformerBlock().toByteArray());
        openAndSettle(robot, conv);
        openAndSettle(robot, transformer);

        assertThat(window.model().path()).isEqualTo(transformer);
        assertThat(window.graph().current().diagram().nodes()).extracting(DiagramNode::title).contains("Softmax");
        assertThat(window.recentFiles().list()).startsWith(transformer.toAbsolutePath(), conv.toAbsolutePath());
        assertThat(stage.getTitle()).isEqualTo("transformer.onnx — ONNX Workbench");
        shoot(robot, "second");
    }

    @Test
    void node(FxRobot robot) throws Exception {
        Path conv = write("conv.onnx", TestModels.convNet().toByteArray());
        openAndSettle(robot, conv);
        String convId = window.graph().current().nodesById().entrySet().stream()
                .filter(e -> e.getValue().opType().equals("Conv")).findFirst().orElseThrow().getKey();
        robot.interact(() -> window.graph().view().setSelectedNodeId(convId));
        settle();

        assertThat(window.sidebar().getSelectionModel().getSelectedItem().getText()).isEqualTo("Node");
        List<String> texts = texts(window.nodeProperties());
        assertThat(texts).contains("Conv", "ai.onnx v11", "17");
        assertThat(texts).containsSubsequence("kernel_shape", "3,3").containsSubsequence("strides", "1,1");
        shoot(robot, "node");
        robot.interact(() -> services.themes().setTheme(WorkbenchTheme.DARK));
        settle();
        shoot(robot, "node-dark");
    }

    @Test
    void find(FxRobot robot) throws Exception {
        Path transformer = write("transformer.onnx", TestModels.transformerBlock().toByteArray());
        openAndSettle(robot, transformer);
        robot.interact(window::openFind);
        robot.interact(() -> window.find().field().setText("probs"));
        robot.interact(() -> window.find().field().requestFocus());
        robot.type(KeyCode.ENTER);
        settle();

        String selected = window.graph().view().getSelectedNodeId();
        Node node = window.graph().current().nodesById().get(selected);
        assertThat(node.name()).isEqualTo("softmax");
        assertThat(window.graph().view().getHighlightedNodeIds()).contains(selected);
        shoot(robot, "find");
    }

    @Test
    void subgraph(FxRobot robot) throws Exception {
        Path file = DiagramFixtures.TEST_DATA.resolve("node/test_if/model.onnx");
        if (!Files.exists(file)) {
            file = write("control.onnx", TestModels.controlFlow().toByteArray());
        }
        openAndSettle(robot, file);
        String ifId = window.graph().current().nodesById().entrySet().stream()
                .filter(e -> e.getValue().opType().equals("If")).findFirst().orElseThrow().getKey();
        robot.interact(() -> window.graph().view().setSelectedNodeId(ifId));
        settle();
        // The user zoomed and panned before going in; Alt+← must bring this view back, not the first view.
        robot.interact(() -> {
            window.graph().view().zoomAt(1.7, 120, 90);
            window.graph().view().panBy(-35, 20);
        });
        var leftAt = window.graph().view().getViewport();
        Button open = find(window.nodeProperties(), Button.class, b -> b.getText().equals("Open then_branch"));
        robot.interact(open::fire);
        settle();

        assertThat(window.graph().levels()).hasSize(2);
        assertThat(window.graph().levels().getLast().title()).endsWith("then_branch");
        Node ifNode = window.graph().levels().getFirst().mapped().nodesById().get(ifId);
        assertThat(window.graph().current().graph()).isSameAs(ifNode.subgraphs().stream()
                .filter(g -> g.attributeName().equals("then_branch")).findFirst().orElseThrow().graph());
        shoot(robot, "subgraph");

        // The crumbs keep the underscore of "then_branch" (no mnemonic parsing).
        Button here = find(window.graph(), Button.class, b -> b.getStyleClass().contains("breadcrumb-crumb")
                && b.getText().endsWith("then_branch"));
        assertThat(here.isMnemonicParsing()).isFalse();

        // Alt+← with the graph focused goes back (the graph control used to eat it and pan).
        robot.interact(() -> window.graph().view().requestFocus());
        robot.press(KeyCode.ALT, KeyCode.LEFT).release(KeyCode.LEFT, KeyCode.ALT);
        settle();
        assertThat(window.graph().levels()).hasSize(1);
        var back = window.graph().view().getViewport();
        assertThat(back.scale()).as("the zoom it left").isCloseTo(leftAt.scale(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(back.translateX()).isCloseTo(leftAt.translateX(), org.assertj.core.data.Offset.offset(0.5));
        assertThat(back.translateY()).isCloseTo(leftAt.translateY(), org.assertj.core.data.Offset.offset(0.5));

        // And the breadcrumb's first crumb goes back as well.
        robot.interact(open::fire);
        settle();
        assertThat(window.graph().levels()).hasSize(2);
        Button root = find(window.graph(), Button.class, b -> b.getStyleClass().contains("breadcrumb-crumb")
                && !b.getText().endsWith("then_branch"));
        robot.interact(root::fire);
        settle();
        assertThat(window.graph().levels()).hasSize(1);
        assertThat(window.graph().current().diagram().nodes()).extracting(DiagramNode::title).contains("If");
        shoot(robot, "subgraph-back");
    }

    /**
     * The window fits 1280×800 and 1024×700: the status bar is on screen, the sidebar ends above it,
     * and every sidebar tab scrolls to its last row.
     */
    @Test
    void windowFitsSmallScreens(FxRobot robot) throws Exception {
        Path transformer = write("transformer.onnx", TestModels.transformerBlock().toByteArray());
        openAndSettle(robot, transformer);
        for (int[] size : new int[][] {{1280, 800}, {1024, 700}}) {
            for (WorkbenchTheme theme : WorkbenchTheme.values()) {
                robot.interact(() -> {
                    services.themes().setTheme(theme);
                    stage.setWidth(size[0]);
                    stage.setHeight(size[1]);
                });
                settle();
                var scene = stage.getScene();
                var root = (javafx.scene.layout.BorderPane) scene.getRoot();
                javafx.geometry.Bounds status = root.getBottom().localToScene(root.getBottom().getLayoutBounds());
                assertThat(root.getBottom().isVisible()).isTrue();
                assertThat(status.getMaxY()).as("status bar bottom at %dx%d", size[0], size[1]).isLessThanOrEqualTo(scene.getHeight() + 0.5);
                javafx.geometry.Bounds sidebar = window.sidebar().localToScene(window.sidebar().getLayoutBounds());
                assertThat(sidebar.getMaxY()).as("sidebar bottom").isLessThanOrEqualTo(status.getMinY() + 0.5);
                String name = theme == WorkbenchTheme.DARK ? "window-" + size[0] + "x" + size[1] + "-dark" : "window-" + size[0] + "x" + size[1];
                shoot(robot, name);
            }
        }
        robot.interact(() -> services.themes().setTheme(WorkbenchTheme.LIGHT));
        // Every tab's content scrolls to its end: the last row can be brought into view.
        String softmax = window.graph().current().nodesById().entrySet().stream()
                .filter(e -> e.getValue().opType().equals("Softmax")).findFirst().orElseThrow().getKey();
        robot.interact(() -> window.graph().view().setSelectedNodeId(softmax));
        settle();
        for (String tab : List.of("Model", "Node", "Predict")) {
            robot.interact(() -> window.sidebar().getSelectionModel().select(window.sidebar().getTabs().stream()
                    .filter(t -> t.getText().equals(tab)).findFirst().orElseThrow()));
            settle();
            javafx.scene.control.ScrollPane scroll = find(window.sidebar().getSelectionModel().getSelectedItem().getContent(),
                    javafx.scene.control.ScrollPane.class, sp -> true);
            robot.interact(() -> {
                scroll.setVvalue(scroll.getVmax());
                scroll.layout();
            });
            WaitForAsyncUtils.waitForFxEvents();
            javafx.geometry.Bounds viewport = scroll.localToScene(scroll.getLayoutBounds());
            javafx.geometry.Bounds content = scroll.getContent().localToScene(scroll.getContent().getLayoutBounds());
            assertThat(content.getMaxY()).as("%s tab: end of content within its viewport", tab)
                    .isLessThanOrEqualTo(viewport.getMaxY() + 1);
            assertThat(viewport.getMaxY()).as("%s tab: viewport on screen", tab).isLessThanOrEqualTo(stage.getScene().getHeight());
            shoot(robot, "window-1024x700-" + tab.toLowerCase(java.util.Locale.ROOT) + "-end");
        }
    }

    /** Find looks into every body: a match inside a Loop inside an If opens that body and centres the box. */
    @Test
    void findSubgraphs(FxRobot robot) throws Exception {
        Path file = write("nested.onnx", dev.onnxworkbench.app.diagram.NestedModels.ifWithLoopBodies(600).toByteArray());
        openAndSettle(robot, file);
        robot.interact(window::openFind);
        robot.interact(() -> window.find().field().setText("softmax"));
        settleFind();
        assertThat(window.find().result().total()).isEqualTo(1201);
        assertThat(texts(window.find())).contains("1,201 matches, first 500 listed");

        robot.interact(() -> window.find().field().setText("LSTM"));
        settleFind();
        var results = window.find().results().getItems();
        int lstm3 = results.indexOf(results.stream().filter(m -> m.text().equals("LSTM_3")).findFirst().orElseThrow());
        assertThat(results.get(lstm3).where()).isEqualTo("If_0 ▸ then_branch ▸ Loop_1 ▸ body ▸ LSTM_3");
        robot.interact(() -> window.find().results().getSelectionModel().select(lstm3));
        settle();

        assertThat(window.graph().levels()).extracting(GraphPane.Level::title)
                .containsExactly("nested_bodies", "If_0 ▸ then_branch", "Loop_1 ▸ body");
        String selected = window.graph().view().getSelectedNodeId();
        assertThat(window.graph().current().nodesById().get(selected).name()).isEqualTo("LSTM_3");
        assertThat(window.graph().view().getHighlightedNodeIds()).contains(selected);
        shoot(robot, "find-subgraphs");
        robot.interact(() -> services.themes().setTheme(WorkbenchTheme.DARK));
        settle();
        shoot(robot, "find-subgraphs-dark");
    }

    private void settleFind() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !window.find().isSearching());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void refuse(FxRobot robot) throws Exception {
        Path conv = write("conv.onnx", TestModels.convNet().toByteArray());
        Path notes = write("notes.txt", "These are my notes, not a model.\n".getBytes());
        openAndSettle(robot, conv);
        robot.interact(() -> fireDrag(DragEvent.DRAG_DROPPED, notes));
        settle();

        assertThat(window.banner().text()).contains("notes.txt");
        assertThat(window.model().path()).isEqualTo(conv);
        assertThat(window.graph().current().diagram().nodes()).extracting(DiagramNode::title).contains("Conv");
        shoot(robot, "refuse");
        robot.interact(() -> services.themes().setTheme(WorkbenchTheme.DARK));
        settle();
        shoot(robot, "refuse-dark");
    }

    @Test
    void exportWritesTheShownGraphInTheBackground(FxRobot robot) throws Exception {
        Path conv = write("conv.onnx", TestModels.convNet().toByteArray());
        openAndSettle(robot, conv);
        Path png = conv.resolveSibling("conv.png");
        Path svg = conv.resolveSibling("conv.svg");
        robot.interact(() -> window.export(png, false));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.banner().text().contains("conv.png"));
        robot.interact(() -> window.export(svg, true));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.banner().text().contains("conv.svg"));

        assertThat(javax.imageio.ImageIO.read(png.toFile()).getHeight()).isGreaterThan(100);
        assertThat(Files.readString(svg)).contains("<svg").contains("Conv");
        assertThat(window.recentFiles().lastDirectory()).isEqualTo(conv.getParent().toAbsolutePath());
    }

    @Test
    void viewMenuTogglesNamesThemeAndDirection(FxRobot robot) throws Exception {
        Path conv = write("conv.onnx", TestModels.convNet().toByteArray());
        openAndSettle(robot, conv);
        // A click on a check item flips it (fire() alone does not).
        robot.interact(() -> toggle("Show Names"));
        robot.interact(() -> toggle("Show Attributes"));
        robot.interact(() -> menuItem("Dark Theme").fire());
        robot.interact(() -> menuItem("Left to Right").fire());
        settle();

        DiagramNode convBox = window.graph().current().diagram().nodes().stream()
                .filter(n -> n.title().equals("Conv")).findFirst().orElseThrow();
        assertThat(convBox.subtitle()).isEqualTo("conv1");
        assertThat(convBox.rows()).allMatch(r -> r.kind() == dev.onnxworkbench.graphview.DiagramRow.Kind.WEIGHT);
        assertThat(window.graph().view().getTheme()).isEqualTo(dev.onnxworkbench.graphview.Theme.DARK);
        assertThat(window.graph().view().getDirection()).isEqualTo(dev.onnxworkbench.graphview.LayoutDirection.LEFT_TO_RIGHT);
        // Remembered for the next start.
        assertThat(services.preferences().getBoolean("view.names", false)).isTrue();
        assertThat(services.preferences().get("theme", "")).isEqualTo("DARK");
        shoot(robot, "toggles-dark");
        robot.interact(() -> menuItem("Top to Bottom").fire());
    }

    private void toggle(String text) {
        var item = (javafx.scene.control.CheckMenuItem) menuItem(text);
        item.setSelected(!item.isSelected());
    }

    private javafx.scene.control.MenuItem menuItem(String text) {
        javafx.scene.control.MenuBar bar = (javafx.scene.control.MenuBar) ((javafx.scene.layout.BorderPane) stage.getScene().getRoot()).getTop();
        return bar.getMenus().stream().flatMap(m -> m.getItems().stream())
                .filter(i -> text.equals(i.getText())).findFirst().orElseThrow();
    }

    private Path write(String name, byte[] bytes) throws Exception {
        Path dir = Files.createDirectories(temp.resolve("models-" + System.nanoTime()));
        return Files.write(dir.resolve(name), bytes);
    }

    private void openAndSettle(FxRobot robot, Path file) throws Exception {
        robot.interact(() -> window.open(file));
        settle();
    }

    /** Waits for the open task, the layout and any pending FX work. */
    private void settle() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !window.isOpening() && !window.graph().isMapping());
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !window.graph().view().isLayingOut());
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.sleep(150, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void shoot(FxRobot robot, String name) {
        robot.interact(() -> Screenshots.save(stage.getScene(), name));
    }

    /** A drag of one file, as a file manager sends it. */
    private void fireDrag(javafx.event.EventType<DragEvent> type, Path file) {
        Dragboard board = DragboardHelper.createDragboard(new FileDrag(List.of(new File(file.toString()))));
        var root = stage.getScene().getRoot();
        DragEvent event = new DragEvent(root, root, type, board, 600, 400, 600, 400, TransferMode.COPY, null, null, null);
        Event.fireEvent(root, event);
    }

    /** What a file manager's drag carries: a list of files, offered for copy or link. */
    record FileDrag(List<File> files) implements TKClipboard {
        @Override
        public Set<DataFormat> getContentTypes() {
            return Set.of(DataFormat.FILES);
        }

        @Override
        @SafeVarargs
        public final boolean putContent(Pair<DataFormat, Object>... content) {
            return false;
        }

        @Override
        public Object getContent(DataFormat format) {
            return format == DataFormat.FILES ? files : null;
        }

        @Override
        public boolean hasContent(DataFormat format) {
            return format == DataFormat.FILES;
        }

        @Override
        public Set<TransferMode> getTransferModes() {
            return Set.of(TransferMode.COPY, TransferMode.LINK);
        }

        @Override
        public void setDragView(Image image) {
        }

        @Override
        public void setDragViewOffsetX(double offsetX) {
        }

        @Override
        public void setDragViewOffsetY(double offsetY) {
        }

        @Override
        public Image getDragView() {
            return null;
        }

        @Override
        public double getDragViewOffsetX() {
            return 0;
        }

        @Override
        public double getDragViewOffsetY() {
            return 0;
        }
    }

    private static <T extends javafx.scene.Node> T find(javafx.scene.Node root, Class<T> type,
                                                         java.util.function.Predicate<T> test) {
        List<T> found = new java.util.ArrayList<>();
        walk(root, n -> {
            if (type.isInstance(n) && test.test(type.cast(n))) {
                found.add(type.cast(n));
            }
        });
        assertThat(found).as("a %s in the window", type.getSimpleName()).isNotEmpty();
        return found.getFirst();
    }

    private static List<String> texts(javafx.scene.Node root) {
        List<String> out = new java.util.ArrayList<>();
        walk(root, n -> {
            if (n instanceof Label l) {
                out.add(l.getText());
            } else if (n instanceof Hyperlink h) {
                out.add(h.getText());
            }
        });
        return out;
    }

    private static void walk(javafx.scene.Node n, java.util.function.Consumer<javafx.scene.Node> visit) {
        visit.accept(n);
        if (n instanceof javafx.scene.control.ScrollPane sp && sp.getContent() != null) {
            walk(sp.getContent(), visit);
        }
        if (n instanceof javafx.scene.Parent p) {
            for (javafx.scene.Node c : p.getChildrenUnmodifiable()) {
                walk(c, visit);
            }
        }
    }
}
