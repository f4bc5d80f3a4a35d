package dev.onnxworkbench.models.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onnxworkbench.models.IoReasons;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.PredictionResult;
import dev.onnxworkbench.models.runtime.ValueDescriptor;
import dev.onnxworkbench.models.runtime.inputs.InputSpecs;
import dev.onnxworkbench.models.runtime.inputs.ValueRules;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.OutputValue;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * Predicts a file of rows: columns matched to the model's inputs by name, read and run {@code batch} rows
 * at a time (memory stays bounded by the batch, whatever the file's size), written in input order with
 * the row's columns, one column per output value and {@code error}. A row that does not parse, or that
 * ONNX Runtime refuses, gets its message in {@code error} and the run goes on.
 */
public final class BatchPredictor {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ModelSession session;
    private final int batch;
    private final List<InputColumn> inputs = new ArrayList<>();
    private final List<ValueDescriptor> outputs;
    private List<String> outputColumns;
    private long[] valuesPerRow;
    private int[] columnIndex; // per input, its column in the reader's columns
    private int indexedColumns; // per output, as the first successful run showed

    /** Finite values only (as every door without {@code --allow-non-finite}). */
    public BatchPredictor(ModelSession session, int batch) throws WorkbenchException {
        this(session, batch, ValueRules.STRICT);
    }

    /**
     * Cells are parsed and checked by the one validator with {@code rules}; strings against the categories of
     * the encoders in the session's model file. A bad cell fails its row (the error column says why), never
     * becomes a default.
     */
    public BatchPredictor(ModelSession session, int batch, ValueRules rules) throws WorkbenchException {
        if (batch < 1) {
            throw new WorkbenchException("The batch size must be 1 or more, not " + batch + ".");
        }
        this.session = session;
        boolean batchable = true;
        Map<String, List<String>> categories = new HashMap<>();
        InputSpecs.of(session).forEach(spec -> categories.put(spec.name(), spec.categories()));
        for (ValueDescriptor d : session.inputs()) {
            InputColumn c = new InputColumn(d, batch, categories.getOrDefault(d.name(), List.of()), rules);
            batchable &= c.batched;
            inputs.add(c);
        }
        // Without a variable first dimension on every input, each row is one run of the model's own shape.
        this.batch = batchable ? batch : 1;
        this.outputs = session.outputs();
    }

    /** Reads {@code in}, writes {@code out}; stops early (files closed, rows so far written) when cancelled. */
    public BatchSummary run(Path in, Path out, BatchListener listener, BooleanSupplier cancelled)
            throws WorkbenchException {
        long start = System.nanoTime();
        long rows = 0;
        long errors = 0;
        ExecutorService writing = Executors.newSingleThreadExecutor(r -> new Thread(r, "predict-batch-writer"));
        Future<?> lastWrite = CompletableFuture.completedFuture(null);
        try (RowReader reader = RowReader.open(in); RowWriter writer = RowWriter.open(out)) {
            if (reader instanceof CsvRowReader) {
                List<String> missing = inputs.stream().map(c -> c.name).filter(n -> !reader.columns().contains(n))
                        .toList();
                if (!missing.isEmpty()) {
                    throw new WorkbenchException(in.getFileName() + " has no column " + String.join(", ", missing)
                            + "; its header names " + String.join(", ", reader.columns()) + ", and the model's "
                            + "inputs are " + String.join(", ", inputs.stream().map(c -> c.name).toList()) + ".");
                }
            }
            boolean end = false;
            while (!end && !cancelled.getAsBoolean()) {
                List<Pending> pending = new ArrayList<>(batch);
                int filled = 0;
                while (filled < batch) {
                    Row row;
                    try {
                        row = reader.next();
                    } catch (RowReader.RowException e) {
                        pending.add(new Pending(new Row(e.number, new String[] {e.text}, null), -1, e.getMessage()));
                        continue;
                    }
                    if (row == null) {
                        end = true;
                        break;
                    }
                    String error = fill(reader.columns(), row, filled);
                    pending.add(new Pending(row, error == null ? filled : -1, error));
                    if (error == null) {
                        filled++;
                    }
                }
                Written batch = runBatch(pending, filled, reader.columns());
                errors += batch.errors();
                rows += pending.size();
                waitFor(lastWrite); // at most one batch waits to be written: memory stays bounded
                lastWrite = writing.submit(() -> {
                    batch.writeTo(writer);
                    return null;
                });
                listener.progress(new BatchSummary(rows, errors, System.nanoTime() - start, false));
            }
            waitFor(lastWrite);
            return new BatchSummary(rows, errors, System.nanoTime() - start, cancelled.getAsBoolean() && !end);
        } catch (IOException e) {
            throw new WorkbenchException("Could not read " + in + " or write " + out + ": " + IoReasons.of(e), e);
        } finally {
            writing.shutdownNow();
        }
    }

    private static void waitFor(Future<?> write) throws IOException, WorkbenchException {
        try {
            write.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkbenchException("Interrupted while writing predictions.", e);
        }
    }

    /** One batch's rows with their outputs or errors, ready to be written (on the writer thread). */
    private record Written(List<Pending> pending, List<String> inputColumns, List<String> outputColumns,
                           Object[][] values, String[] runErrors, long errors) {
        void writeTo(RowWriter writer) throws IOException {
            for (Pending p : pending) {
                String error = p.slot() < 0 ? p.error() : runErrors[p.slot()];
                Object[] row = p.slot() < 0 || error != null ? null : values[p.slot()];
                writer.write(p.row(), inputColumns, outputColumns, row,
                        error == null ? null : "row " + p.row().number() + ": " + error);
            }
        }
    }

    /** A row of this batch: its slot in the input buffers (−1 if it failed to parse) and its error. */
    private record Pending(Row row, int slot, String error) {
    }

    private String fill(List<String> columns, Row row, int slot) {
        if (columnIndex == null || columns.size() != indexedColumns) { // JSON Lines may add columns as it goes
            indexedColumns = columns.size();
            columnIndex = inputs.stream().mapToInt(c -> columns.indexOf(c.name)).toArray();
        }
        try {
            for (int k = 0; k < inputs.size(); k++) {
                InputColumn c = inputs.get(k);
                int index = columnIndex[k];
                c.put(slot, index < 0 || index >= row.cells().length ? null : row.cells()[index]);
            }
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** Runs the parsed rows as one batch (row by row if the batch fails, to find the culprit). */
    private Written runBatch(List<Pending> pending, int filled, List<String> columns) {
        Object[][] values = new Object[filled][];
        String[] runErrors = new String[filled];
        if (filled > 0) {
            try {
                split(run(filled, 0), filled, values, 0);
            } catch (WorkbenchException | RuntimeException batchFailed) {
                for (int slot = 0; slot < filled; slot++) {
                    try {
                        split(run(1, slot), 1, values, slot);
                    } catch (WorkbenchException | RuntimeException e) {
                        runErrors[slot] = e.getMessage();
                    }
                }
            }
        }
        if (outputColumns == null) {
            outputColumns = outputColumns();
        }
        long errors = 0;
        for (Pending p : pending) {
            if (p.slot() < 0 || runErrors[p.slot()] != null) {
                errors++;
            }
        }
        return new Written(pending, List.copyOf(columns), outputColumns, values, runErrors, errors);
    }

    private Map<String, OutputValue> run(int rows, int fromSlot) throws WorkbenchException {
        Map<String, HostTensor> feeds = new HashMap<>();
        for (InputColumn c : inputs) {
            feeds.put(c.name, c.tensor(rows, fromSlot));
        }
        PredictionResult result = session.run(feeds);
        return result.outputs();
    }

    /** Splits each output along its first dimension into per-row cells, row {@code first} onwards. */
    private void split(Map<String, OutputValue> result, int rows, Object[][] into, int first)
            throws WorkbenchException {
        Object[][] perRow = new Object[rows][];
        List<List<Object>> rowCells = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            rowCells.add(new ArrayList<>());
        }
        for (ValueDescriptor d : outputs) {
            OutputValue value = result.get(d.name());
            switch (value) {
                case OutputValue.TensorValue(HostTensor t) -> {
                    long count = t.elementCount();
                    if (t.rank() == 0 || count % rows != 0 || (rows > 1 && t.shape()[0] != rows)) {
                        throw new WorkbenchException("The output '" + d.name() + "' (" + t.describe()
                                + ") does not hold one entry per input row.");
                    }
                    int k = (int) (count / rows);
                    observe(d, k);
                    for (int r = 0; r < rows; r++) {
                        for (int i = 0; i < k; i++) {
                            rowCells.get(r).add(cell(t, (long) r * k + i));
                        }
                    }
                }
                case OutputValue.SequenceValue s when s.elements().size() == rows -> {
                    for (int r = 0; r < rows; r++) {
                        rowCells.get(r).add(JSON.valueToTree(asJson(s.elements().get(r))));
                    }
                }
                case null -> throw new WorkbenchException("ONNX Runtime returned no value for '" + d.name() + "'.");
                default -> throw new WorkbenchException("The output '" + d.name() + "' (" + value.describe()
                        + ") does not hold one entry per input row.");
            }
        }
        for (int r = 0; r < rows; r++) {
            perRow[r] = rowCells.get(r).toArray();
            into[first + r] = perRow[r];
        }
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

    /** Output column names: the output's name, or NAME_0, NAME_1… when it has several values per row. */
    private List<String> outputColumns() {
        List<String> names = new ArrayList<>();
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
            if (k <= 1) {
                names.add(d.name());
            } else {
                for (int i = 0; i < k; i++) {
                    names.add(d.name() + "_" + i);
                }
            }
        }
        return names;
    }
}
