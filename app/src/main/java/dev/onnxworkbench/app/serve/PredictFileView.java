package dev.onnxworkbench.app.serve;

import dev.onnxworkbench.models.batch.BatchPredictor;
import dev.onnxworkbench.models.batch.BatchSummary;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionFactory;
import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * File ▸ Predict a File…: every row of a CSV or JSON Lines file through the open model into a predictions
 * file (what {@code predict-batch} does), in the background with progress and cancel.
 */
public final class PredictFileView extends VBox {
    private final ExecutorService background;
    private final Supplier<SessionFactory> sessions;
    private final TextField in = new TextField();
    private final TextField out = new TextField();
    private final Spinner<Integer> batch = new Spinner<>(1, 1 << 20, 4096);
    private final Button start = new Button("Predict");
    private final Button cancel = new Button("Cancel");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label status = new Label("Choose a CSV (with a header row) or JSON Lines file of rows.");
    private Path model;
    private Task<BatchSummary> running;

    public PredictFileView(ExecutorService background, Supplier<SessionFactory> sessions) {
        this.background = background;
        this.sessions = sessions;
        getStyleClass().add("predict-file-view");
        getStylesheets().add(ServeView.class.getResource("serve.css").toExternalForm());
        status.getStyleClass().add("predict-file-status");
        status.setWrapText(true);
        in.setPromptText("rows.csv or rows.jsonl");
        out.setPromptText("predictions.csv or predictions.jsonl");
        batch.setEditable(true);
        Button chooseIn = new Button("Browse…");
        chooseIn.setOnAction(e -> chooseInput());
        Button chooseOut = new Button("Browse…");
        chooseOut.setOnAction(e -> chooseOutput());
        GridPane grid = new GridPane(8, 8);
        grid.addRow(0, new Label("Rows"), in, chooseIn);
        grid.addRow(1, new Label("Predictions"), out, chooseOut);
        grid.addRow(2, new Label("Batch size"), batch);
        GridPane.setHgrow(in, Priority.ALWAYS);
        GridPane.setHgrow(out, Priority.ALWAYS);
        start.setDefaultButton(true);
        start.disableProperty().bind(in.textProperty().isEmpty().or(out.textProperty().isEmpty()));
        start.setOnAction(e -> start());
        cancel.setDisable(true);
        cancel.setOnAction(e -> {
            if (running != null) {
                running.cancel(false);
            }
        });
        progress.setMaxWidth(Double.MAX_VALUE);
        HBox buttons = new HBox(8, progress, start, cancel);
        HBox.setHgrow(progress, Priority.ALWAYS);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        getChildren().setAll(grid, buttons, status);
        setSpacing(12);
        setPadding(new Insets(12));
    }

    public void showModel(Path modelFile) {
        this.model = modelFile;
    }

    TextField inField() {
        return in;
    }

    TextField outField() {
        return out;
    }

    Button startButton() {
        return start;
    }

    Label statusLabel() {
        return status;
    }

    private void chooseInput() {
        FileChooser chooser = chooser("Rows to predict");
        File file = chooser.showOpenDialog(getScene().getWindow());
        if (file != null) {
            in.setText(file.getPath());
            if (out.getText().isBlank()) {
                String name = file.getName();
                int dot = name.lastIndexOf('.');
                out.setText(new File(file.getParentFile(), (dot < 0 ? name : name.substring(0, dot))
                        + "-predictions" + (dot < 0 ? ".csv" : name.substring(dot))).getPath());
            }
        }
    }

    private void chooseOutput() {
        FileChooser chooser = chooser("Write predictions to");
        File file = chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            out.setText(file.getPath());
        }
    }

    private static FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("CSV or JSON Lines", "*.csv", "*.jsonl"),
                new FileChooser.ExtensionFilter("All files", "*"));
        return chooser;
    }

    /** Starts predicting; the returned task is already submitted (tests wait on it). */
    Task<BatchSummary> start() {
        if (model == null || running != null) {
            return null;
        }
        Path modelFile = model;
        Path input = Path.of(in.getText().strip());
        Path output = Path.of(out.getText().strip());
        int rowsPerBatch = batch.getValue();
        Task<BatchSummary> task = new Task<>() {
            @Override
            protected BatchSummary call() throws Exception {
                updateMessage("Opening " + modelFile.getFileName() + "…");
                try (ModelSession session = sessions.get().open(modelFile, ProviderSettings.cpu())) {
                    BatchPredictor predictor = new BatchPredictor(session, rowsPerBatch);
                    return predictor.run(input, output, s -> updateMessage(describe(s)), this::isCancelled);
                }
            }
        };
        status.textProperty().bind(task.messageProperty());
        progress.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
        cancel.setDisable(false);
        task.setOnSucceeded(e -> finish(task, describe(task.getValue()) + (task.getValue().cancelled()
                ? " — cancelled; the rows so far are in " : " — written to ") + output));
        task.setOnCancelled(e -> finish(task, "Cancelled; the rows predicted so far are in " + output + "."));
        task.setOnFailed(e -> finish(task, "Failed: " + task.getException().getMessage()));
        running = task;
        background.submit(task);
        return task;
    }

    private void finish(Task<BatchSummary> task, String message) {
        status.textProperty().unbind();
        status.setText(message);
        progress.setProgress(task.getState() == javafx.concurrent.Worker.State.SUCCEEDED ? 1 : 0);
        cancel.setDisable(true);
        running = null;
    }

    private static String describe(BatchSummary s) {
        return String.format(Locale.ROOT, "%,d rows (%,d with errors) in %.1f s, %,.0f rows/s", s.rows(), s.errors(),
                s.seconds(), s.rowsPerSecond());
    }
}
