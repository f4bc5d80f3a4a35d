package dev.onnxworkbench.app.insight;

import dev.onnxworkbench.models.inspect.Histogram;
import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;

/**
 * A tensor's value histogram as bars (one {@code .histogram-bar} per bin, coloured by the theme's CSS),
 * with the range under it and each bin's range and count in its tooltip.
 */
final class HistogramView extends BorderPane {
    private static final double HEIGHT = 72;

    HistogramView(Histogram histogram) {
        getStyleClass().add("histogram");
        long[] counts = histogram.counts();
        long peak = 1;
        for (long c : counts) {
            peak = Math.max(peak, c);
        }
        Pane bars = new Pane();
        bars.getStyleClass().add("histogram-bars");
        bars.setPrefHeight(HEIGHT);
        bars.setMinHeight(HEIGHT);
        bars.setMinWidth(0);
        bars.setPrefWidth(220);
        double width = histogram.binWidth();
        for (int i = 0; i < counts.length; i++) {
            Rectangle bar = new Rectangle();
            bar.getStyleClass().add("histogram-bar");
            int bin = i;
            long count = counts[i];
            // Bars follow the pane's width; a non-empty bin is at least a pixel tall, so outliers show.
            bar.xProperty().bind(bars.widthProperty().multiply(bin).divide(counts.length));
            bar.widthProperty().bind(bars.widthProperty().divide(counts.length).subtract(1).map(w -> Math.max(1, w.doubleValue())));
            double h = count == 0 ? 0 : Math.max(1, HEIGHT * count / (double) peak);
            bar.setHeight(h);
            bar.setY(HEIGHT - h);
            double from = histogram.min() + bin * width;
            Tooltip.install(bar, new Tooltip(String.format(Locale.ROOT, "%s … %s: %,d values",
                    Numbers.format(from), Numbers.format(from + width), count)));
            bars.getChildren().add(bar);
        }
        setCenter(bars);
        Label low = new Label(Numbers.format(histogram.min()));
        Label high = new Label(Numbers.format(histogram.max()));
        low.getStyleClass().addAll("muted", "mono");
        high.getStyleClass().addAll("muted", "mono");
        Region gap = new Region();
        javafx.scene.layout.HBox.setHgrow(gap, javafx.scene.layout.Priority.ALWAYS);
        setBottom(new javafx.scene.layout.HBox(low, gap, high));
    }
}
