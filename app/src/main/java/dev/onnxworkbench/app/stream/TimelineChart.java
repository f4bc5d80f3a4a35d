package dev.onnxworkbench.app.stream;

import dev.onnxworkbench.models.runtime.stream.StreamResult;
import dev.onnxworkbench.models.runtime.stream.StreamRow;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Rectangle;

/**
 * A streaming run over its recording: the waveform (min/max per pixel column), one output's value per window as
 * a line, the threshold as a horizontal line and the segments above it as bands. Built from shapes with style
 * classes, so the theme's CSS colours it (stream.css). Redrawn when resized or given new data.
 */
final class TimelineChart extends Pane {
    private float[] samples = new float[0];
    private StreamResult result;
    private String output;
    private double threshold = 0.5;

    TimelineChart() {
        getStyleClass().add("timeline-chart");
        setMinHeight(160);
        setPrefHeight(220);
        widthProperty().addListener(o -> redraw());
        heightProperty().addListener(o -> redraw());
    }

    void show(float[] signal, StreamResult r, String shownOutput, double line) {
        samples = signal == null ? new float[0] : signal;
        result = r;
        output = shownOutput;
        threshold = line;
        redraw();
    }

    void setThreshold(double line) {
        threshold = line;
        redraw();
    }

    /** Contiguous windows whose value reaches the threshold, as [start, end] seconds. */
    static List<double[]> segments(StreamResult r, String output, double threshold) {
        List<double[]> segments = new ArrayList<>();
        double[] open = null;
        for (StreamRow row : r.rows()) {
            boolean above = row.first(output) >= threshold;
            if (above && open == null) {
                open = new double[] {row.startSeconds(), row.endSeconds()};
                segments.add(open);
            } else if (above) {
                open[1] = row.endSeconds();
            } else {
                open = null;
            }
        }
        return segments;
    }

    private void redraw() {
        getChildren().clear();
        double w = getWidth();
        double h = getHeight();
        if (w <= 2 || h <= 2) {
            return;
        }
        Rectangle frame = new Rectangle(0, 0, w, h);
        frame.getStyleClass().add("timeline-frame");
        getChildren().add(frame);
        double seconds = result == null ? 0 : result.seconds();
        if (result != null && output != null && seconds > 0) {
            for (double[] s : segments(result, output, threshold)) {
                Rectangle band = new Rectangle(s[0] / seconds * w, 0, Math.max(1, (s[1] - s[0]) / seconds * w), h);
                band.getStyleClass().add("timeline-segment");
                getChildren().add(band);
            }
        }
        if (samples.length > 0) {
            Polyline wave = new Polyline();
            wave.getStyleClass().add("timeline-wave");
            int columns = (int) Math.max(1, Math.min(w, samples.length));
            double mid = h / 2;
            for (int c = 0; c < columns; c++) {
                int from = (int) ((long) c * samples.length / columns);
                int to = (int) Math.max(from + 1, (long) (c + 1) * samples.length / columns);
                float lo = 0;
                float hi = 0;
                for (int i = from; i < to; i++) {
                    lo = Math.min(lo, samples[i]);
                    hi = Math.max(hi, samples[i]);
                }
                double x = c * w / columns;
                wave.getPoints().addAll(x, mid - hi * mid * 0.95, x, mid - lo * mid * 0.95);
            }
            getChildren().add(wave);
        }
        if (result != null && output != null && seconds > 0) {
            Polyline values = new Polyline();
            values.getStyleClass().add("timeline-values");
            for (StreamRow row : result.rows()) {
                double v = Math.max(0, Math.min(1, row.first(output)));
                double x = (row.startSeconds() + row.endSeconds()) / 2 / seconds * w;
                values.getPoints().addAll(x, h - v * h);
            }
            Line line = new Line(0, h - threshold * h, w, h - threshold * h);
            line.getStyleClass().add("timeline-threshold");
            getChildren().addAll(values, line);
        }
    }
}
