package dev.onnxworkbench.app.tune;

import dev.onnxworkbench.app.AppServices;
import dev.onnxworkbench.app.diagram.CatalogOperatorLookup;
import dev.onnxworkbench.app.diagram.DiagramMapper;
import dev.onnxworkbench.app.runs.DiffPane;
import dev.onnxworkbench.app.runs.DiffViewModel;
import dev.onnxworkbench.app.task.BackgroundTask;
import dev.onnxworkbench.app.task.TaskSlot;
import dev.onnxworkbench.graphview.Theme;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.optimize.Fusion;
import dev.onnxworkbench.models.optimize.GraphOptimizer;
import dev.onnxworkbench.models.optimize.OptimizedModel;
import dev.onnxworkbench.models.runtime.ExecutionProvider;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.runtime.inputs.UnresolvedDimensionException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * Run ▸ Optimized Graph…: the model as ONNX Runtime runs it at a level on a provider, diffed against the
 * original with the Compare Runs window's {@link DiffPane}: the original on the left with the nodes that went
 * away marked fused, folded or removed, the optimized graph on the right with the new nodes outlined as added
 * (a badge says how many originals a fused node replaces); clicking a box selects its match on the other side.
 * Beside them: what was fused, folded and removed, and the note on why the saved file belongs to this
 * provider, level and machine. The file goes to the app's data folder; Save As… copies it where the user says.
 */
public final class OptimizedGraphView extends BorderPane {
    private final AppServices services;
    private final SessionFactory sessions;
    private final dev.onnxworkbench.app.predict.FormInputs form;
    final Label inputs = new Label("Runs on the Predict form's inputs (random values, seed 42, when it is not filled in).");
    private final DiagramMapper mapper;
    private final OptimizedGraphViewModel vm;
    final ChoiceBox<String> level = new ChoiceBox<>();
    final ChoiceBox<ExecutionProvider> provider = new ChoiceBox<>();
    final Button optimize = new Button("Optimize");
    final Button saveAs = new Button("Save As…");
    private final ProgressIndicator busy = new ProgressIndicator();
    final Label status = new Label("Choose a level and a provider, then Optimize.");
    final DiffPane diff;
    final Label summary = new Label();
    final ListView<String> changes = new ListView<>();
    final Label note = new Label();
    private final ReadOnlyObjectWrapper<OptimizedModel> result = new ReadOnlyObjectWrapper<>(this, "result");

    public OptimizedGraphView(AppServices services, SessionFactory sessions,
                              dev.onnxworkbench.app.predict.FormInputs form) {
        this.services = services;
        this.sessions = sessions;
        this.form = form;
        this.mapper = new DiagramMapper(new CatalogOperatorLookup(services.catalog()));
        this.diff = new DiffPane(services.tasks(), mapper);
        this.vm = new OptimizedGraphViewModel(services.tasks(), sessions, mapper, services::dataDirectory, form);
        status.textProperty().bind(vm.state().messageProperty());
        busy.visibleProperty().bind(vm.state().slot().busyProperty());
        optimize.disableProperty().bind(vm.state().slot().busyProperty());
        vm.state().phaseProperty().addListener((obs, was, phase) -> {
            status.getStyleClass().remove("error-text");
            if (phase == dev.onnxworkbench.app.task.RunState.Phase.FAILED) {
                status.getStyleClass().add("error-text");
            }
        });
        vm.resultProperty().addListener((obs, old, shown) -> {
            if (shown != null) {
                show(shown);
            }
        });
        getStyleClass().add("optimized-graph-view");
        // The graphs' own palette follows the window's theme, as the main window's graph does.
        applyTheme(services.themes().isDark());
        services.themes().themeProperty().addListener((obs, old, now) -> applyTheme(
                now == dev.onnxworkbench.app.WorkbenchTheme.DARK));
        getStylesheets().add(OptimizedGraphView.class.getResource("tune.css").toExternalForm());
        level.getItems().setAll(GraphOptimizer.LEVELS);
        level.setValue("all");
        provider.getItems().setAll(ExecutionProvider.values());
        provider.setValue(ExecutionProvider.CPU);
        busy.setPrefSize(18, 18);
        saveAs.setDisable(true);
        optimize.setDefaultButton(true);
        optimize.setOnAction(e -> run());
        saveAs.setOnAction(e -> chooseAndSave());
        ToolBar bar = new ToolBar(new Label("Level"), level, new Label("Provider"), provider, optimize, saveAs, busy);
        // The status and the inputs get lines of their own, wrapped: the toolbar ellipsized them.
        status.setWrapText(true);
        status.setId("optimized-status");
        inputs.setWrapText(true);
        inputs.setId("optimized-inputs");
        inputs.getStyleClass().add("muted");
        VBox lines = new VBox(2, status, inputs);
        lines.setPadding(new Insets(4, 10, 4, 10));
        setTop(new VBox(bar, lines));

        summary.setWrapText(true);
        summary.getStyleClass().add("optimize-summary");
        note.setWrapText(true);
        note.getStyleClass().add("hardware-note");
        // Whole sentences, never "…": the list of changes gives up height instead.
        summary.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        note.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        changes.setMinHeight(80);
        Label changesTitle = new Label("What changed");
        changesTitle.getStyleClass().add("section-title");
        VBox side = new VBox(8, summary, changesTitle, changes, note);
        side.setPadding(new Insets(10));
        side.setMinWidth(260);
        side.setPrefWidth(360);
        VBox.setVgrow(changes, Priority.ALWAYS);
        changes.setCellFactory(list -> new javafx.scene.control.ListCell<>() {
            {
                setWrapText(true);
                prefWidthProperty().bind(list.widthProperty().subtract(20));
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
            }
        });
        diff.clear("Choose a level and a provider, then Optimize: the original and the optimized graph appear "
                + "side by side.");
        SplitPane split = new SplitPane(diff, side);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.74);
        setCenter(split);
    }

    private void applyTheme(boolean dark) {
        Theme theme = dark ? Theme.DARK : Theme.LIGHT;
        diff.graphA().setTheme(theme);
        diff.graphB().setTheme(theme);
    }

    /** The model to optimize (the window's current one). Clears an older result. */
    public void showModel(Model model) {
        vm.showModel(model);
        result.set(null);
        diff.clear(model == null ? "Open a model first." : "Optimize to see the original and the optimized graph.");
        summary.setText("");
        changes.getItems().clear();
        note.setText("");
        saveAs.setDisable(true);
    }

    public OptimizedGraphViewModel viewModel() {
        return vm;
    }

    public ReadOnlyObjectProperty<OptimizedModel> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** Optimizes in the background; the FX thread only shows the result. */
    void run() {
        vm.optimize(level.getValue(), provider.getValue());
    }

    private void show(OptimizedGraphViewModel.Shown shown) {
        OptimizedModel m = shown.optimized();
        result.set(m);
        inputs.setText(shown.inputs() + " — the check run compares original and optimized outputs on them.");
        diff.show(shown.prepared(), "Original: " + m.source().getFileName(),
                "Optimized: level " + m.level() + ", " + m.settings().provider().displayName());
        shown.marks().applyTo(diff.graphA(), diff.graphB());
        // ONNX Runtime always adds opset imports and turns Constant-node weights into initializers (342 lines
        // on PaddleOCR's detector); the operator changes matter more here, so they come first.
        diff.changes().getItems().sort(java.util.Comparator.comparingInt(OptimizedGraphView::listOrder));
        summary.setText(m.inWords());
        var s = m.summary();
        List<String> lines = new java.util.ArrayList<>();
        for (Fusion f : s.fused()) {
            lines.add("fused  " + f);
        }
        s.folded().forEach((op, n) -> lines.add("folded  " + n + " × " + op));
        s.eliminated().forEach((op, n) -> lines.add("removed  " + n + " × " + op));
        if (s.levelAll() != null) {
            s.levelAll().added().forEach((op, n) -> lines.add("level all added  " + n + " × " + op));
        }
        if (m.check() != null) {
            lines.add(m.check().message());
        }
        changes.getItems().setAll(lines);
        note.setText("⚠ " + m.note());
        saveAs.setDisable(false);
    }

    private static int listOrder(DiffViewModel.ChangeItem item) {
        return item.styleClass().equals("diff-model") ? 2 : item.text().endsWith("(Constant)") ? 1 : 0;
    }

    private void chooseAndSave() {
        OptimizedModel m = result.get();
        if (m == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save Optimized Model");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("ONNX models (*.onnx)", "*.onnx"));
        chooser.setInitialFileName(m.out().getFileName().toString());
        File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file == null) {
            return;
        }
        vm.saveAs(file.toPath());
    }
}
