package dev.onnxworkbench.app;

import dev.onnxworkbench.app.diagram.GraphSearch;
import dev.onnxworkbench.app.diagram.MappedGraph;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Ctrl+F: a search field over the current graph with a result list. Typing searches; Enter (and
 * Shift+Enter backwards) cycles through the matches and centres each; clicking a result goes there;
 * Escape closes.
 */
final class FindPanel extends VBox {
    private final TextField field = new TextField();
    private final Label count = new Label();
    private final ListView<GraphSearch.Match> results = new ListView<>();
    private final Supplier<MappedGraph> graph;
    private final Consumer<GraphSearch.Match> goTo;
    private final Consumer<List<String>> highlight;
    private int current = -1;

    FindPanel(Supplier<MappedGraph> graph, Consumer<GraphSearch.Match> goTo, Consumer<List<String>> highlight) {
        this.graph = graph;
        this.goTo = goTo;
        this.highlight = highlight;
        getStyleClass().add("find-panel");
        setMinHeight(USE_PREF_SIZE);
        setId("find-panel");
        field.setId("find-field");
        field.setPromptText("Find node name, operator or tensor…");
        results.setId("find-results");
        results.setFixedCellSize(26);
        count.getStyleClass().add("muted");
        count.setMinWidth(80);
        Button close = new Button("✕");
        close.getStyleClass().add("banner-close");
        close.setOnAction(e -> close());
        HBox bar = new HBox(8, field, count, close);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox.setHgrow(field, Priority.ALWAYS);
        getChildren().addAll(bar, results);

        field.textProperty().addListener((obs, old, text) -> refresh());
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
        highlight.accept(List.of());
    }

    /** Re-runs the search (the graph changed, or the text did). */
    void refresh() {
        MappedGraph g = graph.get();
        List<GraphSearch.Match> matches = g == null ? List.of() : GraphSearch.search(g, field.getText());
        current = -1;
        results.getItems().setAll(matches);
        // As tall as its results, up to six rows; the graph below gives way, never the list.
        double height = Math.min(6, matches.size()) * results.getFixedCellSize() + 4;
        results.setPrefHeight(height);
        results.setMinHeight(height);
        results.setVisible(!matches.isEmpty());
        results.setManaged(!matches.isEmpty());
        count.setText(field.getText().isBlank() ? "" : matches.size() == 1 ? "1 match" : matches.size() + " matches");
        highlight.accept(matches.stream().map(GraphSearch.Match::diagramId).distinct().toList());
    }

    /** Goes to the next (or previous) match, wrapping around. */
    void step(int direction) {
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
}
