package dev.onnxworkbench.app.compare;

import dev.onnxworkbench.models.bench.ProviderResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * Which provider actually ran which nodes, per row, from ONNX Runtime's profile of the first run:
 * "TensorRT" that ran half the graph on the CPU shows up as two lines.
 */
final class PlacementTable extends TableView<PlacementTable.Line> {

    record Line(String row, String ranOn, int count, String nodes) {}

    PlacementTable() {
        getStyleClass().add("placement-table");
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setPlaceholder(new Label("Node placement comes from ONNX Runtime's profiler after a run."));
        getColumns().add(column("Provider row", 160, Line::row));
        getColumns().add(column("Ran on", 90, Line::ranOn));
        TableColumn<Line, String> count = column("Nodes", 70, l -> Integer.toString(l.count()));
        count.getStyleClass().add("numeric");
        getColumns().add(count);
        getColumns().add(column("Node names", 400, Line::nodes));
    }

    void show(List<ProviderResult> results) {
        List<Line> lines = new ArrayList<>();
        for (ProviderResult r : results) {
            r.placement().nodesByProvider().forEach((provider, nodes) ->
                    lines.add(new Line(r.label(), provider, nodes.size(), String.join(", ", nodes))));
        }
        getItems().setAll(lines);
    }

    private static TableColumn<Line, String> column(String title, double width, Function<Line, String> value) {
        TableColumn<Line, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        return c;
    }
}
