package dev.onnxworkbench.app.properties;

import dev.onnxworkbench.models.HumanUnits;

import dev.onnxworkbench.app.diagram.ShapeText;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.graph.Tensor;
import dev.onnxworkbench.models.tensor.TensorStatistics;
import java.util.Locale;
import dev.onnxworkbench.app.task.BackgroundTask;
import dev.onnxworkbench.app.task.TaskExecutor;
import dev.onnxworkbench.app.task.TaskSlot;
import java.util.stream.Collectors;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;

/**
 * A weight's type, shape, size and location at once, then its statistics and first values once a
 * background task has streamed over the (lazy, possibly memory-mapped) bytes.
 */
public final class WeightDetailsPane extends VBox {
    private final TaskExecutor tasks;
    /** Statistics of the tensor shown; choosing another tensor supersedes them. */
    private final TaskSlot statistics = new TaskSlot();

    public WeightDetailsPane(TaskExecutor tasks) {
        this.tasks = tasks;
        getStyleClass().add("weight-details");
    }

    public void clear() {
        cancelRunning();
        getChildren().clear();
    }

    public void show(String role, Tensor tensor) {
        cancelRunning();
        PropertyGrid grid = new PropertyGrid();
        grid.section("Weight" + (role.isEmpty() ? "" : " · " + role))
                .text("name", tensor.name())
                .mono("type", tensor.elementType().displayName() + ShapeText.weight(tensor.dims()))
                .mono("elements", ModelSummary.grouped(tensor.elementCount()))
                .mono("bytes", tensor.elementType() == ElementType.STRING ? "" : HumanUnits.bytes(tensor.byteSize()))
                .text("location", tensor.data() == null ? "" : tensor.data().describeLocation());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(22, 22);
        Label computing = new Label("Computing statistics…");
        computing.getStyleClass().add("muted");
        grid.section("Statistics").node("", new VBox(4, spinner, computing));
        getChildren().setAll(grid);

        BackgroundTask.wrap(() -> TensorStatistics.compute(tensor)).inSlot(statistics)
                .onSuccess(s -> getChildren().setAll(withStatistics(grid, tensor, s)))
                .onFailure(error -> getChildren().setAll(withError(tensor, error)))
                .executeWith(tasks);
    }

    /** True while statistics are being computed (tests wait on it). */
    public boolean isComputing() {
        return statistics.isBusy();
    }

    private PropertyGrid withStatistics(PropertyGrid header, Tensor tensor, TensorStatistics s) {
        PropertyGrid grid = rebuildHeader(tensor, header);
        grid.section("Statistics")
                .mono("min", number(s.min()))
                .mono("max", number(s.max()))
                .mono("mean", number(s.mean()))
                .mono("std", number(s.std()))
                .mono("zeros", ModelSummary.grouped(s.zeros()))
                .mono("NaN", ModelSummary.grouped(s.nanCount()))
                .mono("±Inf", ModelSummary.grouped(s.positiveInfinityCount()) + " / "
                        + ModelSummary.grouped(s.negativeInfinityCount()));
        if (!s.first().isEmpty()) {
            String values = s.first().stream().map(WeightDetailsPane::number).collect(Collectors.joining(", "));
            grid.mono("first values", values + (s.count() > s.first().size() ? ", …" : ""));
        }
        return grid;
    }

    private PropertyGrid withError(Tensor tensor, Throwable error) {
        PropertyGrid grid = rebuildHeader(tensor, null);
        String message = error instanceof WorkbenchException ? error.getMessage()
                : "The values of " + tensor.name() + " could not be read.";
        Label l = new Label(message);
        l.getStyleClass().add("error-text");
        l.setWrapText(true);
        grid.section("Statistics").node("", l);
        return grid;
    }

    /** The header rows again (a grid's rows cannot be removed one by one without bookkeeping). */
    private static PropertyGrid rebuildHeader(Tensor tensor, PropertyGrid previous) {
        PropertyGrid grid = new PropertyGrid();
        if (previous != null && !previous.getChildren().isEmpty()) {
            // copy the first section (title + grid) over
            grid.getChildren().addAll(previous.getChildren().subList(0, 2));
        } else {
            grid.section("Weight").text("name", tensor.name())
                    .mono("type", tensor.elementType().displayName() + ShapeText.weight(tensor.dims()));
        }
        return grid;
    }

    /** A statistic as the panels write it: exact for integers, 6 significant digits, scientific when tiny or huge. */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        return a >= 1e-4 && a < 1e6 ? String.format(Locale.ROOT, "%.6g", v).replaceAll("0+$", "").replaceAll("\\.$", "")
                : String.format(Locale.ROOT, "%.4e", v);
    }

    private void cancelRunning() {
        statistics.supersede();
    }
}
