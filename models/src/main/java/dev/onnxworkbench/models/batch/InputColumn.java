package dev.onnxworkbench.models.batch;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.runtime.OrtValues;
import dev.onnxworkbench.models.runtime.ValueDescriptor;
import dev.onnxworkbench.models.runtime.inputs.InputSpec;
import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import dev.onnxworkbench.models.runtime.inputs.ValueParser;
import dev.onnxworkbench.models.runtime.inputs.ValueRules;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.util.Arrays;
import java.util.List;

/**
 * One model input fed from the column of the same name: parses each row's cell into the next slot of
 * a primitive buffer of {@code batch × perRow} values, then hands the filled part over as a tensor.
 * A row's cell holds one value, or a JSON array when the input has several values per row.
 */
final class InputColumn {
    final String name;
    final ElementType type;
    final long[] rowDims;   // the input's dims after the batch dimension (all of them when not batched)
    final int perRow;
    final boolean batched;
    private float[] floats;
    private double[] doubles;
    private long[] longs;
    private boolean[] booleans;
    private String[] strings;

    private final List<String> categories;
    private final ValueRules rules;

    /**
     * @param categories the categories of the encoder that consumes the input ({@link InputSpec#categories()}),
     *                   empty when none does
     * @param rules      what values may hold (non-finite floats or not)
     */
    InputColumn(ValueDescriptor d, int capacity, List<String> categories, ValueRules rules) throws WorkbenchException {
        this.name = d.name();
        this.type = d.elementType();
        this.categories = List.copyOf(categories);
        this.rules = rules;
        if (d.kind() != ValueDescriptor.Kind.TENSOR || type == null || !OrtValues.canCreate(type)) {
            throw new WorkbenchException("The input '" + d.name() + "' is " + d.typeText()
                    + ", which predict-batch cannot fill from a column.");
        }
        long[] shape = d.shape();
        batched = shape.length > 0 && shape[0] < 0;
        rowDims = batched ? Arrays.copyOfRange(shape, 1, shape.length) : shape;
        long count = 1;
        for (long dim : rowDims) {
            if (dim < 0) {
                throw new WorkbenchException("The input '" + d.name() + "' (" + d.typeText() + ") has a variable "
                        + "size besides its first dimension; predict-batch needs a fixed number of values per row.");
            }
            count *= dim;
        }
        perRow = Math.toIntExact(count);
        int size = Math.multiplyExact(capacity, perRow);
        switch (type) {
            case FLOAT -> floats = new float[size];
            case STRING -> strings = new String[size];
            case BOOL -> booleans = new boolean[size];
            case INT64, INT32 -> longs = new long[size];
            default -> doubles = new double[size];
        }
    }

    /**
     * Parses {@code cell} into row slot {@code row} through the one parser and validator every door uses
     * ({@link ValueParser}); throws with its message (naming the input) for the row's error column.
     */
    void put(int row, String cell) throws IllegalArgumentException {
        if (cell == null) {
            throw new IllegalArgumentException("no value for '" + name + "'");
        }
        try {
            if (perRow == 1) {
                putValue(row, type == ElementType.STRING ? cell : cell.strip(), "");
                return;
            }
            String[] parts = ListCell.split(cell, type == ElementType.STRING);
            if (parts.length != perRow) {
                throw new IllegalArgumentException("'" + name + "' needs " + perRow + " values per row, not "
                        + parts.length);
            }
            for (int i = 0; i < perRow; i++) {
                putValue(row * perRow + i, type == ElementType.STRING ? parts[i] : parts[i].strip(),
                        ValueParser.where(i, perRow));
            }
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private void putValue(int slot, String text, String where) throws InvalidInputException {
        switch (type) {
            case STRING -> strings[slot] = ValueParser.category(name, categories, text, where);
            case BOOL -> booleans[slot] = ValueParser.bool(name, text, where);
            case FLOAT -> floats[slot] = (float) ValueParser.floating(name, type, text, rules, where);
            case INT64, INT32 -> longs[slot] = ValueParser.integer(name, type, text, where);
            default -> doubles[slot] = type.isFloatingPoint() ? ValueParser.floating(name, type, text, rules, where)
                    : ValueParser.integer(name, type, text, where);
        }
    }

    /** The first {@code rows} rows as a tensor of shape [rows, rowDims...] (or the model's shape unbatched). */
    HostTensor tensor(int rows, int fromRow) throws WorkbenchException {
        long[] shape;
        if (batched) {
            shape = new long[rowDims.length + 1];
            shape[0] = rows;
            System.arraycopy(rowDims, 0, shape, 1, rowDims.length);
        } else {
            shape = rowDims;
        }
        int from = fromRow * perRow;
        int to = from + rows * perRow;
        return switch (type) {
            case FLOAT -> HostTensor.ofFloats(shape, Arrays.copyOfRange(floats, from, to));
            case STRING -> HostTensor.ofStrings(shape, Arrays.copyOfRange(strings, from, to));
            case BOOL -> HostTensor.ofBooleans(shape, Arrays.copyOfRange(booleans, from, to));
            case INT64 -> HostTensor.ofLongs(shape, Arrays.copyOfRange(longs, from, to));
            case INT32 -> HostTensor.ofInts(shape, Arrays.stream(longs, from, to).mapToInt(v -> (int) v).toArray());
            case DOUBLE -> HostTensor.ofDoubles(shape, Arrays.copyOfRange(doubles, from, to));
            default -> HostTensor.ofDoubles(type, shape, Arrays.copyOfRange(doubles, from, to));
        };
    }
}
