package dev.onnxworkbench.app.compare;

import dev.onnxworkbench.models.bench.BatchResult;
import dev.onnxworkbench.models.bench.BenchmarkExport;
import dev.onnxworkbench.models.bench.BenchmarkReport;
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
        // Unconstrained: columns keep their widths and a horizontal scroll bar reaches the last ones when the
        // window is narrow (constrained, p99 and items/s were cut off at 1280 px with no way to see them).
        setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        setPlaceholder(new Label("No results yet: choose providers and press Run."));
        getColumns().add(fixed(text("Provider · precision", 235, l -> l.result().label())));
        getColumns().add(status());
        getColumns().add(fixed(text("Batch · shapes", 200, l -> l.batch() == null ? headlineShapes
                : l.batch().batchSize() + (l.batch().shapes().isEmpty() ? "" : " · " + l.batch().shapes()))));
        getColumns().add(fixed(number("Create ms", 86, l -> first(l) ? fixed(l.result().sessionCreateMs(), 1) : "")));
        getColumns().add(fixed(number("1st run ms", 90, l -> first(l) ? fixed(l.result().firstRunMs(), 2) : "")));
        getColumns().add(fixed(number("p50 ms", 62, l -> stat(l, LatencyStats::p50))));
        getColumns().add(fixed(number("× FP32", 62, l -> {
            double ratio = first(l) ? BenchmarkReport.ratioToFp32(rows, l.result()) : Double.NaN;
            return Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.2f×", ratio) : "";
        })));
        getColumns().add(fixed(number("p90 ms", 62, l -> stat(l, LatencyStats::p90))));
        getColumns().add(fixed(number("p99 ms", 62, l -> stat(l, LatencyStats::p99))));
        getColumns().add(fixed(number("Mean ± std", 106, l -> l.batch() == null ? ""
                : LatencyBoxPlot.ms(l.batch().latency().mean()) + " ± " + LatencyBoxPlot.ms(l.batch().latency().std()))));
        getColumns().add(fixed(number("Items/s", 70, l -> l.batch() == null ? "" : fixed(l.batch().throughputPerSec(), 0))));
        getColumns().add(fixed(text("Agreement", 112, l -> first(l) ? BenchmarkExport.agreementText(l.result()) : "")));

        setRowFactory(table -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(Line line, boolean empty) {
                super.updateItem(line, empty);
                pseudoClassStateChanged(FAILED, !empty && line != null && !line.result().succeeded());
            }
        });
    }

    private static final javafx.css.PseudoClass FAILED = javafx.css.PseudoClass.getPseudoClass("failed");

    /** Shapes that a row which did not run was meant to run with (the comparison's input set). */
    private String headlineShapes = "";

    /** The rows shown, for each precision row's ratio to the FP32 row at the same settings. */
    private List<ProviderResult> rows = List.of();

    void show(List<ProviderResult> results, String shapes) {
        headlineShapes = shapes == null ? "" : shapes;
        rows = List.copyOf(results);
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

    /** Per-row values (creation, first run, agreement) are shown once, on the row's first batch size. */
    private static boolean first(Line l) {
        return l.batch() == null || l.result().batches().getFirst() == l.batch();
    }

    private static TableColumn<Line, String> fixed(TableColumn<Line, String> c) {
        c.setMinWidth(c.getPrefWidth());
        return c;
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

    /**
     * "ok", "unavailable" or "failed", coloured; a row that did not run says why on a second line, in the table
     * itself ("failed · Pad reflect requires axis length >= 2 …"), with the whole text as a tooltip.
     */
    private static TableColumn<Line, String> status() {
        TableColumn<Line, String> c = new TableColumn<>("Status");
        c.setPrefWidth(210);
        c.setMinWidth(150);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(statusOf(d.getValue().result())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("status-ok", "status-unavailable", "status-failed");
                setTooltip(null);
                if (empty || item == null) {
                    // A reused cell kept the last failure's text as its graphic: empty rows showed "failed: …".
                    setText(null);
                    setGraphic(null);
                    return;
                }
                getStyleClass().add("status-" + item);
                ProviderResult r = getTableRow() == null || getTableRow().getItem() == null ? null : getTableRow().getItem().result();
                String why = r == null ? null : r.available() ? r.error() : r.reason();
                if (why == null) {
                    setGraphic(null);
                    setText(item);
                } else {
                    // A Text that wraps to the column: the row grows until the whole reason shows.
                    javafx.scene.text.Text text = new javafx.scene.text.Text(item + ": " + note(r));
                    text.getStyleClass().addAll("status-reason", "status-reason-" + item);
                    text.wrappingWidthProperty().bind(getTableColumn().widthProperty().subtract(12));
                    setText(null);
                    setGraphic(text);
                }
                if (why != null) {
                    setTooltip(wrapping(why));
                }
            }
        });
        return c;
    }

    /** The gist of why a row did not run: "missing libcublasLt.so.12 and 5 more" (full text in the tooltip). */
    static String note(ProviderResult r) {
        String why = r.available() ? r.error() : r.reason();
        if (why == null) {
            return "";
        }
        int missing = why.indexOf("Missing: ");
        if (missing >= 0) {
            String[] libraries = why.substring(missing + 9).split(", ");
            String first = libraries[0].replaceFirst(" \\(.*", "");
            return "missing " + first + (libraries.length > 1 ? " and " + (libraries.length - 1) + " more" : "");
        }
        return why;
    }

    private static javafx.scene.control.Tooltip wrapping(String text) {
        javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip(text);
        tip.setWrapText(true);
        tip.setMaxWidth(480);
        return tip;
    }

    static String statusOf(ProviderResult r) {
        return !r.available() ? "unavailable" : r.error() != null ? "failed" : "ok";
    }
}
