package dev.onnxworkbench.app.compare;

import dev.onnxworkbench.models.bench.BatchResult;
import dev.onnxworkbench.models.bench.BenchmarkExport;
import dev.onnxworkbench.models.bench.LatencyStats;
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

/** One line per provider row and batch size: creation, first run, percentiles, throughput, agreement, placement. */
final class ResultsTable extends TableView<ResultsTable.Line> {

    /** A provider row at one batch size; {@code batch} is null for a row that did not run. */
    record Line(ProviderResult result, BatchResult batch) {}

    ResultsTable() {
        getStyleClass().add("results-table");
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setPlaceholder(new Label("No results yet: choose providers and press Run."));
        getColumns().add(text("Provider", 150, l -> l.result().variant().label()));
        getColumns().add(status());
        getColumns().add(number("Batch", 55, l -> l.batch() == null ? "" : Integer.toString(l.batch().batchSize())));
        getColumns().add(number("Create ms", 80, l -> fixed(l.result().sessionCreateMs(), 1)));
        getColumns().add(number("First ms", 75, l -> fixed(l.result().firstRunMs(), 2)));
        getColumns().add(number("Runs", 55, l -> l.batch() == null ? "" : Integer.toString(l.batch().runs())));
        getColumns().add(number("p50 ms", 70, l -> stat(l, LatencyStats::p50)));
        getColumns().add(number("p90 ms", 70, l -> stat(l, LatencyStats::p90)));
        getColumns().add(number("p99 ms", 70, l -> stat(l, LatencyStats::p99)));
        getColumns().add(number("Mean ± std", 105, l -> l.batch() == null ? ""
                : LatencyBoxPlot.ms(l.batch().latency().mean()) + " ± " + LatencyBoxPlot.ms(l.batch().latency().std())));
        getColumns().add(number("Items/s", 80, l -> l.batch() == null ? "" : fixed(l.batch().throughputPerSec(), 0)));
        getColumns().add(text("Agreement", 150, l -> BenchmarkExport.agreementText(l.result())));
        getColumns().add(text("Nodes", 110, l -> l.result().placement().summary()));
    }

    void show(List<ProviderResult> results) {
        List<Line> lines = new ArrayList<>();
        for (ProviderResult r : results) {
            if (r.batches().isEmpty()) {
                lines.add(new Line(r, null));
            }
            for (BatchResult b : r.batches()) {
                lines.add(new Line(r, b));
            }
        }
        getItems().setAll(lines);
    }

    private static String stat(Line l, Function<LatencyStats, Double> f) {
        return l.batch() == null ? "" : LatencyBoxPlot.ms(f.apply(l.batch().latency()));
    }

    private static String fixed(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%,." + decimals + "f", v) : "";
    }

    private static TableColumn<Line, String> text(String title, double width, Function<Line, String> value) {
        TableColumn<Line, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        return c;
    }

    private static TableColumn<Line, String> number(String title, double width, Function<Line, String> value) {
        TableColumn<Line, String> c = text(title, width, value);
        c.getStyleClass().add("numeric");
        return c;
    }

    /** "ok", "unavailable" or "failed", coloured, with the full reason as a tooltip. */
    private static TableColumn<Line, String> status() {
        TableColumn<Line, String> c = new TableColumn<>("Status");
        c.setPrefWidth(95);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(statusOf(d.getValue().result())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("status-ok", "status-unavailable", "status-failed");
                setTooltip(null);
                if (empty || item == null) {
                    setText(null);
                    return;
                }
                setText(item);
                getStyleClass().add("status-" + item);
                ProviderResult r = getTableRow() == null || getTableRow().getItem() == null ? null : getTableRow().getItem().result();
                String why = r == null ? null : r.available() ? r.error() : r.reason();
                if (why != null) {
                    javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip(why);
                    tip.setWrapText(true);
                    tip.setMaxWidth(480);
                    setTooltip(tip);
                }
            }
        });
        return c;
    }

    static String statusOf(ProviderResult r) {
        return !r.available() ? "unavailable" : r.error() != null ? "failed" : "ok";
    }
}
