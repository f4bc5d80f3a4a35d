package dev.onnxworkbench.app.batch;

import dev.onnxworkbench.app.batch.BatchViewModel.Kind;
import dev.onnxworkbench.app.batch.BatchViewModel.MappingRow;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.batch.BatchJob;
import dev.onnxworkbench.models.batch.JobErrors;
import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.ComboBoxTableCell;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * File ▸ Batch Predictions…: the rows' source and the predictions' sink (file, SQLite file, or JDBC URL with a
 * table or query), the column mapping as an editable table, Start/Cancel with progress, rows/s and ETA, the
 * failed rows and the last jobs. Only layout and bindings: the {@link BatchViewModel} does the work.
 */
public final class BatchView extends VBox {
    private final BatchViewModel model;
    private final TextField sourceLocation = new TextField();
    private final TextField sinkLocation = new TextField();
    private final TableView<MappingRow> mappingTable = new TableView<>();
    private final TableView<JobErrors.ErrorRow> errorTable = new TableView<>();
    private final TableView<BatchViewModel.JobRecord> jobsTable = new TableView<>();
    private final Button start = new Button("Start");
    private final Button cancel = new Button("Cancel");
    private final Label status = new Label();
    private final TabPane tabs = new TabPane();

    public BatchView(BatchViewModel model) {
        this.model = model;
        getStyleClass().add("batch-view");
        getStylesheets().add(BatchView.class.getResource("batch.css").toExternalForm());

        ChoiceBox<Kind> sourceKind = new ChoiceBox<>();
        sourceKind.getItems().setAll(Kind.values());
        sourceKind.valueProperty().bindBidirectional(model.sourceKindProperty());
        sourceLocation.textProperty().bindBidirectional(model.sourceLocationProperty());
        showsFileName(sourceLocation);
        sourceLocation.promptTextProperty().bind(Bindings.createStringBinding(() -> switch (model
                .sourceKindProperty().get()) {
            case FILE -> "rows.csv, rows.jsonl or rows.parquet";
            case SQLITE -> "people.db";
            case JDBC -> "jdbc:postgresql://host:5432/db?user=me";
        }, model.sourceKindProperty()));
        TextField sourceTable = new TextField();
        sourceTable.setPromptText("table");
        sourceTable.textProperty().bindBidirectional(model.sourceTableProperty());
        TextField sourceQuery = new TextField();
        sourceQuery.setPromptText("or a query: SELECT …");
        sourceQuery.textProperty().bindBidirectional(model.sourceQueryProperty());
        sourceTable.disableProperty().bind(model.sourceKindProperty().isEqualTo(Kind.FILE));
        sourceQuery.disableProperty().bind(model.sourceKindProperty().isEqualTo(Kind.FILE));
        Button browseSource = new Button("Browse…");
        browseSource.setOnAction(e -> browse(true));
        browseSource.disableProperty().bind(model.sourceKindProperty().isEqualTo(Kind.JDBC));

        ChoiceBox<Kind> sinkKind = new ChoiceBox<>();
        sinkKind.getItems().setAll(Kind.values());
        sinkKind.valueProperty().bindBidirectional(model.sinkKindProperty());
        sinkLocation.textProperty().bindBidirectional(model.sinkLocationProperty());
        showsFileName(sinkLocation);
        sinkLocation.promptTextProperty().bind(Bindings.createStringBinding(() -> switch (model
                .sinkKindProperty().get()) {
            case FILE -> "predictions.csv, .jsonl or .parquet";
            case SQLITE -> "predictions.db";
            case JDBC -> "jdbc:postgresql://host:5432/db?user=me";
        }, model.sinkKindProperty()));
        TextField sinkTable = new TextField();
        sinkTable.setPromptText("table (created if missing)");
        sinkTable.textProperty().bindBidirectional(model.sinkTableProperty());
        sinkTable.disableProperty().bind(model.sinkKindProperty().isEqualTo(Kind.FILE));
        TextField key = new TextField();
        key.setPromptText("key columns, e.g. id");
        key.textProperty().bindBidirectional(model.keyProperty());
        Button browseSink = new Button("Browse…");
        browseSink.setOnAction(e -> browse(false));
        browseSink.disableProperty().bind(model.sinkKindProperty().isEqualTo(Kind.JDBC));

        GridPane grid = new GridPane(8, 8);
        grid.addRow(0, new Label("Rows from"), sourceKind, sourceLocation, browseSource, sourceTable, sourceQuery);
        Label keyLabel = new Label("Key");
        HBox keyBox = new HBox(6, keyLabel, key);
        keyBox.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(key, Priority.ALWAYS);
        grid.addRow(1, new Label("Predictions to"), sinkKind, sinkLocation, browseSink, sinkTable, keyBox);
        GridPane.setHgrow(sourceLocation, Priority.ALWAYS);
        GridPane.setHgrow(sinkLocation, Priority.ALWAYS);
        GridPane.setHgrow(sourceQuery, Priority.SOMETIMES);

        buildMappingTable();
        Button loadColumns = new Button("Load Columns");
        loadColumns.setOnAction(e -> model.loadColumns());
        Spinner<Integer> batch = new Spinner<>(1, 1 << 20, model.batchProperty().get());
        batch.setEditable(true);
        batch.valueProperty().addListener((o, a, b) -> model.batchProperty().set(b));
        model.batchProperty().addListener((o, a, b) -> batch.getValueFactory().setValue(b.intValue()));
        CheckBox resume = new CheckBox("Resume");
        resume.selectedProperty().bindBidirectional(model.resumeProperty());
        Label batchLabel = new Label("Batch");
        Button openJob = new Button("Open Job…");
        openJob.setOnAction(e -> chooseJob(true));
        Button saveJob = new Button("Save Job…");
        saveJob.setOnAction(e -> chooseJob(false));
        HBox options = new HBox(8, loadColumns, batchLabel, batch, resume, openJob, saveJob);
        options.setAlignment(Pos.CENTER_LEFT);

        ProgressBar progress = new ProgressBar();
        progress.progressProperty().bind(model.progressProperty());
        progress.setMaxWidth(Double.MAX_VALUE);
        start.setDefaultButton(true);
        start.disableProperty().bind(model.runningProperty());
        start.setOnAction(e -> model.start());
        cancel.disableProperty().bind(model.runningProperty().not());
        cancel.setOnAction(e -> model.cancel());
        HBox run = new HBox(8, progress, start, cancel);
        HBox.setHgrow(progress, Priority.ALWAYS);
        run.setAlignment(Pos.CENTER_RIGHT);
        status.textProperty().bind(model.statusProperty());
        status.getStyleClass().add("batch-status");
        status.setWrapText(true);

        buildErrorTable();
        buildJobsTable();
        Tab mappingTab = new Tab("Column Mapping", mappingTable);
        Tab errorsTab = new Tab("Failed Rows", errorTable);
        errorsTab.textProperty().bind(Bindings.size(model.errors()).asString("Failed Rows (%d)"));
        Tab jobsTab = new Tab("Last Jobs", jobsTable);
        tabs.getTabs().setAll(mappingTab, errorsTab, jobsTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        getChildren().setAll(grid, options, tabs, run, status);
        setSpacing(10);
        setPadding(new Insets(12));
    }

    private void buildMappingTable() {
        mappingTable.setItems(model.mapping());
        mappingTable.setEditable(true);
        mappingTable.setPlaceholder(new Label("Load Columns to match the model's inputs to the source's columns."));
        TableColumn<MappingRow, String> input = text("Input", r -> r.input());
        TableColumn<MappingRow, String> type = text("Type", r -> r.type());
        TableColumn<MappingRow, String> shape = text("Shape", r -> r.shape());
        TableColumn<MappingRow, String> column = new TableColumn<>("Column (click to change)");
        column.setCellValueFactory(c -> c.getValue().columnProperty());
        column.setCellFactory(ComboBoxTableCell.forTableColumn(model.columns()));
        column.setEditable(true);
        column.setPrefWidth(200);
        TableColumn<MappingRow, String> categories = text("Encoder categories", r -> r.categories());
        categories.setPrefWidth(360);
        mappingTable.getColumns().setAll(java.util.List.<TableColumn<MappingRow, ?>>of(input, type, shape, column,
                categories));
        input.setPrefWidth(150);
    }

    private void buildErrorTable() {
        errorTable.setItems(model.errors());
        errorTable.setPlaceholder(new Label("No failed rows."));
        TableColumn<JobErrors.ErrorRow, Long> row = new TableColumn<>("Row");
        row.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().sourceRow()));
        TableColumn<JobErrors.ErrorRow, String> k = new TableColumn<>("Key");
        k.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().key()));
        TableColumn<JobErrors.ErrorRow, String> reason = new TableColumn<>("Reason");
        reason.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().reason()));
        reason.setPrefWidth(800);
        errorTable.getColumns().setAll(java.util.List.<TableColumn<JobErrors.ErrorRow, ?>>of(row, k, reason));
    }

    private void buildJobsTable() {
        jobsTable.setItems(model.lastJobs());
        jobsTable.setPlaceholder(new Label("Jobs run in this session are listed here; double-click one to load it."));
        TableColumn<BatchViewModel.JobRecord, String> when = new TableColumn<>("Started");
        when.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().started()));
        TableColumn<BatchViewModel.JobRecord, String> what = new TableColumn<>("Job");
        what.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().describe()));
        what.setPrefWidth(560);
        TableColumn<BatchViewModel.JobRecord, String> counts = new TableColumn<>("Rows / predicted / errors");
        counts.setCellValueFactory(c -> new ReadOnlyStringWrapper(String.format("%,d / %,d / %,d",
                c.getValue().rows(), c.getValue().predicted(), c.getValue().errors())));
        counts.setPrefWidth(200);
        TableColumn<BatchViewModel.JobRecord, String> outcome = new TableColumn<>("Outcome");
        outcome.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().outcome()));
        jobsTable.getColumns().setAll(java.util.List.<TableColumn<BatchViewModel.JobRecord, ?>>of(when, what, counts,
                outcome));
        jobsTable.setOnMouseClicked(e -> {
            BatchViewModel.JobRecord selected = jobsTable.getSelectionModel().getSelectedItem();
            if (e.getClickCount() == 2 && selected != null) {
                model.load(selected.job());
            }
        });
    }

    private static TableColumn<MappingRow, String> text(String title, java.util.function.Function<MappingRow, String> f) {
        TableColumn<MappingRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(f.apply(cell.getValue())));
        c.setEditable(false);
        return c;
    }

    private void browse(boolean source) {
        FileChooser chooser = new FileChooser();
        boolean sqlite = (source ? model.sourceKindProperty() : model.sinkKindProperty()).get() == Kind.SQLITE;
        chooser.setTitle(source ? "Rows to predict" : "Write predictions to");
        chooser.getExtensionFilters().add(sqlite ? new FileChooser.ExtensionFilter("SQLite database", "*.db",
                "*.sqlite", "*.sqlite3") : new FileChooser.ExtensionFilter("CSV, JSON Lines or Parquet", "*.csv",
                "*.jsonl", "*.parquet"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("All files", "*"));
        File file = source ? chooser.showOpenDialog(getScene().getWindow())
                : chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            (source ? sourceLocation : sinkLocation).setText(file.getPath());
        }
    }

    /** A job file to open (predict-batch --save-job's, with its picture/recording settings) or to save to. */
    private void chooseJob(boolean open) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(open ? "Open a batch job" : "Save the batch job");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Batch job", "*.json"));
        File file = open ? chooser.showOpenDialog(getScene().getWindow())
                : chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            if (open) {
                model.openJob(file.toPath());
            } else {
                model.saveJob(file.toPath());
            }
        }
    }

    /** The job the fields describe, for File ▸ Save Job (throws naming the missing field). */
    public BatchJob job() throws WorkbenchException {
        return model.job();
    }

    TabPane tabs() {
        return tabs;
    }

    Label statusLabel() {
        return status;
    }

    /** A path set from Browse… or a saved job shows its end (the file name), not the start of its folder. */
    private static void showsFileName(TextField field) {
        field.textProperty().addListener((obs, was, now) -> {
            if (!field.isFocused()) {
                field.end();
            }
        });
    }
}
