package dev.onnxworkbench.models.batch;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.runtime.OrtValues;
import dev.onnxworkbench.models.runtime.ValueDescriptor;
import dev.onnxworkbench.models.runtime.inputs.AudioSettings;
import dev.onnxworkbench.models.runtime.inputs.ImageSettings;
import dev.onnxworkbench.models.runtime.inputs.InputSpec;
import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import dev.onnxworkbench.models.runtime.inputs.MediaInputs;
import dev.onnxworkbench.models.runtime.inputs.ModelStride;
import dev.onnxworkbench.models.runtime.inputs.ValueParser;
import dev.onnxworkbench.models.runtime.inputs.ValueRules;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One model input fed from the column of the same name: parses each row's cell into the next slot of
 * a primitive buffer of {@code batch × perRow} values, then hands the filled part over as a tensor.
 * A row's cell holds one value, or a JSON array when the input has several values per row, or the path of a
 * picture or recording ({@link MediaInputs#isImage}/{@link MediaInputs#isAudio}) made into the row's values with
 * the input's {@link MediaColumns} settings, as {@code --input x=photo.png} makes them.
 */
final class InputColumn {
    final String name;
    final String column;
    final ElementType type;
    final long[] rowDims;   // the input's dims after the batch dimension (all of them when not batched)
    final boolean batched;
    private final int capacity;
    private final List<String> categories; // the encoder's categories; empty: not a categorical input
    private final ValueRules rules;
    private java.util.function.Supplier<Media> mediaSource; // null: cells are values only
    private Media media;    // read from mediaSource at the first path cell
    private int perRow;     // −1 until the first row's array fixes the one free size
    private float[] floats;
    private double[] doubles;
    private long[] longs;
    private boolean[] booleans;
    private String[] strings;

    /**
     * @param b     the input's column, shape per row and the categories of the encoder that consumes it
     * @param rules what values may hold (non-finite floats or not)
     */
    InputColumn(ColumnMapping.Binding b, ValueDescriptor d, int capacity, ValueRules rules)
            throws WorkbenchException {
        this.name = b.input();
        this.column = b.column();
        this.type = b.type();
        this.capacity = capacity;
        this.categories = b.categories();
        this.rules = rules;
        if (d.kind() != ValueDescriptor.Kind.TENSOR || type == null || !OrtValues.canCreate(type)) {
            throw new WorkbenchException("The input '" + d.name() + "' is " + d.typeText()
                    + ", which predict-batch cannot fill from a column.");
        }
        batched = b.batched();
        rowDims = b.rowShape();
        long count = 1;
        boolean free = false;
        for (long dim : rowDims) {
            if (dim < 0) {
                free = true;
            } else {
                count *= dim;
            }
        }
        perRow = free ? -1 : Math.toIntExact(count);
        if (!free) {
            allocate();
        }
    }

    /** What a path cell needs to become values: the input's spec, its settings, the model's stride, the folder. */
    record Media(InputSpec spec, ImageSettings image, AudioSettings audio, ModelStride stride, MediaColumns columns) {}

    /** How path cells become values, asked for at the first path cell (it reads the model file). */
    void media(java.util.function.Supplier<Media> source) {
        this.mediaSource = source;
        this.media = null;
    }

    private boolean isMediaPath(String cell) {
        if (mediaSource == null || type == ElementType.STRING || !MediaInputs.namesMedia(cell.strip())
                || cell.strip().startsWith("[")) {
            return false;
        }
        try {
            Path p = Path.of(cell.strip());
            return MediaInputs.isImage(p) || MediaInputs.isAudio(p);
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /**
     * The picture or recording the cell names, preprocessed into the row's slot; a missing or undecodable file,
     * or one whose tensor does not fit the row's shape, fails the row with the reason.
     */
    private void putMedia(int row, String cell) throws InvalidInputException {
        if (media == null) {
            media = mediaSource.get();
        }
        Path file = media.columns().resolve(cell);
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new InvalidInputException("'" + name + "': no file " + file);
        }
        HostTensor t = MediaInputs.tensor(file, media.spec(), media.image(), media.audio(), Map.of(), media.stride());
        long[] shape = t.shape();
        long[] own = batched && shape.length == rowDims.length + 1 && shape[0] == 1
                ? Arrays.copyOfRange(shape, 1, shape.length) : shape;
        if (perRow < 0) {
            fixShape(own, file);
        }
        if (!Arrays.equals(own, rowDims)) {
            throw new InvalidInputException("'" + name + "': " + file.getFileName() + " makes " + Arrays.toString(own)
                    + " but the rows of this column are " + Arrays.toString(rowDims) + " (set --image-size, or --shape)");
        }
        int at = row * perRow;
        for (int i = 0; i < perRow; i++) {
            switch (type) {
                case FLOAT -> floats[at + i] = (float) t.getDouble(i);
                case BOOL -> booleans[at + i] = t.getDouble(i) != 0;
                case INT64, INT32 -> longs[at + i] = t.getLong(i);
                default -> doubles[at + i] = t.getDouble(i);
            }
        }
    }

    /** The first picture fixes the row's free sizes: where the model's are free, the picture's. */
    private void fixShape(long[] own, Path file) throws InvalidInputException {
        if (own.length != rowDims.length) {
            throw new InvalidInputException("'" + name + "': " + file.getFileName() + " makes " + Arrays.toString(own)
                    + ", not a row of " + Arrays.toString(rowDims));
        }
        long count = 1;
        for (int i = 0; i < rowDims.length; i++) {
            if (rowDims[i] < 0) {
                rowDims[i] = own[i];
            }
            count *= rowDims[i];
        }
        perRow = Math.toIntExact(count);
        allocate();
    }

    private void allocate() {
        int size = Math.multiplyExact(capacity, perRow);
        switch (type) {
            case FLOAT -> floats = new float[size];
            case STRING -> strings = new String[size];
            case BOOL -> booleans = new boolean[size];
            case INT64, INT32 -> longs = new long[size];
            default -> doubles = new double[size];
        }
    }

    /** The first row's array fixes the free size: its length over the product of the fixed ones. */
    private void fixFreeSize(int values) {
        long fixed = 1;
        int freeAt = -1;
        for (int i = 0; i < rowDims.length; i++) {
            if (rowDims[i] < 0) {
                freeAt = i;
            } else {
                fixed *= rowDims[i];
            }
        }
        if (fixed == 0 || values == 0 || values % fixed != 0) {
            throw new IllegalArgumentException("'" + name + "' has " + values + " values, which is no whole number "
                    + "of rows of " + fixed + " for its shape " + java.util.Arrays.toString(rowDims));
        }
        rowDims[freeAt] = values / fixed;
        perRow = values;
        allocate();
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
            if (isMediaPath(cell)) {
                putMedia(row, cell);
                return;
            }
            if (perRow == 1) {
                putValue(row, type == ElementType.STRING ? cell : cell.strip(), "");
                return;
            }
            String[] parts = ListCell.split(cell, type == ElementType.STRING);
            if (perRow < 0) {
                fixFreeSize(parts.length);
            }
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
