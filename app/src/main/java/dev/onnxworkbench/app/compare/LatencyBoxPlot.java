package dev.onnxworkbench.app.compare;

import dev.onnxworkbench.models.bench.LatencyStats;
import dev.onnxworkbench.models.bench.ProviderResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;

/**
 * Latency distribution per provider row, one horizontal box each on a shared millisecond axis: the
 * whisker spans min to p99, the box p50 to p90 with a bold line at the median, a tick marks p99 and a
 * dot the max. Built from shapes with style classes, so both themes colour it through CSS.
 */
final class LatencyBoxPlot extends Region {
    private static final double ROW_HEIGHT = 44;
    private static final double LABEL_WIDTH = 150;
    private static final double AXIS_HEIGHT = 34;
    private static final double PAD = 12;

    private List<ProviderResult> rows = List.of();
    /** Width the shapes were built for; they are rebuilt only when data or width change (not every pulse). */
    private double builtForWidth = -1;

    LatencyBoxPlot() {
        getStyleClass().add("latency-box-plot");
        setMinHeight(AXIS_HEIGHT + ROW_HEIGHT + 2 * PAD);
    }

    void show(List<ProviderResult> results) {
        rows = results.stream().filter(r -> r.latency() != null).toList();
        builtForWidth = -1;
        setPrefHeight(AXIS_HEIGHT + Math.max(1, rows.size()) * ROW_HEIGHT + 2 * PAD + 24);
        requestLayout();
    }

    /** Rows drawn (for tests). */
    int boxCount() {
        return rows.size();
    }

    @Override
    protected void layoutChildren() {
        double width = getWidth();
        if (width == builtForWidth) {
            return;
        }
        builtForWidth = width;
        getChildren().clear();
        if (rows.isEmpty()) {
            Label empty = new Label("Run a comparison to see each provider's latency distribution.");
            empty.getStyleClass().add("muted");
            empty.resizeRelocate(PAD, PAD, width - 2 * PAD, 20);
            getChildren().add(empty);
            return;
        }
        double min = rows.stream().mapToDouble(r -> r.latency().min()).filter(v -> v > 0).min().orElse(0.001);
        double max = rows.stream().mapToDouble(r -> r.latency().max()).max().orElse(1);
        double plotLeft = PAD + LABEL_WIDTH;
        double plotWidth = Math.max(50, width - plotLeft - PAD - 10);
        // Latency tails are long: past a 20× spread a log axis keeps the boxes readable next to the outliers.
        Axis axis = max / min > 20 ? Axis.log(min, max, plotLeft, plotWidth) : Axis.linear(niceCeiling(max), plotLeft, plotWidth);
        List<javafx.scene.Node> nodes = new ArrayList<>();
        double top = PAD;
        for (ProviderResult r : rows) {
            LatencyStats l = r.latency();
            double mid = top + ROW_HEIGHT / 2;
            Label name = new Label(r.label());
            name.getStyleClass().add("box-label");
            name.resizeRelocate(PAD, mid - 10, LABEL_WIDTH - 8, 20);
            nodes.add(name);
            double xMin = axis.x(l.min());
            double x50 = axis.x(l.p50());
            double x90 = axis.x(l.p90());
            double x99 = axis.x(l.p99());
            double xMax = axis.x(l.max());
            nodes.add(styled(new Line(xMin, mid, x99, mid), "whisker"));
            nodes.add(styled(new Line(xMin, mid - 6, xMin, mid + 6), "whisker"));
            Rectangle box = new Rectangle(x50, mid - 9, Math.max(2, x90 - x50), 18);
            nodes.add(styled(box, "box"));
            nodes.add(styled(new Line(x50, mid - 11, x50, mid + 11), "median"));
            nodes.add(styled(new Line(x99, mid - 8, x99, mid + 8), "p99"));
            nodes.add(styled(new Circle(xMax, mid, 3), "max-dot"));
            Label values = new Label(String.format(Locale.ROOT, "p50 %s · p90 %s · p99 %s · max %s ms",
                    ms(l.p50()), ms(l.p90()), ms(l.p99()), ms(l.max())));
            values.getStyleClass().add("box-values");
            values.resizeRelocate(x50, mid + 9, 320, 15);
            nodes.add(values);
            top += ROW_HEIGHT;
        }
        double axisY = top + 6;
        nodes.add(styled(new Line(plotLeft, axisY, plotLeft + plotWidth, axisY), "axis"));
        for (double v : axis.ticks()) {
            double x = axis.x(v);
            nodes.add(styled(new Line(x, PAD, x, axisY), "grid"));
            Label tick = new Label(ms(v));
            tick.getStyleClass().add("axis-label");
            tick.resizeRelocate(x - 30, axisY + 4, 60, 16);
            tick.setAlignment(javafx.geometry.Pos.CENTER);
            nodes.add(tick);
        }
        Label unit = new Label((axis.logarithmic() ? "latency (ms, log scale)" : "latency (ms)")
                + " — whisker min–p99, box p50–p90, bold line p50, orange tick p99, dot max");
        unit.getStyleClass().add("axis-title");
        unit.resizeRelocate(plotLeft, axisY + 22, plotWidth, 16);
        nodes.add(unit);
        // Grid lines go behind the boxes.
        nodes.sort((a, b) -> Boolean.compare(!a.getStyleClass().contains("grid"), !b.getStyleClass().contains("grid")));
        getChildren().setAll(nodes);
    }

    /** Millisecond axis, linear from 0 or logarithmic over whole decades. */
    record Axis(boolean logarithmic, double lo, double hi, double left, double width) {
        static Axis linear(double hi, double left, double width) {
            return new Axis(false, 0, hi, left, width);
        }

        static Axis log(double min, double max, double left, double width) {
            return new Axis(true, Math.pow(10, Math.floor(Math.log10(min))), Math.pow(10, Math.ceil(Math.log10(max))), left, width);
        }

        double x(double v) {
            if (!logarithmic) {
                return left + v / hi * width;
            }
            double clamped = Math.max(v, lo);
            return left + (Math.log10(clamped) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) * width;
        }

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            if (!logarithmic) {
                for (int i = 0; i <= 5; i++) {
                    ticks.add(hi * i / 5);
                }
                return ticks;
            }
            long decades = Math.round(Math.log10(hi / lo));
            for (double d = lo; d <= hi * 1.0001; d *= 10) {
                ticks.add(d);
                if (decades <= 3 && d * 10 <= hi * 1.0001) {
                    ticks.add(d * 2);
                    ticks.add(d * 5);
                }
            }
            return ticks;
        }
    }

    private static <T extends javafx.scene.Node> T styled(T node, String styleClass) {
        node.getStyleClass().add(styleClass);
        return node;
    }

    static String ms(double v) {
        if (v >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (v >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (v >= 0.1 || v == 0) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /** 1, 2, 2.5 or 5 times a power of ten, at least v. */
    static double niceCeiling(double v) {
        if (!(v > 0)) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= v) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
