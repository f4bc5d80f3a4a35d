package dev.onnxworkbench.app.insight;

import dev.onnxworkbench.models.HumanUnits;

import dev.onnxworkbench.app.properties.ModelSummary;
import dev.onnxworkbench.app.properties.PropertyGrid;
import dev.onnxworkbench.models.inspect.TensorReport;
import dev.onnxworkbench.models.tensor.TensorStatistics;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * One tensor of an inspected run: where it came from, its actual type and shape next to the declared
 * one, its statistics (NaN and ±Inf counted apart), a histogram and its first values, and Export .npy.
 */
final class TensorDetailsPane extends VBox {
    private final Consumer<TensorReport> onExport;

    TensorDetailsPane(Consumer<TensorReport> onExport) {
        this.onExport = onExport;
        getStyleClass().add("tensor-details");
        setFillWidth(true);
        clear();
    }

    /** Back to the hint: the pane under the table was a blank half of the tab until a row was clicked. */
    void clear() {
        Label hint = new Label("Click a tensor to see its statistics, histogram and first values.");
        hint.setId("tensor-details-hint");
        hint.setWrapText(true);
        hint.getStyleClass().add("muted");
        hint.setPadding(new javafx.geometry.Insets(12));
        getChildren().setAll(hint);
    }

    /** True when a tensor or profile is shown, not the hint. */
    boolean showsContent() {
        return !getChildren().isEmpty() && getChildren().getFirst().lookup("#tensor-details-hint") == null;
    }

    /** A profile's totals: time per operator type and per execution provider. */
    void showProfile(dev.onnxworkbench.models.profile.ProfileReport report) {
        PropertyGrid grid = new PropertyGrid();
        grid.section("By operator");
        report.opTypes().forEach(o -> grid.mono(o.opType(), String.format(java.util.Locale.ROOT, "%s · %s · %,d calls",
                HumanUnits.millis(o.totalMs() / Math.max(1, report.runs())) + "/run", Numbers.percent(o.share()), o.calls())));
        double all = report.providers().values().stream().mapToDouble(Double::doubleValue).sum();
        grid.section("By execution provider");
        report.providers().forEach((p, ms) -> grid.mono(p, HumanUnits.millis(ms / Math.max(1, report.runs())) + "/run · "
                + Numbers.percent(all == 0 ? 0 : ms / all)));
        getChildren().setAll(grid);
    }

    void show(TensorReport t, String declaredShape) {
        PropertyGrid grid = new PropertyGrid();
        grid.section("Tensor")
                .text("name", t.name())
                .text("produced by", t.producer().isEmpty() ? t.opType() : t.producer() + " (" + t.opType() + ")")
                .mono("type", t.type())
                .mono("actual shape", t.shape() == null ? "" : InspectionOverlay.shape(t.shape()))
                .mono("declared shape", declaredShape);
        TensorStatistics s = t.stats();
        if (s != null) {
            grid.section("Statistics")
                    .mono("elements", ModelSummary.grouped(s.count()))
                    .mono("min", Numbers.format(s.min()))
                    .mono("max", Numbers.format(s.max()))
                    .mono("mean", Numbers.format(s.mean()))
                    .mono("std", Numbers.format(s.std()))
                    .mono("zeros", ModelSummary.grouped(s.zeros()))
                    .mono("NaN", ModelSummary.grouped(s.nanCount()))
                    .mono("+Inf / −Inf", ModelSummary.grouped(s.positiveInfinityCount()) + " / "
                            + ModelSummary.grouped(s.negativeInfinityCount()));
            if (t.histogram() != null && s.count() > 0) {
                grid.node("histogram", new HistogramView(t.histogram()));
            }
            if (!s.first().isEmpty()) {
                String values = s.first().stream().map(Numbers::format).collect(Collectors.joining(", "));
                Label first = new Label(values + (s.count() > s.first().size() ? ", …" : ""));
                first.setWrapText(true);
                first.getStyleClass().add("mono");
                grid.node("first values", first);
            }
        }
        Button export = new Button("Export .npy…");
        export.setMnemonicParsing(false);
        export.setOnAction(e -> onExport.accept(t));
        export.setDisable(t.shape() == null);
        grid.node("", export);
        getChildren().setAll(grid);
    }
}
