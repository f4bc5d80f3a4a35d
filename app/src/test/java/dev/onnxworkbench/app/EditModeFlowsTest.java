package dev.onnxworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.app.edit.EditViewModel;
import dev.onnxworkbench.graphview.DiagramNode;
import dev.onnxworkbench.models.edit.Edit;
import dev.onnxworkbench.models.edit.EditValidation.Verdict;
import dev.onnxworkbench.models.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
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
 * Edit mode in the main window on the generated conv net: the first Delete (of the only output's node) refused
 * with its reason, an output added, the selected Gemm deleted from the
 * Edit menu, the verdict and the pending list in the Edit tab, the edited model on the graph, Ctrl+Z and
 * Ctrl+Shift+Z; screenshots edit-mode.png and edit-mode-dark.png.
 */
@ExtendWith(ApplicationExtension.class)
class EditModeFlowsTest {
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

    private MenuItem menuItem(String text) {
        return window.stage().getScene().getRoot().lookupAll(".menu-bar").stream()
                .map(n -> (javafx.scene.control.MenuBar) n).flatMap(b -> b.getMenus().stream())
                .flatMap(m -> m.getItems().stream()).filter(i -> text.equals(i.getText())).findFirst().orElseThrow();
    }

    private Label label(String id) {
        return (Label) stage.getScene().lookup(id);
    }

    /** Waits for the edit's check, the open of the edited model, its layout and any pending FX work. */
    private void settle() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.editMode().viewModel().busyProperty().get());
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
}
