package dev.onnxworkbench.app.insight;

import dev.onnxworkbench.models.HumanUnits;

import dev.onnxworkbench.models.profile.NodeProfile;
import dev.onnxworkbench.models.profile.ProfileReport;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Per-node time of a profiled run, slowest first, sortable; choosing a row centres its node on the graph. */
final class ProfileTable extends TableView<NodeProfile> {

    ProfileTable(Consumer<String> onNode) {
        setId("profile-table");
        getStyleClass().add("insight-table");
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setPlaceholder(new Label("Run ▸ Profile Nodes to time every node."));
        TableColumn<NodeProfile, String> name = TensorTable.column("node", NodeProfile::name);
        name.setPrefWidth(120);
        name.setCellFactory(c -> new TensorTable.TextCell<>()); // cut in the middle, the whole name in a tooltip
        TableColumn<NodeProfile, String> op = TensorTable.column("operator", NodeProfile::opType);
        op.setPrefWidth(80);
        op.setCellFactory(c -> new TensorTable.TextCell<>());
        TableColumn<NodeProfile, String> provider = TensorTable.column("EP", NodeProfile::provider);
        provider.setPrefWidth(44);
        TableColumn<NodeProfile, Number> mean = TensorTable.column("ms/call", NodeProfile::meanMs);
        mean.setCellFactory(c -> new TensorTable.NumberCell<>(Numbers::compactMillis));
        mean.setPrefWidth(62);
        TableColumn<NodeProfile, Number> share = TensorTable.column("share", NodeProfile::share);
        share.setCellFactory(c -> new TensorTable.NumberCell<>(Numbers::percent));
        share.setPrefWidth(56);
        share.setSortType(TableColumn.SortType.DESCENDING);
        TableColumn<NodeProfile, Number> flops = TensorTable.column("FLOPs", NodeProfile::flops);
        flops.setCellFactory(c -> new TensorTable.NumberCell<>(f -> f < 0 ? "–" : Numbers.compactFlops(f)));
        flops.setPrefWidth(58);
        getColumns().setAll(List.of(name, op, provider, mean, share, flops));
        getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null) {
                onNode.accept(row.name());
            }
        });
    }

    void show(ProfileReport report) {
        getItems().setAll(report == null ? List.of() : report.nodes());
        getSortOrder().setAll(List.of(getColumns().get(4)));
        sort();
    }

    /** "10 runs, 12.3 ms per run; Conv 61 %, Add 12 %, …; CPU 100 %". */
    static String summary(ProfileReport r) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%d profiled run%s, %s per run", r.runs(),
                r.runs() == 1 ? "" : "s", HumanUnits.millis(r.totalMs() / Math.max(1, r.runs()))));
        r.opTypes().stream().limit(3).forEach(o -> s.append(s.indexOf(";") < 0 ? "; " : ", ")
                .append(o.opType()).append(' ').append(Numbers.percent(o.share())));
        double all = r.providers().values().stream().mapToDouble(Double::doubleValue).sum();
        if (all > 0) {
            s.append(". On ");
            r.providers().forEach((p, ms) -> s.append(p).append(' ').append(Numbers.percent(ms / all)).append(' '));
        }
        return s.toString().strip();
    }
}
