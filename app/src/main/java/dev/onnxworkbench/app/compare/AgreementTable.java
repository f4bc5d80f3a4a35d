package dev.onnxworkbench.app.compare;

import dev.onnxworkbench.models.bench.OutputAgreement;
import dev.onnxworkbench.models.bench.ProviderResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Every provider row's outputs against the CPU reference: max absolute/relative error, mismatches, pass or fail. */
final class AgreementTable extends TableView<AgreementTable.Line> {

    record Line(String provider, OutputAgreement agreement) {}

    AgreementTable() {
        getStyleClass().add("agreement-table");
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setPlaceholder(new Label("Outputs are compared with the CPU reference (FP32 on the CPU, for every precision) on the same inputs after a run."));
        getColumns().add(column("Provider · precision", 265, l -> l.provider()));
        getColumns().add(column("Output", 160, l -> l.agreement().output()));
        getColumns().add(column("Max abs error", 110, l -> sci(l.agreement().maxAbsError())));
        getColumns().add(column("Max rel error", 110, l -> sci(l.agreement().maxRelError())));
        getColumns().add(column("Mismatches", 90, l -> Long.toString(l.agreement().mismatches())));
        TableColumn<Line, String> verdict = column("Result", 80, l -> l.agreement().pass() ? "pass" : "FAIL");
        verdict.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("status-ok", "status-failed");
                setText(empty ? null : item);
                if (!empty && item != null) {
                    getStyleClass().add(item.equals("pass") ? "status-ok" : "status-failed");
                }
            }
        });
        getColumns().add(verdict);
        getColumns().add(column("Note", 200, l -> l.agreement().note() == null ? "" : l.agreement().note()));
    }

    void show(List<ProviderResult> results) {
        List<Line> lines = new ArrayList<>();
        for (ProviderResult r : results) {
            for (OutputAgreement a : r.agreement()) {
                lines.add(new Line(r.label(), a));
            }
        }
        getItems().setAll(lines);
    }

    private static String sci(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (Double.isInfinite(v)) {
            return "∞";
        }
        return v == 0 ? "0" : String.format(Locale.ROOT, "%.3e", v);
    }

    private static TableColumn<Line, String> column(String title, double width, Function<Line, String> value) {
        TableColumn<Line, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        return c;
    }
}
