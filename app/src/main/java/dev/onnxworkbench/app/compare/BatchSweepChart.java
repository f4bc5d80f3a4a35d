package dev.onnxworkbench.app.compare;

import dev.onnxworkbench.models.bench.BatchResult;
import dev.onnxworkbench.models.bench.ProviderResult;
import java.util.List;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;

/** Throughput (items/s) and median latency against batch size, one line per provider row. */
final class BatchSweepChart extends StackPane {
    private final LineChart<Number, Number> throughput = chart("Batch size", "Items per second");
    private final LineChart<Number, Number> latency = chart("Batch size", "p50 latency (ms)");
    private final Label empty = new Label("The batch sweep needs a model with a dynamic batch dimension and more than one batch size.");

    BatchSweepChart() {
        getStyleClass().add("batch-sweep");
        throughput.setTitle("Throughput");
        latency.setTitle("Latency");
        HBox charts = new HBox(12, throughput, latency);
        HBox.setHgrow(throughput, Priority.ALWAYS);
        HBox.setHgrow(latency, Priority.ALWAYS);
        empty.getStyleClass().add("muted");
        empty.setWrapText(true);
        getChildren().addAll(charts, empty);
        show(List.of());
    }

    void show(List<ProviderResult> results) {
        throughput.getData().clear();
        latency.getData().clear();
        for (ProviderResult r : results) {
            if (r.batches().size() < 2) {
                continue;
            }
            XYChart.Series<Number, Number> items = new XYChart.Series<>();
            XYChart.Series<Number, Number> p50 = new XYChart.Series<>();
            items.setName(r.label());
            p50.setName(r.label());
            for (BatchResult b : r.batches()) {
                items.getData().add(new XYChart.Data<>(b.batchSize(), b.throughputPerSec()));
                p50.getData().add(new XYChart.Data<>(b.batchSize(), b.latency().p50()));
            }
            throughput.getData().add(items);
            latency.getData().add(p50);
        }
        int maxBatch = results.stream().flatMap(r -> r.batches().stream()).mapToInt(BatchResult::batchSize).max().orElse(1);
        for (LineChart<Number, Number> chart : List.of(throughput, latency)) {
            // Batch sizes are whole numbers: whole-number ticks from 0, about eight of them.
            NumberAxis x = (NumberAxis) chart.getXAxis();
            x.setAutoRanging(false);
            x.setLowerBound(0);
            double unit = Math.max(1, LatencyBoxPlot.niceCeiling(maxBatch / 8.0));
            x.setTickUnit(unit);
            x.setUpperBound(Math.ceil((maxBatch + unit / 2) / unit) * unit);
            x.setMinorTickVisible(false);
        }
        boolean none = throughput.getData().isEmpty();
        empty.setVisible(none);
        throughput.getParent().setVisible(!none);
    }

    int seriesCount() {
        return throughput.getData().size();
    }

    private static LineChart<Number, Number> chart(String x, String y) {
        NumberAxis xAxis = new NumberAxis();
        xAxis.setLabel(x);
        xAxis.setForceZeroInRange(false);
        NumberAxis yAxis = new NumberAxis();
        yAxis.setLabel(y);
        LineChart<Number, Number> chart = new LineChart<>(xAxis, yAxis);
        chart.setAnimated(false);
        chart.setCreateSymbols(true);
        chart.setMinSize(200, 200);
        return chart;
    }
}
