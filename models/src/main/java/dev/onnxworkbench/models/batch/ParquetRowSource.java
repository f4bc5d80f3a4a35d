package dev.onnxworkbench.models.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onnxworkbench.models.IoReasons;
import dev.onnxworkbench.models.WorkbenchException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Rows of a Parquet file, read column by column a row group at a time with Parquet's own column readers
 * (no record objects per row). Top-level columns of one primitive each, or a list of primitives (a
 * multi-value input: its cell is a JSON array); NULLs stay null; the row count comes from the footer.
 */
final class ParquetRowSource implements RowSource {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Plain configuration and the project's codecs: no Hadoop Configuration (and its XML stack) is built. */
    static final ParquetReadOptions OPTIONS = ParquetReadOptions.builder(new PlainParquetConfiguration())
            .withCodecFactory(ParquetCodecs.INSTANCE).build();

    private final Path file;
    private final ParquetFileReader reader;
    private final MessageType schema;
    private final List<String> columns = new ArrayList<>();
    private final List<ColumnType> types = new ArrayList<>();
    private final List<ColumnDescriptor> leaves;
    private final long expected;
    private ColumnReader[] readers;
    private long[] left; // values each column reader still holds in this row group
    private long rowsLeftInGroup;
    private long number;

    private ParquetRowSource(Path file, ParquetFileReader reader) throws WorkbenchException {
        this.file = file;
        this.reader = reader;
        this.schema = reader.getFooter().getFileMetaData().getSchema();
        this.expected = reader.getRecordCount();
        this.leaves = schema.getColumns();
        if (leaves.size() != schema.getFieldCount()) {
            throw new WorkbenchException(file.getFileName() + " has nested columns; predict-batch reads Parquet "
                    + "columns that hold one value or a list of values per row.");
        }
        for (int i = 0; i < leaves.size(); i++) {
            ColumnDescriptor d = leaves.get(i);
            Type field = schema.getType(i);
            columns.add(field.getName());
            types.add(d.getMaxRepetitionLevel() > 0 ? ColumnType.TEXT : typeOf(d.getPrimitiveType()));
        }
    }

    static ParquetRowSource open(Path file) throws WorkbenchException {
        try {
            ParquetFileReader reader = ParquetFileReader.open(new BufferedInputFile(file), OPTIONS);
            try {
                return new ParquetRowSource(file, reader);
            } catch (WorkbenchException | RuntimeException e) {
                reader.close();
                throw e;
            }
        } catch (IOException e) {
            throw new WorkbenchException("Could not read " + file + " as Parquet: " + IoReasons.of(e), e);
        }
    }

    private static ColumnType typeOf(PrimitiveType p) {
        return switch (p.getPrimitiveTypeName()) {
            case BOOLEAN -> ColumnType.BOOLEAN;
            case INT32 -> ColumnType.INTEGER;
            case INT64 -> ColumnType.BIGINT;
            case FLOAT -> ColumnType.REAL;
            case DOUBLE -> ColumnType.DOUBLE;
            default -> ColumnType.TEXT;
        };
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public List<ColumnType> columnTypes() {
        return types;
    }

    @Override
    public long expectedRows() {
        return expected;
    }

    @Override
    public Row next() throws IOException {
        while (rowsLeftInGroup == 0) {
            PageReadStore pages = reader.readNextRowGroup();
            if (pages == null) {
                return null;
            }
            rowsLeftInGroup = pages.getRowCount();
            ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages,
                    new GroupRecordConverter(schema).getRootConverter(), schema,
                    reader.getFooter().getFileMetaData().getCreatedBy());
            readers = new ColumnReader[leaves.size()];
            left = new long[leaves.size()];
            for (int i = 0; i < readers.length; i++) {
                readers[i] = store.getColumnReader(leaves.get(i));
                left[i] = readers[i].getTotalValueCount();
            }
        }
        rowsLeftInGroup--;
        String[] cells = new String[readers.length];
        for (int i = 0; i < readers.length; i++) {
            cells[i] = leaves.get(i).getMaxRepetitionLevel() == 0 ? single(i) : list(i);
        }
        return new Row(++number, cells);
    }

    private String single(int i) {
        ColumnReader r = readers[i];
        ColumnDescriptor d = leaves.get(i);
        String text = r.getCurrentDefinitionLevel() == d.getMaxDefinitionLevel() ? text(r, d) : null;
        r.consume();
        left[i]--;
        return text;
    }

    /** Every value of this row's list (repetition level > 0 continues it), as a JSON array. */
    private String list(int i) {
        ColumnReader r = readers[i];
        ColumnDescriptor d = leaves.get(i);
        boolean strings = d.getPrimitiveType().getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY;
        StringBuilder out = new StringBuilder("[");
        boolean first = true;
        boolean isNull = false;
        do {
            int def = r.getCurrentDefinitionLevel();
            if (def == d.getMaxDefinitionLevel()) {
                if (!first) {
                    out.append(',');
                }
                String v = text(r, d);
                if (strings) {
                    try {
                        out.append(JSON.writeValueAsString(v));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                } else {
                    out.append(v);
                }
                first = false;
            } else if (def == 0) {
                isNull = true; // the list itself is NULL
            }
            r.consume();
            left[i]--;
        } while (left[i] > 0 && r.getCurrentRepetitionLevel() > 0);
        return isNull ? null : out.append(']').toString();
    }

    private static String text(ColumnReader r, ColumnDescriptor d) {
        PrimitiveType p = d.getPrimitiveType();
        return switch (p.getPrimitiveTypeName()) {
            case BOOLEAN -> Boolean.toString(r.getBoolean());
            case INT32 -> Integer.toString(r.getInteger());
            case INT64 -> Long.toString(r.getLong());
            case FLOAT -> Float.toString(r.getFloat());
            case DOUBLE -> Double.toString(r.getDouble());
            case BINARY, FIXED_LEN_BYTE_ARRAY -> p.getLogicalTypeAnnotation() instanceof
                    LogicalTypeAnnotation.StringLogicalTypeAnnotation || p.getLogicalTypeAnnotation() == null
                    ? r.getBinary().toStringUsingUTF8() : r.getBinary().toString();
            case INT96 -> r.getBinary().toString();
        };
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
