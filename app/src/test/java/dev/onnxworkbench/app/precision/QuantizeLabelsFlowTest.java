package dev.onnxworkbench.app.precision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.app.AppServices;
import dev.onnxworkbench.app.WorkbenchTheme;
import dev.onnxworkbench.app.task.RunState;
import dev.onnxworkbench.models.precision.AccuracyReport;
import dev.onnxworkbench.models.precision.PrecisionModels;
import dev.onnxworkbench.models.runtime.TestSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Run ▸ Quantize… with a labels file, headless at 1280×800 and 1024×700: a generated brightness detector (a 1×1
 * Conv and a Sigmoid) on pictures of white bars, with the bars' boxes as labels. The window refuses labels without
 * an evaluation folder, then scores FP32 and INT8 against the boxes in the CLI's words and shows the box agreement
 * per output, every column title whole; screenshots light and dark.
 */
class QuantizeLabelsFlowTest {
    @TempDir
    Path tmp;

    private final FxRobot robot = new FxRobot();
    private AppServices services;
    private Stage stage;

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
        robot.interact(() -> {
            if (stage != null) {
                stage.hide();
            }
        });
        FxToolkit.cleanupStages();
        services.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1280x800", "1024x700"})
    void boxLabelsScoreBothModelsInTheCliWordsWithTheBoxAgreementPerOutput(String size) throws Exception {
        Path model = PrecisionModels.brightnessDetector(tmp);
        Path pictures = QuantizeViewModelTest.barPictures(tmp);
        // The bars' text boxes in the pictures' own pixels (the models' DetectorLabelsTest: F1 1 for both models).
        Path labels = Files.writeString(tmp.resolve("bars.csv"), "picture,x0,y0,x1,y1\na.png,2,4,54,28\nb.png,14,0,64,22\n");
        QuantizeView view = show(new QuantizeView(new QuantizeViewModel(services.tasks(), TestSessions.factory(),
                QuantizeViewModelTest.letterboxed(model), QuantizeViewModelTest.MAPPER)), size);
        QuantizeViewModel vm = view.viewModel();
        interact(() -> {
            vm.showModel(model);
            vm.modeProperty().set(PrecisionMode.INT8_STATIC);
            vm.calibrationFolderProperty().set(pictures);
            vm.labelsFileProperty().set(labels);
        });
        TextField field = (TextField) view.lookup("#precision-labels-file");
        assertThat(field.getText()).isEqualTo(labels.toString());
        assertThat(field.getPromptText()).isEqualTo("labels for Evaluation");
        assertThat(field.getTooltip().getText()).contains("picture,x0,y0,x1,y1")
                .endsWith("Used only with an evaluation folder.");

        // Labels without the folder they describe: refused in the window, in one line, nothing run.
        interact(() -> ((Button) view.lookup("#precision-start")).fire());
        Label status = (Label) view.lookup("#precision-status");
        assertThat(vm.run().phase()).isEqualTo(RunState.Phase.FAILED);
        assertThat(status.getText()).isEqualTo(PrecisionJob.LABELS_NEED_A_FOLDER);
        assertWhole(status);

        interact(() -> vm.evaluationFolderProperty().set(pictures));
        interact(() -> ((Button) view.lookup("#precision-start")).fire());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.run().phase() != RunState.Phase.RUNNING);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.run().phase()).as(vm.run().message()).isEqualTo(RunState.Phase.DONE);

        Label line = (Label) view.lookup("#precision-labels");
        assertThat(line.isVisible()).isTrue();
        assertThat(line.getText()).isEqualTo("Labels (2 pictures, 2 boxes; DetEval F1 of the boxes in y, unclipped as "
                + "PaddleOCR's DB): FP32 100.0 %, INT8 100.0 % (+0.0 points) — bars.csv");
        assertWhole(line);
        @SuppressWarnings("unchecked")
        TableView<AccuracyReport.OutputAccuracy> accuracy =
                (TableView<AccuracyReport.OutputAccuracy>) view.lookup("#precision-accuracy");
        assertThat(accuracy.getColumns()).extracting(c -> c.getText()).startsWith("Output", "Top-1\nagreement",
                "Boxes F1\n(IoU · DetEval)");
        assertThat(boxCells(accuracy)).containsExactly("100.0 % · 100.0 %");
        assertHeadersWhole(accuracy);
        screenshot("quantize-labels-" + size);

        interact(() -> {
            stage.getScene().getStylesheets().setAll(WorkbenchTheme.sharedStylesheetUrl(),
                    WorkbenchTheme.DARK.stylesheetUrl());
            view.refreshColours();
        });
        assertHeadersWhole(accuracy);
        assertWhole(line);
        screenshot("quantize-labels-" + size + "-dark");

        // Cleared: the next run has no labels and the line goes away.
        interact(() -> {
            vm.labelsFileProperty().set(null);
            ((Button) view.lookup("#precision-start")).fire();
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.run().phase() != RunState.Phase.RUNNING);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.run().phase()).as(vm.run().message()).isEqualTo(RunState.Phase.DONE);
        assertThat(vm.result().accuracy().labels()).isNull();
        assertThat(line.isVisible()).isFalse();
        interact(() -> {
            stage.getScene().getRoot().applyCss();
            stage.getScene().getRoot().layout(); // the new result's rows get their cells
        });
        assertThat(boxCells(accuracy)).containsExactly("100.0 % · 100.0 %");
    }

    /** The shown texts of the box agreement column, one per output row. */
    private static List<String> boxCells(TableView<?> table) {
        return table.lookupAll(".table-cell").stream().map(n -> (TableCell<?, ?>) n)
                .filter(c -> c.getTableColumn() != null && "precision-boxes".equals(c.getTableColumn().getId())
                        && !c.isEmpty() && c.getTableRow() != null && c.getTableRow().getItem() != null)
                .map(Labeled::getText).toList();
    }

    /** Every column title shown whole (ToolWindowFlowsTest's check: a cut title hides what the column is). */
    private static void assertHeadersWhole(TableView<?> table) {
        List<Label> titles = table.lookupAll(".column-header .label").stream().map(n -> (Label) n)
                .filter(l -> l.getText() != null && !l.getText().isEmpty() && l.isVisible()).toList();
        assertThat(titles).extracting(Label::getText).contains("Boxes F1\n(IoU · DetEval)");
        titles.forEach(QuantizeLabelsFlowTest::assertNotCut);
        // The task's columns in view without scrolling: their right edge inside the table's.
        Label boxes = titles.stream().filter(l -> l.getText().startsWith("Boxes")).findFirst().orElseThrow();
        assertThat(boxes.localToScene(boxes.getLayoutBounds()).getMaxX()).as("the box agreement's title in view")
                .isLessThanOrEqualTo(table.localToScene(table.getLayoutBounds()).getMaxX());
        // The columns past the edge are reachable: wider than the table means a horizontal scroll bar.
        double columns = table.getColumns().stream().mapToDouble(c -> c.getWidth()).sum();
        if (columns > table.getWidth()) {
            assertThat(table.lookupAll(".scroll-bar").stream().map(javafx.scene.control.ScrollBar.class::cast)
                    .filter(b -> b.getOrientation() == javafx.geometry.Orientation.HORIZONTAL)
                    .anyMatch(javafx.scene.Node::isVisible)).as("a horizontal scroll bar").isTrue();
        }
    }

    /** The label shows all its text: JavaFX cuts it with "…" when it gets less room than it needs. */
    private static void assertNotCut(Labeled label) {
        javafx.scene.text.Text shown = (javafx.scene.text.Text) label.lookup(".text");
        assertThat(shown.getText().replace("\n", " ").replaceAll("\\s+", " ").strip())
                .as("'%s' shown whole", label.getText())
                .isEqualTo(label.getText().replace("\n", " ").replaceAll("\\s+", " ").strip());
    }

    /** A line of the window: shown whole, wrapped inside the window's width. */
    private static void assertWhole(Label label) {
        assertNotCut(label);
        Bounds b = label.localToScene(label.getLayoutBounds());
        assertThat(b.getMaxX()).as("'%s' ends inside the window", label.getText())
                .isLessThanOrEqualTo(label.getScene().getWidth() + 0.5);
    }

    private QuantizeView show(QuantizeView view, String size) {
        String[] wh = size.split("x");
        interact(() -> {
            Scene scene = new Scene(view, Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
            scene.getStylesheets().setAll(WorkbenchTheme.sharedStylesheetUrl(), WorkbenchTheme.LIGHT.stylesheetUrl());
            stage = new Stage();
            stage.setScene(scene);
            stage.show();
            view.refreshColours();
        });
        return view;
    }

    private void interact(Runnable action) {
        robot.interact(action);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void screenshot(String name) {
        interact(() -> {
            stage.getScene().getRoot().applyCss();
            stage.getScene().getRoot().layout();
            dev.onnxworkbench.app.Screenshots.save(stage.getScene(), name);
        });
    }
}
