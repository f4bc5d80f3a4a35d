package dev.onnxworkbench.app.insight;

import dev.onnxworkbench.models.inspect.TensorReport;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/** The inspected tensors in topological order, sortable; rows holding NaN or ±Inf are marked. */
final class TensorTable extends TableView<TensorReport> {

    TensorTable() {
        setId("inspect-tensors");
        getStyleClass().add("insight-table");
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setPlaceholder(new javafx.scene.control.Label("Run ▸ Run and Inspect to see every tensor of a run."));
        TableColumn<TensorReport, Number> order = column("#", r -> r.nodeIndex());
        order.setPrefWidth(38);
        order.setMaxWidth(50);
        TableColumn<TensorReport, String> name = column("tensor", TensorReport::name);
        name.setPrefWidth(120);
        TableColumn<TensorReport, String> op = column("operator", TensorReport::opType);
        op.setPrefWidth(80);
        TableColumn<TensorReport, String> shape = column("shape",
                r -> r.shape() == null ? r.type() : InspectionOverlay.shape(r.shape()));
        // Shapes of detectors run to 1×96×160×160: wide enough for four dims, the full text in a tooltip.
        shape.setPrefWidth(150);
        shape.setMinWidth(110);
        shape.setCellFactory(c -> new TextCell<>());
        name.setCellFactory(c -> new TextCell<>());
        TableColumn<TensorReport, Number> max = column("max |x|", r -> r.stats() == null ? Double.NaN
                : Math.max(Math.abs(r.stats().min()), Math.abs(r.stats().max())));
        max.setCellFactory(c -> new NumberCell<>(Numbers::format));
        getColumns().setAll(java.util.List.of(order, name, op, shape, max));
        setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(TensorReport item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("non-finite"),
                        !empty && item != null && item.hasNonFinite());
            }
        });
    }

    static <S, T> TableColumn<S, T> column(String title, Function<S, T> value) {
        TableColumn<S, T> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        // The constrained policy shrinks columns to fit the pane; never below the title ("opera..." hid it).
        c.setMinWidth(titleWidth(title));
        return c;
    }

    /** Room for a column title with the header's padding and sort arrow. */
    static double titleWidth(String title) {
        return new javafx.scene.text.Text(title).getLayoutBounds().getWidth() * 1.15 + 24;
    }

    /** Text that may not fit: cut in the middle (both ends tell names apart), the whole in a tooltip. */
    static final class TextCell<S> extends javafx.scene.control.TableCell<S, String> {
        TextCell() {
            setTextOverrun(javafx.scene.control.OverrunStyle.CENTER_ELLIPSIS);
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty ? null : item);
            setTooltip(empty || item == null ? null : new javafx.scene.control.Tooltip(item));
        }
    }

    /** A right-aligned number cell with the given notation. */
    static final class NumberCell<S> extends javafx.scene.control.TableCell<S, Number> {
        private final Function<Double, String> format;

        NumberCell(Function<Double, String> format) {
            this.format = format;
            getStyleClass().add("number-cell");
        }

        @Override
        protected void updateItem(Number item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : format.apply(item.doubleValue()));
        }
    }
}
