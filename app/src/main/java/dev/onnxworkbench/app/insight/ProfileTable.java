package dev.onnxworkbench.app.insight;

import java.util.List;
import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Per-node time of a profiled run, slowest first, sortable; choosing a row centres its node on the graph. */
final class ProfileTable extends TableView<NodeTime> {

    ProfileTable(Consumer<String> onNode) {
        setId("profile-table");
        getStyleClass().add("insight-table");
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setPlaceholder(new Label("Run ▸ Profile Nodes to time every node."));
        TableColumn<NodeTime, String> name = TensorTable.column("node", NodeTime::name);
        name.setPrefWidth(110);
        TableColumn<NodeTime, String> op = TensorTable.column("operator", NodeTime::opType);
        op.setPrefWidth(80);
        TableColumn<NodeTime, String> provider = TensorTable.column("provider", NodeTime::provider);
        provider.setPrefWidth(60);
        TableColumn<NodeTime, Number> mean = TensorTable.column("mean", NodeTime::meanMs);
        mean.setCellFactory(c -> new TensorTable.NumberCell<>(Numbers::millis));
        mean.setPrefWidth(70);
        TableColumn<NodeTime, Number> share = TensorTable.column("share", NodeTime::share);
        share.setCellFactory(c -> new TensorTable.NumberCell<>(Numbers::percent));
        share.setPrefWidth(55);
        share.setSortType(TableColumn.SortType.DESCENDING);
        TableColumn<NodeTime, Number> flops = TensorTable.column("FLOPs", NodeTime::flops);
        flops.setCellFactory(c -> new TensorTable.NumberCell<>(f -> f < 0 ? "–" : Numbers.flops(f)));
        flops.setPrefWidth(80);
        getColumns().setAll(List.of(name, op, provider, mean, share, flops));
        getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null) {
                onNode.accept(row.name());
            }
        });
    }

    void show(List<NodeTime> rows) {
        getItems().setAll(rows);
        getSortOrder().setAll(List.of(getColumns().get(4)));
        sort();
    }
}
