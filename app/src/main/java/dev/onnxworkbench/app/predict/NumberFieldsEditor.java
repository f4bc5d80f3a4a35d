package dev.onnxworkbench.app.predict;

import javafx.scene.control.Control;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;

import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.runtime.inputs.InputSpec;
import dev.onnxworkbench.models.runtime.inputs.InputSpecs;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.runtime.inputs.TensorSizes;
import dev.onnxworkbench.models.runtime.inputs.ValueParser;
import dev.onnxworkbench.models.runtime.inputs.ValueRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import javafx.beans.Observable;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;

/**
 * Number fields for scalars and small tensors, one per value, named from the graph where it can
 * (otherwise by index). Each field is checked as the user types and marked when it does not parse.
 * When the chosen sizes ask for more values than fit in a tidy grid, one text area takes them all.
 */
final class NumberFieldsEditor extends InputEditor {

    /** Widest last axis laid out as columns in a sidebar. */
    private static final int MAX_MATRIX_COLUMNS = 6;

    private final StackPane root = new StackPane();
    private final List<TextField> fields = new ArrayList<>();
    private final TextArea bulk = new TextArea();
    private final SimpleIntegerProperty revision = new SimpleIntegerProperty();
    /**
     * ControlsFX validation: a field whose text is not a value of the element type (out of its range, a
     * decimal comma, not a number) gets the error decoration with the message as its tooltip, on top of the
     * row's message line. The check itself is one call, {@link ValueParser#check}.
     */
    private final ValidationSupport validation = new ValidationSupport();
    private long[] shape;

    NumberFieldsEditor(InputSpec spec) {
        super(spec);
        root.getStyleClass().add("number-fields");
        bulk.setPrefRowCount(3);
        bulk.setWrapText(true);
        bulk.setPromptText("values separated by commas or spaces");
        bulk.textProperty().addListener(o -> touch());
        layoutFor(spec.concreteShape(Map.of()));
    }

    @Override
    Node view() {
        return root;
    }

    @Override
    Observable changes() {
        return revision;
    }

    /** The form's ControlsFX validation (its current result names every refused field and why). */
    ValidationSupport validation() {
        return validation;
    }

    /** The value fields currently shown (one per value), for tests and keyboard focus. */
    List<TextField> fields() {
        return List.copyOf(fields);
    }

    @Override
    void resize(Map<String, Long> sizes) {
        long[] wanted = spec.concreteShape(sizes);
        if (!Arrays.equals(wanted, shape) && TensorSizes.byteCount(spec.elementType(), wanted) < (1L << 20)) {
            layoutFor(wanted);
        }
    }

    @Override
    String problem(Map<String, Long> sizes) {
        long[] wanted = spec.concreteShape(sizes);
        String fits = messageOf(() -> TensorSizes.checkFits(spec.name(), spec.elementType(), wanted));
        if (fits != null) {
            return fits;
        }
        if (!Arrays.equals(wanted, shape)) {
            return spec.name() + ": these sizes need " + CategoryEditor.count(wanted)
                    + " values; type them in a file and load it.";
        }
        if (fields.isEmpty()) {
            return messageOf(() -> ValueParser.parse(spec, bulk.getText(), shape, rules));
        }
        String first = null;
        for (int i = 0; i < fields.size(); i++) {
            TextField field = fields.get(i);
            String text = field.getText().strip();
            String message = text.isEmpty() ? "Enter a value." : ValueParser.check(spec.elementType(), text, rules).orElse(null);
            mark(field, message);
            if (message != null && first == null) {
                first = (fields.size() > 1 ? fieldLabel(i) + ": " : "") + message;
            }
        }
        return first;
    }

    @Override
    Callable<HostTensor> snapshot(Map<String, Long> sizes) {
        String text = typed(sizes);
        long[] wanted = spec.concreteShape(sizes);
        ValueRules now = rules;
        return () -> ValueParser.parse(spec, text, wanted, now);
    }

    @Override
    String typed(Map<String, Long> sizes) {
        return fields.isEmpty() ? bulk.getText()
                : fields.stream().map(f -> f.getText().strip()).collect(Collectors.joining(","));
    }

    @Override
    boolean isEmpty() {
        return fields.isEmpty() ? bulk.getText().isBlank() : fields.stream().allMatch(f -> f.getText().isBlank());
    }

    @Override
    String save() {
        return fields.isEmpty() ? bulk.getText()
                : fields.stream().map(f -> f.getText().strip()).collect(Collectors.joining(", "));
    }

    @Override
    void restore(String saved) {
        if (saved == null) {
            return;
        }
        if (fields.isEmpty()) {
            bulk.setText(saved);
            return;
        }
        List<String> tokens = spec.elementType() == ElementType.STRING && fields.size() == 1
                ? List.of(saved) : ValueParser.tokens(saved);
        for (int i = 0; i < fields.size() && i < tokens.size(); i++) {
            fields.get(i).setText(tokens.get(i));
        }
    }

    @Override
    void show(HostTensor value) {
        if (!Arrays.equals(value.shape(), shape) || value.elementType() != spec.elementType()) {
            return;
        }
        OutputValue.TensorOutput readable = new OutputValue.TensorOutput(spec.name(), value);
        List<String> texts = new ArrayList<>();
        for (long i = 0; i < value.elementCount(); i++) {
            texts.add(readable.format(i));
        }
        if (fields.isEmpty()) {
            bulk.setText(String.join(", ", texts));
        } else {
            for (int i = 0; i < fields.size(); i++) {
                fields.get(i).setText(texts.get(i));
                mark(fields.get(i), null);
            }
        }
    }

    private void layoutFor(long[] newShape) {
        List<String> previous = fields.stream().map(TextField::getText).toList();
        shape = newShape;
        fields.clear();
        long count = CategoryEditor.count(newShape);
        if (count > InputSpecs.MAX_GRID_VALUES) {
            if (bulk.getText().isEmpty()) {
                bulk.setText(String.join(", ", previous));
            }
            root.getChildren().setAll(bulk);
            touch();
            return;
        }
        GridPane grid = new GridPane();
        grid.getStyleClass().add("value-grid");
        // Unnamed values of a matrix-like shape are laid out as its rows and columns; others one per line.
        int width = newShape.length >= 2 && spec.fieldNames().isEmpty() && newShape[newShape.length - 1] > 1
                && newShape[newShape.length - 1] <= MAX_MATRIX_COLUMNS ? (int) newShape[newShape.length - 1] : 1;
        for (int i = 0; i < count; i++) {
            TextField field = new TextField(i < previous.size() ? previous.get(i) : "");
            field.getStyleClass().add("value-field");
            field.setId(count == 1 ? "input-" + spec.name() : "input-" + spec.name() + "-" + i);
            field.setPromptText(spec.elementType().displayName());
            field.setPrefColumnCount(width > 1 ? 4 : 10);
            field.textProperty().addListener(o -> touch());
            validation.registerValidator(field, false, (Control control, String text) -> {
                String message = text == null || text.isBlank() ? null : ValueParser.check(spec.elementType(), text, rules).orElse(null);
                return ValidationResult.fromErrorIf(control, message, message != null);
            });
            GridPane.setHgrow(field, Priority.ALWAYS);
            fields.add(field);
            if (count == 1) {
                grid.add(field, 0, 0);
            } else if (width > 1) {
                if (i % width == 0) {
                    Label row = new Label(rowLabel(i));
                    row.getStyleClass().add("field-name");
                    grid.add(row, 0, i / width + 1);
                }
                grid.add(field, i % width + 1, i / width + 1);
            } else {
                Label label = new Label(fieldLabel(i));
                label.getStyleClass().add("field-name");
                label.setLabelFor(field);
                grid.add(label, 0, i);
                grid.add(field, 1, i);
            }
        }
        if (width > 1) {
            for (int c = 0; c < width; c++) {
                Label column = new Label(Integer.toString(c));
                column.getStyleClass().add("field-name");
                GridPane.setHalignment(column, javafx.geometry.HPos.RIGHT);
                grid.add(column, c + 1, 0);
            }
        } else if (count > 1) {
            ColumnConstraints labels = new ColumnConstraints();
            ColumnConstraints values = new ColumnConstraints();
            values.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().setAll(labels, values);
        }
        root.getChildren().setAll(grid);
        touch();
    }

    /** "[1,2,:]" for the row that starts at flat index {@code start}. */
    private String rowLabel(int start) {
        String index = indexText(start);
        return index.substring(0, index.lastIndexOf(',') + 1) + ":]";
    }

    /** The name of value {@code i}: the graph's field name (with the row for batches) or its index. */
    private String fieldLabel(int i) {
        List<String> names = spec.fieldNames();
        int width = shape.length == 0 ? 1 : (int) shape[shape.length - 1];
        if (!names.isEmpty() && names.size() == width) {
            long rows = CategoryEditor.count(shape) / Math.max(1, width);
            String name = names.get(i % width);
            return rows > 1 ? name + " [" + i / width + "]" : name;
        }
        return indexText(i);
    }

    private String indexText(long flat) {
        long[] index = new long[shape.length];
        for (int axis = shape.length - 1; axis >= 0; axis--) {
            index[axis] = flat % Math.max(1, shape[axis]);
            flat /= Math.max(1, shape[axis]);
        }
        return Arrays.stream(index).mapToObj(Long::toString).collect(Collectors.joining(",", "[", "]"));
    }

    private static void mark(TextField field, String message) {
        field.getStyleClass().remove("invalid");
        if (message != null) {
            field.getStyleClass().add("invalid");
            field.setTooltip(new Tooltip(message));
        } else {
            field.setTooltip(null);
        }
    }

    private void touch() {
        revision.set(revision.get() + 1);
    }
}
