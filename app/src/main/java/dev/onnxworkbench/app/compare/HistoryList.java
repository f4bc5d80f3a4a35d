package dev.onnxworkbench.app.compare;

import dev.onnxworkbench.models.bench.BenchmarkReport;
import dev.onnxworkbench.models.bench.ProviderResult;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;

/** Earlier comparisons of the same model, newest first; selecting one shows it again. */
final class HistoryList extends ListView<BenchmarkReport> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    HistoryList() {
        getStyleClass().add("history-list");
        setPlaceholder(new Label("No earlier comparisons of this model."));
        setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(BenchmarkReport report, boolean empty) {
                super.updateItem(report, empty);
                if (empty || report == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                Label when = new Label(title(report));
                when.getStyleClass().add("history-title");
                Label summary = new Label(summary(report));
                summary.getStyleClass().add("muted");
                setText(null);
                setGraphic(new VBox(2, when, summary));
            }
        });
    }

    void show(List<BenchmarkReport> reports) {
        getItems().setAll(reports);
    }

    static String title(BenchmarkReport report) {
        return WHEN.format(report.startedAt()) + (report.cancelled() ? " (cancelled)" : "") + " · " + report.machine().cpu();
    }

    static String summary(BenchmarkReport report) {
        return report.providers().stream().map(HistoryList::rowSummary).collect(Collectors.joining("   "));
    }

    private static String rowSummary(ProviderResult r) {
        if (r.latency() == null) {
            return r.label() + ": " + ResultsTable.statusOf(r);
        }
        return r.label() + ": p50 " + LatencyBoxPlot.ms(r.latency().p50()) + " ms";
    }
}
