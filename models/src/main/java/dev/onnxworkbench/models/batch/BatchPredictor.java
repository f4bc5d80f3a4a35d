package dev.onnxworkbench.models.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.PredictionResult;
import dev.onnxworkbench.models.runtime.ValueDescriptor;
import dev.onnxworkbench.models.runtime.inputs.InputSpecs;
import dev.onnxworkbench.models.runtime.inputs.ValueRules;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.OutputValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The model applied to batches of rows: each mapped column's cell parsed into its input (the column mapping
 * says which column feeds which input), {@code batch} rows per model run, and per row either its output cells
 * (one per output value, see {@link #outputColumns()}) or the reason it has none. A row that does not parse,
 * or that ONNX Runtime refuses, gets its message and the rest of the batch goes on (a failed batch is re-run
 * row by row to find the culprit). Used by {@link BatchJobRunner} here and per partition by the Spark job.
 * Not thread-safe: one predictor per thread, as one session per partition.
 */
public final class BatchPredictor {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ModelSession session;
    private final ColumnMapping mapping;
    private final int batch;
    private final int requested;
    private final List<InputColumn> inputs = new ArrayList<>();
    private final List<ValueDescriptor> outputs;
    private List<String> outputColumns;
    private List<ColumnType> outputTypes;
    private long[] valuesPerRow;
    private int[] columnIndex; // per input, its column in the rows' columns
    private List<String> indexedColumns;
    private MediaColumns media = MediaColumns.DEFAULTS;
    private dev.onnxworkbench.models.graph.Model model; // read at the first path cell, for the inputs' specs and strides

    /** Inputs matched to columns of the same name; finite values only (as every door without --allow-non-finite). */
    public BatchPredictor(ModelSession session, int batch) throws WorkbenchException {
        this(session, batch, ValueRules.STRICT);
    }

    /**
     * Inputs matched to columns of the same name. Cells are parsed and checked by the one validator with
     * {@code rules}; strings against the categories of the encoders in the session's model file. A bad cell
     * fails its row (the error column says why), never becomes a default.
     */
    public BatchPredictor(ModelSession session, int batch, ValueRules rules) throws WorkbenchException {
        this(session, byName(session), batch, rules);
    }

    /** With the user's column mapping; finite values only. */
    public BatchPredictor(ModelSession session, ColumnMapping mapping, int batch) throws WorkbenchException {
        this(session, mapping, batch, ValueRules.STRICT);
    }

    public BatchPredictor(ModelSession session, ColumnMapping mapping, int batch, ValueRules rules)
            throws WorkbenchException {
        if (batch < 1) {
            throw new WorkbenchException("The batch size must be 1 or more, not " + batch + ".");
        }
        this.session = session;
        this.mapping = mapping;
        this.requested = batch;
        boolean batchable = true;
        Map<String, ValueDescriptor> byName = session.inputsByName();
        for (ColumnMapping.Binding b : mapping.bindings()) {
            ValueDescriptor d = byName.get(b.input());
            if (d == null) {
                throw new WorkbenchException("The mapping names '" + b.input() + "', which is not an input of "
                        + session.modelPath().getFileName() + ".");
            }
            batchable &= b.batched();
        }
        // Without a variable first dimension on every input, each row is one run of the model's own shape.
        this.batch = batchable ? batch : 1;
        for (ColumnMapping.Binding b : mapping.bindings()) {
            inputs.add(new InputColumn(b, byName.get(b.input()), this.batch, rules));
        }
        this.outputs = session.outputs();
        for (InputColumn c : inputs) {
            c.media(() -> mediaOf(c.name));
        }
    }

    /**
     * How columns of picture or recording paths become values: the settings per input and the folder relative
     * paths resolve against (a job run from a file sets it to the file's folder when it is not set).
     */
    public void media(MediaColumns settings) {
        this.media = settings;
        for (InputColumn c : inputs) {
            c.media(() -> mediaOf(c.name));
        }
    }

    public MediaColumns media() {
        return media;
    }

    private InputColumn.Media mediaOf(String input) {
        if (model == null) {
            if (session.modelPath() == null) {
                throw new IllegalArgumentException("'" + input + "': pictures and recordings need the model file, "
                        + "and this session has none");
            }
            try {
                model = new dev.onnxworkbench.models.onnx.OnnxReader().read(session.modelPath());
            } catch (WorkbenchException e) {
                throw new IllegalArgumentException("'" + input + "': pictures and recordings need the model's input "
                        + "description, and " + session.modelPath().getFileName() + " could not be read: "
                        + e.getMessage());
            }
        }
        dev.onnxworkbench.models.runtime.inputs.InputSpec spec = InputSpecs.derive(model).stream()
                .filter(s -> s.name().equals(input)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                        "'" + input + "' is not an input of " + session.modelPath().getFileName()));
        return new InputColumn.Media(spec, media.images().get(input), media.audio().get(input),
                dev.onnxworkbench.models.runtime.inputs.ModelStride.of(model.graph(), input), media);
    }

    private static ColumnMapping byName(ModelSession session) throws WorkbenchException {
        Map<String, List<String>> categories = new HashMap<>();
        InputSpecs.of(session).forEach(spec -> categories.put(spec.name(), spec.categories()));
        return ColumnMapping.resolve(session.inputs(), categories, List.of(), Map.of(), Map.of());
    }

    /** Rows per model run: the batch asked for, or 1 when an input has no free first dimension. */
    public int batchSize() {
        return batch;
    }

    /** The batch size asked for: how many rows a job reads, writes and commits at a time. */
    public int requestedBatch() {
        return requested;
    }

    public ColumnMapping mapping() {
        return mapping;
    }

    /** The session the predictor runs (its provider and model path say what ran). */
    public ModelSession session() {
        return session;
    }

    /**
     * Output column names: the output's name, or NAME_0, NAME_1… when it has several values per row (as the
     * first successful run showed; before one, unknown sizes count as 1).
     */
    public List<String> outputColumns() {
        if (outputColumns == null) {
            computeOutputColumns();
        }
        return outputColumns;
    }

    /** The type of each output column, aligned with {@link #outputColumns()}: maps and sequences are JSON text. */
    public List<ColumnType> outputTypes() {
        if (outputTypes == null) {
            computeOutputColumns();
        }
        return outputTypes;
    }

    /** Predicts up to {@link #batchSize()} rows (more are split into several runs) whose cells align with {@code columns}. */
    public PredictedBatch predict(List<String> columns, List<Row> rows) {
        return predict(columns, rows, new String[rows.size()]);
    }

    /**
     * As {@link #predict(List, List)}, with rows that already failed ({@code readErrors[i]} not null: a source
     * row that could not be read) kept in place with their error.
     */
    public PredictedBatch predict(List<String> columns, List<Row> rows, String[] readErrors) {
        Object[][] values = new Object[rows.size()][];
        String[] errors = readErrors.clone();
        int from = 0;
        while (from < rows.size()) {
            int[] rowOfSlot = new int[batch];
            int filled = 0;
            int i = from;
            for (; i < rows.size() && filled < batch; i++) {
                if (errors[i] != null) {
                    continue;
                }
                String error = fill(columns, rows.get(i), filled);
                if (error == null) {
                    rowOfSlot[filled++] = i;
                } else {
                    errors[i] = error;
                }
            }
            runSlots(filled, rowOfSlot, values, errors);
            from = i;
        }
        if (outputColumns == null) {
            computeOutputColumns();
        }
        return new PredictedBatch(List.copyOf(columns), List.copyOf(rows), values, errors);
    }

    /** Reads {@code in}, writes {@code out} (files, as before sources and sinks); stops early when cancelled. */
    public BatchSummary run(Path in, Path out, BatchListener listener, BooleanSupplier cancelled)
            throws WorkbenchException {
        return new BatchJobRunner(this).run(new SourceSpec.File(in), new SinkSpec.File(out), List.of(), false,
                listener, cancelled);
    }

    private String fill(List<String> columns, Row row, int slot) {
        if (columnIndex == null || indexedColumns != columns) { // JSON Lines may add columns as it goes
            indexedColumns = columns;
            columnIndex = inputs.stream().mapToInt(c -> columns.indexOf(c.column)).toArray();
        }
        try {
            for (int k = 0; k < inputs.size(); k++) {
                inputs.get(k).put(slot, row.cell(columnIndex[k]));
            }
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** Runs the filled slots as one batch (slot by slot if the batch fails, to find the culprit). */
    private void runSlots(int filled, int[] rowOfSlot, Object[][] values, String[] errors) {
        if (filled == 0) {
            return;
        }
        Object[][] bySlot = new Object[filled][];
        try {
            split(run(filled, 0), filled, bySlot, 0);
        } catch (WorkbenchException | RuntimeException batchFailed) {
            for (int slot = 0; slot < filled; slot++) {
                try {
                    split(run(1, slot), 1, bySlot, slot);
                } catch (WorkbenchException | RuntimeException e) {
                    errors[rowOfSlot[slot]] = e.getMessage();
                }
            }
        }
        for (int slot = 0; slot < filled; slot++) {
            if (bySlot[slot] != null) {
                values[rowOfSlot[slot]] = bySlot[slot];
            }
        }
    }

    private Map<String, OutputValue> run(int rows, int fromSlot) throws WorkbenchException {
        Map<String, HostTensor> feeds = new HashMap<>();
        for (InputColumn c : inputs) {
            feeds.put(c.name, c.tensor(rows, fromSlot));
        }
        PredictionResult result = session.run(feeds);
        return result.outputs();
    }

    /**
     * Splits each output along its first dimension into per-row cells, row {@code first} onwards: one array
     * per row, sized once (a million rows make a million of them, so no lists that grow).
     */
    private void split(Map<String, OutputValue> result, int rows, Object[][] into, int first)
            throws WorkbenchException {
        int[] perRow = new int[outputs.size()];
        int width = 0;
        for (int o = 0; o < outputs.size(); o++) {
            ValueDescriptor d = outputs.get(o);
            OutputValue value = result.get(d.name());
            switch (value) {
                case OutputValue.TensorValue(HostTensor t) -> {
                    long count = t.elementCount();
                    if (t.rank() == 0 || count % rows != 0 || (rows > 1 && t.shape()[0] != rows)) {
                        throw new WorkbenchException("The output '" + d.name() + "' (" + t.describe()
                                + ") does not hold one entry per input row.");
                    }
                    perRow[o] = Math.toIntExact(count / rows);
                    observe(d, perRow[o]);
                }
                case OutputValue.SequenceValue s when s.elements().size() == rows -> perRow[o] = 1;
                case null -> throw new WorkbenchException("ONNX Runtime returned no value for '" + d.name() + "'.");
                default -> throw new WorkbenchException("The output '" + d.name() + "' (" + value.describe()
                        + ") does not hold one entry per input row.");
            }
            width += perRow[o];
        }
        Object[][] cellsOf = new Object[rows][];
        for (int r = 0; r < rows; r++) {
            cellsOf[r] = new Object[width];
        }
        int at = 0;
        for (int o = 0; o < outputs.size(); o++) {
            OutputValue value = result.get(outputs.get(o).name());
            int k = perRow[o];
            for (int r = 0; r < rows; r++) {
                Object[] cells = cellsOf[r];
                if (value instanceof OutputValue.TensorValue(HostTensor t)) {
                    for (int i = 0; i < k; i++) {
                        cells[at + i] = cell(t, (long) r * k + i);
                    }
                } else {
                    cells[at] = JSON.valueToTree(asJson(((OutputValue.SequenceValue) value).elements().get(r)));
                }
            }
            at += k;
        }
        System.arraycopy(cellsOf, 0, into, first, rows); // only a batch split whole counts
    }

    private void observe(ValueDescriptor d, int k) {
        if (valuesPerRow == null) {
            valuesPerRow = new long[outputs.size()];
        }
        int i = outputs.indexOf(d);
        if (valuesPerRow[i] == 0) {
            valuesPerRow[i] = k;
        }
    }

    private static Object asJson(OutputValue v) {
        return switch (v) {
            case OutputValue.MapValue m -> {
                Map<String, Object> map = new LinkedHashMap<>();
                m.entries().forEach((k, val) -> map.put(String.valueOf(k), val));
                yield map;
            }
            case OutputValue.TensorValue(HostTensor t) -> t.firstValues((int) Math.min(t.elementCount(), 1 << 20));
            case OutputValue.SequenceValue s -> s.elements().stream().map(BatchPredictor::asJson).toList();
        };
    }

    private static Object cell(HostTensor t, long index) {
        if (t.isString()) {
            return t.format(index);
        }
        return switch (t.elementType()) {
            case FLOAT, FLOAT16, BFLOAT16 -> (float) t.getDouble(index);
            case DOUBLE -> t.getDouble(index);
            case BOOL -> t.getDouble(index) != 0;
            default -> t.getLong(index);
        };
    }

    private void computeOutputColumns() {
        List<String> names = new ArrayList<>();
        List<ColumnType> types = new ArrayList<>();
        for (int index = 0; index < outputs.size(); index++) {
            ValueDescriptor d = outputs.get(index);
            long k = valuesPerRow == null ? 0 : valuesPerRow[index];
            if (k == 0 && d.kind() == ValueDescriptor.Kind.TENSOR) {
                long[] shape = d.shape();
                k = 1;
                for (int i = 1; i < shape.length; i++) {
                    k *= Math.max(shape[i], 1); // unknown sizes count as 1 until a run shows more
                }
            }
            ColumnType type = d.kind() == ValueDescriptor.Kind.TENSOR ? ColumnType.of(d.elementType()) : ColumnType.TEXT;
            if (k <= 1) {
                names.add(d.name());
                types.add(type);
            } else {
                for (int i = 0; i < k; i++) {
                    names.add(d.name() + "_" + i);
                    types.add(type);
                }
            }
        }
        outputColumns = List.copyOf(names);
        outputTypes = List.copyOf(types);
    }
}
