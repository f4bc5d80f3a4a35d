package dev.onnxworkbench.app;

import dev.onnxworkbench.app.diagram.GraphSearch;
import dev.onnxworkbench.app.task.BackgroundTask;
import dev.onnxworkbench.app.task.TaskExecutor;
import dev.onnxworkbench.app.task.TaskSlot;
import dev.onnxworkbench.models.graph.Model;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.controlsfx.control.textfield.TextFields;

/**
 * Ctrl+F: a search field over the whole model (every graph, subgraph and function body) with a
 * result list. Typing searches after a short pause, in the background (a newer search stops the
 * older one); Enter (and Shift+Enter backwards) cycles through the matches and goes to each,
 * opening the body it is in; clicking a result goes there; Escape closes.
 */
final class FindPanel extends VBox {
    /** Typing pause before a search starts: one search per burst of keys, not one per key. */
    static final Duration DEBOUNCE = Duration.millis(150);

    private final TextField field = TextFields.createClearableTextField();
    private final Label count = new Label();
    private final ListView<GraphSearch.Match> results = new ListView<>();
    private final Supplier<Model> model;
    private final TaskExecutor tasks;
    /** One search at a time: a newer one supersedes (and stops) the older. */
    private final TaskSlot searching = new TaskSlot();
    private final Consumer<GraphSearch.Match> goTo;
    private final Consumer<List<GraphSearch.Match>> highlight;
    private final PauseTransition debounce = new PauseTransition(DEBOUNCE);
    private GraphSearch.Result result = new GraphSearch.Result("", List.of(), 0);
    private int current = -1;
    private int pendingStep;

    FindPanel(Supplier<Model> model, TaskExecutor tasks, Consumer<GraphSearch.Match> goTo,
              Consumer<List<GraphSearch.Match>> highlight) {
        this.model = model;
        this.tasks = tasks;
        this.goTo = goTo;
        this.highlight = highlight;
        getStyleClass().add("find-panel");
        setMinHeight(USE_PREF_SIZE);
        setId("find-panel");
        field.setId("find-field");
        field.setPromptText("Find node name, operator or tensor in every graph…");
        results.setId("find-results");
        results.setFixedCellSize(26);
        results.setCellFactory(list -> new MatchCell());
        count.getStyleClass().add("muted");
        count.setId("find-count");
        count.setMinWidth(USE_PREF_SIZE);
        Button close = new Button("✕");
        close.getStyleClass().add("banner-close");
        close.setOnAction(e -> close());
        HBox bar = new HBox(8, field, count, close);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox.setHgrow(field, Priority.ALWAYS);
        getChildren().addAll(bar, results);

        debounce.setOnFinished(e -> refresh());
        field.textProperty().addListener((obs, old, text) -> debounce.playFromStart());
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                step(e.isShiftDown() ? -1 : 1);
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                close();
                e.consume();
            } else if (e.getCode() == KeyCode.DOWN && !results.getItems().isEmpty()) {
                results.requestFocus();
                results.getSelectionModel().selectFirst();
                e.consume();
            }
        });
        results.getSelectionModel().selectedIndexProperty().addListener((obs, old, index) -> {
            int i = index.intValue();
            if (i >= 0 && i != current) {
                current = i;
                goTo.accept(results.getItems().get(i));
            }
        });
        results.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                close();
            }
        });
        show(result);
        setVisible(false);
        setManaged(false);
    }

    void open() {
        setVisible(true);
        setManaged(true);
        field.requestFocus();
        field.selectAll();
        refresh();
    }

    void close() {
        setVisible(false);
        setManaged(false);
        debounce.stop();
        cancelRunning();
        highlight.accept(List.of());
    }

    /** Searches again now, in the background (the model changed, or the text did). */
    void refresh() {
        debounce.stop();
        cancelRunning();
        String query = field.getText() == null ? "" : field.getText();
        Model m = model.get();
        if (m == null || query.isBlank()) {
            show(new GraphSearch.Result(query, List.of(), 0));
            return;
        }
        count.setText("searching…");
        BackgroundTask.wrap(progress -> GraphSearch.search(m, query, GraphSearch.LIMIT, progress::isCancelled))
                .inSlot(searching)
                .onSuccess(this::show)
                .onFailure(error -> count.setText("search failed: " + error.getMessage()))
                .executeWith(tasks);
    }

    /**
     * A new model: search it if Find is open; otherwise drop the old matches, which hold on to the
     * old model's nodes (and so to the whole old model) until the next search.
     */
    void modelChanged() {
        if (isVisible()) {
            refresh();
        } else {
            cancelRunning();
            show(new GraphSearch.Result("", List.of(), 0));
        }
    }

    /** True while a search is waiting for the typing pause or running (tests wait on it). */
    boolean isSearching() {
        return debounce.getStatus() == javafx.animation.Animation.Status.RUNNING || searching.isBusy();
    }

    /** The last search's result. */
    GraphSearch.Result result() {
        return result;
    }

    /** Marks the matches again (the graph shown changed: another level, same matches). */
    void rehighlight() {
        if (isVisible()) {
            highlight.accept(result.listed());
        }
    }

    /** Goes to the next (or previous) match, wrapping around. */
    void step(int direction) {
        if (isSearching()) {
            // Enter right after typing: search now, and go once the matches are in.
            pendingStep = direction;
            if (!searching.isBusy()) {
                refresh();
            }
            return;
        }
        move(direction);
    }

    private void move(int direction) {
        int n = results.getItems().size();
        if (n == 0) {
            return;
        }
        current = Math.floorMod(current + direction, n);
        GraphSearch.Match match = results.getItems().get(current);
        results.getSelectionModel().select(current);
        results.scrollTo(current);
        goTo.accept(match);
    }

    TextField field() {
        return field;
    }

    ListView<GraphSearch.Match> results() {
        return results;
    }

    private void cancelRunning() {
        searching.supersede();
    }

    private void show(GraphSearch.Result found) {
        result = found;
        List<GraphSearch.Match> matches = found.listed();
        current = -1;
        results.getItems().setAll(matches);
        // As tall as its results, up to six rows; the graph below gives way, never the list.
        double height = Math.min(6, matches.size()) * results.getFixedCellSize() + 4;
        results.setPrefHeight(height);
        results.setMinHeight(height);
        results.setVisible(!matches.isEmpty());
        results.setManaged(!matches.isEmpty());
        count.setText(found.summary());
        highlight.accept(matches);
        if (pendingStep != 0) {
            int direction = pendingStep;
            pendingStep = 0;
            move(direction); // the slot still counts this search as running while it delivers
        }
    }

    /** A result: where it is ("If_0 ▸ then_branch ▸ LSTM_3") and what it is, names with their underscores. */
    private static final class MatchCell extends ListCell<GraphSearch.Match> {
        MatchCell() {
            setMnemonicParsing(false);
            // Names share long prefixes ("backbone.stage3.block2.conv1…"): cut the start, keep the end that
            // tells matches apart; what matched goes on a second line; the whole text in a tooltip.
            setTextOverrun(javafx.scene.control.OverrunStyle.LEADING_ELLIPSIS);
        }

        @Override
        protected void updateItem(GraphSearch.Match match, boolean empty) {
            super.updateItem(match, empty);
            if (empty || match == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            setText(match.detail().isEmpty() ? match.where() : match.where() + "\n" + match.detail());
            setTooltip(new javafx.scene.control.Tooltip(match.toString()));
        }
    }
}
