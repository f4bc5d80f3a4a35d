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
    private static final double ROW_HEIGHT = 34;
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
        double max = rows.stream().mapToDouble(r -> r.latency().max()).max().orElse(1);
        double axisMax = niceCeiling(max);
        double plotLeft = PAD + LABEL_WIDTH;
        double plotWidth = Math.max(50, width - plotLeft - PAD - 10);
        List<javafx.scene.Node> nodes = new ArrayList<>();
        double top = PAD;
        for (ProviderResult r : rows) {
            LatencyStats l = r.latency();
            double mid = top + ROW_HEIGHT / 2;
            Label name = new Label(r.variant().label());
            name.getStyleClass().add("box-label");
            name.resizeRelocate(PAD, mid - 10, LABEL_WIDTH - 8, 20);
            nodes.add(name);
            double xMin = plotLeft + l.min() / axisMax * plotWidth;
            double x50 = plotLeft + l.p50() / axisMax * plotWidth;
            double x90 = plotLeft + l.p90() / axisMax * plotWidth;
            double x99 = plotLeft + l.p99() / axisMax * plotWidth;
            double xMax = plotLeft + l.max() / axisMax * plotWidth;
            nodes.add(styled(new Line(xMin, mid, x99, mid), "whisker"));
            nodes.add(styled(new Line(xMin, mid - 6, xMin, mid + 6), "whisker"));
            Rectangle box = new Rectangle(x50, mid - 9, Math.max(2, x90 - x50), 18);
            nodes.add(styled(box, "box"));
            nodes.add(styled(new Line(x50, mid - 11, x50, mid + 11), "median"));
            nodes.add(styled(new Line(x99, mid - 8, x99, mid + 8), "p99"));
            nodes.add(styled(new Circle(xMax, mid, 3), "max-dot"));
            Label values = new Label(String.format(Locale.ROOT, "p50 %s · p90 %s · p99 %s ms", ms(l.p50()), ms(l.p90()), ms(l.p99())));
            values.getStyleClass().add("box-values");
            double valuesX = Math.min(xMax + 10, plotLeft + plotWidth - 190);
            boolean below = valuesX < x99 + 4;
            values.resizeRelocate(below ? x50 : valuesX, below ? mid + 8 : mid - 9, 200, 16);
            nodes.add(values);
            top += ROW_HEIGHT;
        }
        double axisY = top + 6;
        nodes.add(styled(new Line(plotLeft, axisY, plotLeft + plotWidth, axisY), "axis"));
        for (int i = 0; i <= 5; i++) {
            double v = axisMax * i / 5;
            double x = plotLeft + plotWidth * i / 5;
            nodes.add(styled(new Line(x, PAD, x, axisY), "grid"));
            Label tick = new Label(ms(v));
            tick.getStyleClass().add("axis-label");
            tick.resizeRelocate(x - 30, axisY + 4, 60, 16);
            tick.setAlignment(javafx.geometry.Pos.CENTER);
            nodes.add(tick);
        }
        Label unit = new Label("latency (ms) — whisker min–p99, box p50–p90, tick p99, dot max");
        unit.getStyleClass().add("axis-title");
        unit.resizeRelocate(plotLeft, axisY + 22, plotWidth, 16);
        nodes.add(unit);
        // Grid lines go behind the boxes.
        nodes.sort((a, b) -> Boolean.compare(!a.getStyleClass().contains("grid"), !b.getStyleClass().contains("grid")));
        getChildren().setAll(nodes);
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
