package dev.onnxworkbench.models.batch;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.runtime.ValueDescriptor;
import dev.onnxworkbench.models.runtime.inputs.InputSpec;
import dev.onnxworkbench.models.runtime.inputs.InputSpecs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which source column feeds which model input, from the model's input metadata: matched by name unless the
 * user maps it ({@code --map input=column}), with each input's element type, its shape per row (free
 * dimensions from {@code --shape} or, when one is left, from the length of the column's arrays) and, for a
 * string input that feeds a category encoder, the categories the encoder knows. Shown before a job starts
 * and saved with it.
 */
public record ColumnMapping(List<Binding> bindings) {

    /** How an input came to its column. */
    public enum How { BY_NAME, MAPPED }

    /**
     * One input and its column. {@code rowShape} is the input's shape for one row (after the batch dimension
     * when {@code batched}); −1 marks a size left free, taken from the first row's array.
     */
    public record Binding(String input, String column, How how, ElementType type, boolean batched, long[] rowShape,
                          List<String> categories) {
        public Binding {
            rowShape = rowShape.clone();
            categories = List.copyOf(categories);
        }

        @Override
        public long[] rowShape() {
            return rowShape.clone();
        }

        /** The shape as the user reads it: N for the batch dimension, ? for a size taken from the data. */
        public String shapeText() {
            List<String> dims = new ArrayList<>();
            if (batched) {
                dims.add("N");
            }
            for (long d : rowShape) {
                dims.add(d < 0 ? "?" : Long.toString(d));
            }
            return "[" + String.join(",", dims) + "]";
        }
    }

    public ColumnMapping {
        bindings = List.copyOf(bindings);
    }

    /**
     * Matches the model's inputs to {@code columns} (empty when the source cannot say before reading, as JSON
     * Lines): {@code mapping} overrides by input name, {@code shapes} gives whole shapes for inputs with free
     * dimensions, {@code categories} per input name (see {@link #categoriesOf}). Throws naming the input, the
     * columns and the fix when an input has no column or a --map names an unknown input or column.
     */
    public static ColumnMapping resolve(List<ValueDescriptor> inputs, Map<String, List<String>> categories,
                                        List<String> columns, Map<String, String> mapping,
                                        Map<String, long[]> shapes) throws WorkbenchException {
        List<String> inputNames = inputs.stream().map(ValueDescriptor::name).toList();
        for (String input : mapping.keySet()) {
            if (!inputNames.contains(input)) {
                throw new WorkbenchException("--map names '" + input + "', which is not an input of the model; its "
                        + "inputs are " + String.join(", ", inputNames) + ".");
            }
        }
        for (String input : shapes.keySet()) {
            if (!inputNames.contains(input)) {
                throw new WorkbenchException("--shape names '" + input + "', which is not an input of the model; its "
                        + "inputs are " + String.join(", ", inputNames) + ".");
            }
        }
        boolean columnsKnown = !columns.isEmpty();
        List<Binding> bindings = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (ValueDescriptor d : inputs) {
            String mapped = mapping.get(d.name());
            String column = mapped != null && !mapped.isBlank() ? mapped.strip() : d.name();
            How how = mapped != null && !mapped.isBlank() ? How.MAPPED : How.BY_NAME;
            if (columnsKnown && !columns.contains(column)) {
                if (how == How.MAPPED) {
                    throw new WorkbenchException("--map " + d.name() + "=" + column + ": the source has no column '"
                            + column + "'; its columns are " + String.join(", ", columns) + ".");
                }
                String folded = caseInsensitive(columns, column);
                if (folded == null) {
                    missing.add(d.name());
                    continue;
                }
                column = folded; // PostgreSQL folds unquoted names to lower case
            }
            bindings.add(bind(d, column, how, categories.getOrDefault(d.name(), List.of()), shapes.get(d.name())));
        }
        if (!missing.isEmpty()) {
            throw new WorkbenchException("The source has no column for the input" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + "; its columns are " + String.join(", ", columns)
                    + ". Map one with --map INPUT=COLUMN (the model's inputs are " + String.join(", ", inputNames)
                    + ").");
        }
        return new ColumnMapping(bindings);
    }

    private static String caseInsensitive(List<String> columns, String name) {
        return columns.stream().filter(c -> c.equalsIgnoreCase(name)).findFirst().orElse(null);
    }

    private static Binding bind(ValueDescriptor d, String column, How how, List<String> categories, long[] shape)
            throws WorkbenchException {
        long[] modelShape = d.shape();
        boolean batched = modelShape.length > 0 && modelShape[0] < 0;
        long[] rowShape = batched ? Arrays.copyOfRange(modelShape, 1, modelShape.length) : modelShape.clone();
        if (shape != null) {
            if (shape.length != modelShape.length) {
                throw new WorkbenchException("--shape " + d.name() + " gives " + shape.length + " dimensions; the "
                        + "input has " + modelShape.length + " (" + d.typeText() + ").");
            }
            long[] given = batched ? Arrays.copyOfRange(shape, 1, shape.length) : shape;
            for (int i = 0; i < rowShape.length; i++) {
                if (rowShape[i] >= 0 && given[i] != rowShape[i]) {
                    throw new WorkbenchException("--shape " + d.name() + " sets dimension " + (i + (batched ? 1 : 0))
                            + " to " + given[i] + ", but the model fixes it at " + rowShape[i] + ".");
                }
                rowShape[i] = given[i];
            }
        }
        long free = Arrays.stream(rowShape).filter(x -> x < 0).count();
        if (free > 1) {
            throw new WorkbenchException("The input '" + d.name() + "' (" + d.typeText() + ") has " + free
                    + " free dimensions besides the batch; give its shape with --shape " + d.name() + "=D0,D1,… "
                    + "(one free size can come from the length of the column's arrays).");
        }
        return new Binding(d.name(), column, how, d.elementType(), batched, rowShape, categories);
    }

    /** The categories each string input's encoder knows (empty list for other inputs), from the model file. */
    public static Map<String, List<String>> categoriesOf(Path model) {
        Map<String, List<String>> out = new HashMap<>();
        try {
            for (InputSpec spec : InputSpecs.derive(new OnnxReader().read(model))) {
                if (!spec.categories().isEmpty()) {
                    out.put(spec.name(), spec.categories());
                }
            }
        } catch (WorkbenchException | RuntimeException e) {
            // ONNX Runtime opened the file; without its metadata no categories are checked beyond the encoder's own
        }
        return out;
    }

    /** The user's choices to save with a job: input → column for every input not matched by its own name. */
    public Map<String, String> overrides() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Binding b : bindings) {
            if (!b.column().equals(b.input())) {
                out.put(b.input(), b.column());
            }
        }
        return out;
    }

    /** A table for the terminal: input, type, shape, column, how it was matched, the encoder's categories. */
    public String describe() {
        int wi = Math.max(5, bindings.stream().mapToInt(b -> b.input().length()).max().orElse(0));
        int wc = Math.max(6, bindings.stream().mapToInt(b -> b.column().length()).max().orElse(0));
        int ws = Math.max(5, bindings.stream().mapToInt(b -> b.shapeText().length()).max().orElse(0));
        String format = "%-" + wi + "s  %-8s  %-" + ws + "s  %-" + wc + "s  %s%n";
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, format, "input", "type", "shape", "column",
                "matched"));
        for (Binding b : bindings) {
            String how = b.how() == How.MAPPED ? "--map" : "by name";
            if (!b.categories().isEmpty()) {
                how += "; categories " + b.categories().stream().limit(8).collect(Collectors.joining(", "))
                        + (b.categories().size() > 8 ? ", … (" + b.categories().size() + ")" : "");
            }
            out.append(String.format(Locale.ROOT, format, b.input(),
                    b.type() == null ? "?" : b.type().displayName(), b.shapeText(), b.column(), how));
        }
        return out.toString();
    }
}
