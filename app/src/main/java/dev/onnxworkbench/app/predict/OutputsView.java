package dev.onnxworkbench.app.predict;

import dev.onnxworkbench.models.runtime.inputs.ImageLayout;
import dev.onnxworkbench.models.tensor.Comparison;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The outputs of the last run, one card each: name, type and shape, statistics; then what fits the value —
 * top-k classes with labels, a label/probability table for ZipMap maps, an image for image-shaped
 * outputs — and always the values in a virtualized table. With expected values, a pass/fail line.
 */
final class OutputsView {

    private static final int TOP_K = 5;
    private static final int TABLE_ROW_HEIGHT = 24;
    private static final int MAX_MATRIX_COLUMNS = 4;

    private final VBox view = new VBox(12);
    private final Consumer<OutputValue.TensorOutput> pickLabels;
    private Map<String, String> descriptions = Map.of();

    /** @param pickLabels asks the user for a labels file for this output (the pane owns file dialogs) */
    OutputsView(Consumer<OutputValue.TensorOutput> pickLabels) {
        this.pickLabels = pickLabels;
        view.getStyleClass().add("outputs-view");
    }

    VBox view() {
        return view;
    }

    /** The model's documentation of its outputs (doc strings), shown under each output's name. */
    void setDescriptions(Map<String, String> descriptions) {
        this.descriptions = Map.copyOf(descriptions);
    }

    void clear() {
        view.getChildren().clear();
    }

    /**
     * @param comparisons how each output compares with a loaded test data set's expected value (may be empty)
     * @param summaries   statistics of the numeric outputs, computed off the FX thread (see {@link #summarize})
     */
    void show(List<OutputValue> outputs, List<String> labels, Map<String, Comparison> comparisons,
              Map<String, TensorSummary> summaries) {
        view.getChildren().clear();
        for (OutputValue output : outputs) {
            view.getChildren().add(card(output, labels, comparisons.get(output.name()), summaries.get(output.name())));
        }
    }

    /** Statistics of every numeric tensor output: a pass over all values, so done on the background thread. */
    static Map<String, TensorSummary> summarize(List<OutputValue> outputs) {
        Map<String, TensorSummary> summaries = new java.util.LinkedHashMap<>();
        for (OutputValue output : outputs) {
            if (output instanceof OutputValue.TensorOutput t && t.isNumeric() && t.count() > 1) {
                summaries.put(t.name(), TensorSummary.of(t));
            }
        }
        return summaries;
    }

    private VBox card(OutputValue output, List<String> labels, Comparison comparison, TensorSummary summary) {
        VBox card = new VBox(6);
        card.getStyleClass().add("output-card");
        card.setId("output-" + output.name());
        Label name = new Label(output.name());
        name.getStyleClass().add("output-name");
        Label type = new Label();
        type.getStyleClass().add("input-type");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        card.getChildren().add(new HBox(8, name, spacer, type));
        String description = descriptions.getOrDefault(output.name(), "");
        if (!description.isBlank()) {
            card.getChildren().add(muted(description.strip()));
        }
        if (comparison != null) {
            card.getChildren().add(comparisonLine(output.name(), comparison));
        }
        switch (output) {
            case OutputValue.TensorOutput t -> {
                type.setText(t.typeDescription());
                tensorCard(card, t, labels, summary);
            }
            case OutputValue.MapsOutput maps -> {
                type.setText("sequence<map> · " + maps.rows().size() + (maps.rows().size() == 1 ? " row" : " rows"));
                card.getChildren().add(mapsTable(maps));
            }
            case OutputValue.OtherOutput other -> card.getChildren().add(muted(other.description()));
        }
        return card;
    }

    private void tensorCard(VBox card, OutputValue.TensorOutput t, List<String> labels, TensorSummary summary) {
        if (summary != null) {
            Label stats = muted(summary.describe());
            stats.setId("stats-" + t.name());
            card.getChildren().add(stats);
        }
        if (TopK.isClassification(t, labels)) {
            card.getChildren().add(topK(t, labels));
        }
        if (TopK.isImage(t)) {
            card.getChildren().add(image(t));
        }
        if (t.count() == 1) {
            Label headline = new Label(t.format(0));
            headline.getStyleClass().add("headline-value");
            headline.setId("value-" + t.name());
            card.getChildren().add(headline);
        } else {
            card.getChildren().add(valuesTable(t));
        }
    }

    private Label comparisonLine(String output, Comparison c) {
        String errors = "max abs error " + NumberText.brief(c.maxAbsError()) + " · max rel error "
                + NumberText.brief(c.maxRelError());
        Label line = new Label(c.pass() ? "✓ matches expected · " + errors
                : "✗ differs from expected · " + errors + (c.message().isEmpty() ? "" : "\n" + c.message()));
        line.setId("compare-" + output);
        line.getStyleClass().add(c.pass() ? "pass" : "fail");
        line.setWrapText(true);
        return line;
    }

    private VBox topK(OutputValue.TensorOutput t, List<String> labels) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("top-k");
        grid.setId("topk-" + t.name());
        int row = 0;
        for (TopK.Entry e : TopK.of(t, labels, TOP_K)) {
            Label label = new Label(e.label());
            label.getStyleClass().add(row == 0 ? "top-label" : "class-label");
            ProgressBar bar = new ProgressBar(e.probability());
            bar.setMaxWidth(Double.MAX_VALUE);
            GridPane.setHgrow(bar, Priority.ALWAYS);
            Label percent = new Label(NumberText.percent(e.probability()));
            percent.getStyleClass().add("number");
            grid.addRow(row++, label, bar, percent);
        }
        Button pick = new Button(labels.isEmpty() ? "Labels file…" : "Other labels…");
        pick.getStyleClass().add("link-button");
        pick.setOnAction(e -> pickLabels.accept(t));
        Label title = new Label("Top " + Math.min(TOP_K, t.shape()[t.shape().length - 1]));
        title.getStyleClass().add("section-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        return new VBox(4, new HBox(8, title, spacer, pick), grid);
    }

    private ImageView image(OutputValue.TensorOutput t) {
        WritableImage picture = TensorImages.draw(t.tensor(), ImageLayout.NCHW);
        ImageView view = new ImageView(picture);
        view.setPreserveRatio(true);
        view.setFitWidth(Math.min(256, Math.max(picture.getWidth() * 4, 128)));
        view.setSmooth(false);
        view.getStyleClass().add("output-image");
        return view;
    }

    /** Values as rows: a matrix when the last axis is narrow, else one value per row with its index. */
    private TableView<Integer> valuesTable(OutputValue.TensorOutput t) {
        long[] s = t.shape();
        int width = s.length >= 2 && s[s.length - 1] <= MAX_MATRIX_COLUMNS && s[s.length - 1] > 1
                ? (int) s[s.length - 1] : 1;
        int rows = (int) Math.min(Integer.MAX_VALUE, t.count() / Math.max(1, width));
        TableView<Integer> table = new TableView<>(FXCollections.observableList(new IndexList(rows)));
        table.setId("values-" + t.name());
        table.getStyleClass().add("values-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<Integer, String> index = new TableColumn<>("index");
        index.setCellValueFactory(c -> new ReadOnlyStringWrapper(rowIndex(s, c.getValue(), width)));
        index.setSortable(false);
        index.getStyleClass().add("index-column");
        table.getColumns().add(index);
        for (int col = 0; col < width; col++) {
            int column = col;
            TableColumn<Integer, String> values = new TableColumn<>(width == 1 ? "value" : Integer.toString(col));
            values.setCellValueFactory(c -> new ReadOnlyStringWrapper(t.format((long) c.getValue() * width + column)));
            values.setSortable(false);
            values.getStyleClass().add("number-column");
            table.getColumns().add(values);
        }
        table.setFixedCellSize(TABLE_ROW_HEIGHT);
        table.setPrefHeight(Math.min(8, rows) * TABLE_ROW_HEIGHT + 30);
        table.setMinHeight(Math.min(3, rows) * TABLE_ROW_HEIGHT + 30);
        return table;
    }

    private static String rowIndex(long[] shape, int row, int width) {
        long flat = (long) row * width;
        int axes = width > 1 ? shape.length - 1 : shape.length;
        if (axes == 0) {
            return "·";
        }
        long[] index = new long[axes];
        long rest = width > 1 ? flat / width : flat;
        for (int a = axes - 1; a >= 0; a--) {
            index[a] = rest % Math.max(1, shape[a]);
            rest /= Math.max(1, shape[a]);
        }
        StringBuilder sb = new StringBuilder("[");
        for (int a = 0; a < axes; a++) {
            sb.append(a > 0 ? "," : "").append(index[a]);
        }
        return sb.append(width > 1 ? ",:]" : "]").toString();
    }

    private TableView<MapRow> mapsTable(OutputValue.MapsOutput maps) {
        List<MapRow> rows = new ArrayList<>();
        for (int r = 0; r < maps.rows().size(); r++) {
            int row = r;
            maps.rows().get(r).entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                    .forEach(e -> rows.add(new MapRow(row, e.getKey(), e.getValue())));
        }
        TableView<MapRow> table = new TableView<>(FXCollections.observableList(rows));
        table.setId("maps-" + maps.name());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<MapRow, Integer> row = new TableColumn<>("row");
        row.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().row()));
        TableColumn<MapRow, String> label = new TableColumn<>("label");
        label.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().label()));
        TableColumn<MapRow, String> probability = new TableColumn<>("probability");
        probability.setCellValueFactory(c -> new ReadOnlyStringWrapper(NumberText.format(c.getValue().probability())));
        probability.getStyleClass().add("number-column");
        table.getColumns().setAll(maps.rows().size() > 1 ? List.of(row, label, probability) : List.of(label, probability));
        table.setFixedCellSize(TABLE_ROW_HEIGHT);
        table.setPrefHeight(Math.min(8, rows.size()) * TABLE_ROW_HEIGHT + 30);
        return table;
    }

    record MapRow(int row, String label, double probability) {}

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("muted");
        l.setWrapText(true);
        return l;
    }

    /** 0..size-1 without storing them: the table asks only for the rows it shows. */
    private static final class IndexList extends AbstractList<Integer> {
        private final int size;

        IndexList(int size) {
            this.size = size;
        }

        @Override
        public Integer get(int index) {
            return index;
        }

        @Override
        public int size() {
            return size;
        }
    }
}
