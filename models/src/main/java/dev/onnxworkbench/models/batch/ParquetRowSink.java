package dev.onnxworkbench.models.batch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.onnxworkbench.models.IoReasons;
import dev.onnxworkbench.models.WorkbenchException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Predictions into a Parquet file: the source's columns with their types, one column per output value, and
 * {@code error} (the reason a row has no prediction). A Parquet file cannot be appended to, so the job writes
 * part files into {@code FILE.parts/} and commits each closed part with a sidecar {@code progress.json}
 * (renamed into place): a killed job leaves closed parts and at most one unfinished part, which a resumed
 * job deletes and predicts again. When the source is done, the parts' row groups are copied, not re-encoded,
 * into the one file.
 */
final class ParquetRowSink implements RowSink {
    /** Batches per part file (64 × 4096 rows by default): each part is a resume point and a row group. */
    static final int PART_BATCHES = 64;

    private final Path file;
    private final Path parts;
    private final CheckpointFile progress;
    private Checkpoint committed = Checkpoint.START;
    private int committedParts;
    private MessageType schema;
    private SinkLayout layout;
    private ParquetWriter<Object[]> writer;
    private long batchesInPart;
    private Checkpoint pending;

    ParquetRowSink(Path file) {
        this.file = file;
        this.parts = file.resolveSibling(file.getFileName() + ".parts");
        this.progress = new CheckpointFile(parts.resolve("progress.json"), "parts");
    }

    @Override
    public Checkpoint start(boolean resume) throws WorkbenchException {
        try {
            if (resume && progress.exists()) {
                CheckpointFile.Saved saved = progress.read();
                committed = saved.checkpoint();
                committedParts = (int) saved.position();
                for (Path part : partFiles()) { // an unfinished part: predicted again
                    if (partIndex(part) >= committedParts) {
                        Files.delete(part);
                    }
                }
                return committed;
            }
            deleteParts();
            Files.createDirectories(parts);
            Files.deleteIfExists(file);
            return Checkpoint.START;
        } catch (IOException e) {
            throw new WorkbenchException("Could not prepare " + file + " (" + parts.getFileName() + "): "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void open(SinkLayout layout) throws WorkbenchException {
        this.layout = layout;
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (int i = 0; i < layout.sourceColumns().size(); i++) {
            b.addField(field(layout.sourceColumns().get(i), layout.sourceTypes().get(i)));
        }
        for (int i = 0; i < layout.outputColumns().size(); i++) {
            b.addField(field(layout.outputColumns().get(i), layout.outputTypes().get(i)));
        }
        b.addField(field("error", ColumnType.TEXT));
        schema = b.named("predictions");
    }

    private static Type field(String name, ColumnType type) {
        return switch (type) {
            case TEXT -> Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
            case BOOLEAN -> Types.optional(PrimitiveTypeName.BOOLEAN).named(name);
            case INTEGER -> Types.optional(PrimitiveTypeName.INT32).named(name);
            case BIGINT -> Types.optional(PrimitiveTypeName.INT64).named(name);
            case REAL -> Types.optional(PrimitiveTypeName.FLOAT).named(name);
            case DOUBLE -> Types.optional(PrimitiveTypeName.DOUBLE).named(name);
        };
    }

    @Override
    public void write(PredictedBatch batch, Checkpoint after) throws WorkbenchException {
        try {
            if (writer == null) {
                writer = new RowArrayWriter.Builder(new LocalOutputFile(part(committedParts)), schema)
                        .withConf(new PlainParquetConfiguration()).withCodecFactory(ParquetCodecs.INSTANCE)
                        .withCompressionCodec(CompressionCodecName.SNAPPY)
                        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                        .withRowGroupSize(256L << 20)
                        .build();
            }
            int sourceCount = layout.sourceColumns().size();
            int outputCount = layout.outputColumns().size();
            Object[] record = new Object[sourceCount + outputCount + 1];
            for (int i = 0; i < batch.size(); i++) {
                Row row = batch.rows().get(i);
                for (int c = 0; c < sourceCount; c++) {
                    int at = batch.columns().indexOf(layout.sourceColumns().get(c));
                    String cell = row.cell(at);
                    Object v;
                    try {
                        v = layout.sourceTypes().get(c).parse(cell);
                    } catch (NumberFormatException e) {
                        v = null; // a malformed source row: its error column says why
                    }
                    record[c] = v;
                }
                Object[] out = batch.outputs()[i];
                for (int o = 0; o < outputCount; o++) {
                    Object v = out == null || o >= out.length ? null : out[o];
                    record[sourceCount + o] = v instanceof JsonNode n ? n.toString() : v;
                }
                record[sourceCount + outputCount] = batch.errorText(i);
                writer.write(record);
            }
            batchesInPart++;
            pending = after;
            if (batchesInPart >= PART_BATCHES) {
                commitPart();
            }
        } catch (IOException e) {
            throw new WorkbenchException("Could not write " + file + ": " + IoReasons.of(e), e);
        }
    }

    /** Closes the part (its footer makes it whole), syncs it, then records it in the sidecar. */
    private void commitPart() throws IOException {
        if (writer != null) {
            writer.close();
            writer = null;
            try (FileChannel c = FileChannel.open(part(committedParts), StandardOpenOption.WRITE)) {
                c.force(true);
            }
            committedParts++;
            batchesInPart = 0;
        }
        if (pending != null) {
            progress.write(pending, committedParts);
            committed = pending;
            pending = null;
        }
    }

    @Override
    public void finish(Checkpoint at, boolean complete) throws WorkbenchException {
        try {
            pending = at;
            if (writer == null && complete && committedParts == 0 && schema != null) {
                // no rows at all: still a valid (empty) file with the columns
                writer = new RowArrayWriter.Builder(new LocalOutputFile(part(0)), schema)
                        .withConf(new PlainParquetConfiguration()).withCodecFactory(ParquetCodecs.INSTANCE)
                        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                        .build();
            }
            commitPart();
            if (complete) {
                merge();
            }
        } catch (IOException e) {
            throw new WorkbenchException("Could not write " + file + ": " + IoReasons.of(e), e);
        }
    }

    /** Copies the parts' row groups into the file (written beside it, then renamed), then drops the parts. */
    private void merge() throws IOException {
        List<Path> all = partFiles();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        if (all.size() == 1) {
            Files.move(all.getFirst(), tmp, StandardCopyOption.REPLACE_EXISTING);
        } else if (!all.isEmpty()) {
            ParquetFileWriter w = null;
            for (Path part : all) {
                try (ParquetFileReader r = ParquetFileReader.open(new BufferedInputFile(part), ParquetRowSource.OPTIONS)) {
                    if (w == null) {
                        w = new ParquetFileWriter(new LocalOutputFile(tmp), r.getFooter().getFileMetaData().getSchema(),
                                ParquetFileWriter.Mode.OVERWRITE, 256L << 20, 0);
                        w.start();
                    }
                    r.appendTo(w);
                }
            }
            w.end(Map.of());
        }
        if (Files.exists(tmp)) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        deleteParts();
    }

    private Path part(int index) {
        return parts.resolve(String.format("part-%05d.parquet", index));
    }

    private static int partIndex(Path part) {
        String name = part.getFileName().toString();
        return Integer.parseInt(name.substring(5, name.indexOf('.')));
    }

    private List<Path> partFiles() throws IOException {
        if (!Files.isDirectory(parts)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(parts)) {
            List<Path> out = new ArrayList<>(s.filter(p -> p.getFileName().toString().matches("part-\\d+\\.parquet"))
                    .toList());
            out.sort(Comparator.comparingInt(ParquetRowSink::partIndex));
            return out;
        }
    }

    private void deleteParts() throws IOException {
        if (Files.isDirectory(parts)) {
            try (Stream<Path> s = Files.list(parts)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(parts);
        }
    }

    @Override
    public void close() throws WorkbenchException {
        if (writer != null) {
            try {
                writer.close(); // an uncommitted part: deleted when the job resumes
            } catch (IOException e) {
                throw new WorkbenchException("Could not close " + file + ": " + IoReasons.of(e), e);
            } finally {
                writer = null;
            }
        }
    }
}
