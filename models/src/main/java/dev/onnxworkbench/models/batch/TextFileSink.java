package dev.onnxworkbench.models.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onnxworkbench.models.IoReasons;
import dev.onnxworkbench.models.WorkbenchException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Predictions into a CSV or JSON Lines file, each failed row with its reason in the {@code error} column.
 * A commit flushes and syncs the file, then renames {@code FILE.progress.json} (committed length and
 * position) into place; a resumed job cuts the file back to the committed length and appends, so a kill
 * between the two leaves neither a gap nor a duplicate. Commits at most about once a second (a sync per
 * batch would cost more than the predictions).
 */
final class TextFileSink implements RowSink {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long COMMIT_NANOS = 1_000_000_000L;

    private final Path file;
    private final Path progress;
    private final FileFormat format;
    private Checkpoint committed = Checkpoint.START;
    private long committedBytes;
    private boolean resumed;
    private FileChannel channel;
    private RowWriter writer;
    private long lastCommit = System.nanoTime();
    private Checkpoint pending;
    private List<String> outputColumns = List.of();

    TextFileSink(Path file) throws WorkbenchException {
        this.file = file;
        this.progress = file.resolveSibling(file.getFileName() + ".progress.json");
        this.format = FileFormat.of(file);
    }

    @Override
    public Checkpoint start(boolean resume) throws WorkbenchException {
        try {
            if (resume && Files.exists(progress) && Files.exists(file)) {
                ObjectNode p = (ObjectNode) JSON.readTree(progress.toFile());
                committed = new Checkpoint(p.path("sourceRows").asLong(), p.path("predicted").asLong(),
                        p.path("errors").asLong());
                committedBytes = p.path("bytes").asLong();
                resumed = true;
                return committed;
            }
            Files.deleteIfExists(progress);
            return Checkpoint.START;
        } catch (IOException | ClassCastException e) {
            throw new WorkbenchException("Could not read the progress of " + file + " (" + progress.getFileName()
                    + "): " + e.getMessage(), e);
        }
    }

    @Override
    public void open(SinkLayout layout) throws WorkbenchException {
        outputColumns = layout.outputColumns();
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            channel.truncate(resumed ? committedBytes : 0); // drops what was written after the last commit
            channel.position(resumed ? committedBytes : 0);
            OutputStream out = Channels.newOutputStream(channel);
            writer = format == FileFormat.CSV ? CsvRowWriter.open(out, resumed && committedBytes > 0)
                    : JsonlRowWriter.open(out);
        } catch (IOException e) {
            throw new WorkbenchException("Could not write " + file + ": " + IoReasons.of(e), e);
        }
    }

    @Override
    public void write(PredictedBatch batch, Checkpoint after) throws WorkbenchException {
        try {
            for (int i = 0; i < batch.size(); i++) {
                writer.write(batch.rows().get(i), batch.columns(), outputColumns, batch.outputs()[i],
                        batch.errorText(i));
            }
            pending = after;
            if (System.nanoTime() - lastCommit >= COMMIT_NANOS) {
                commit();
            }
        } catch (IOException e) {
            throw new WorkbenchException("Could not write " + file + ": " + IoReasons.of(e), e);
        }
    }

    private void commit() throws IOException {
        if (pending == null || writer == null) {
            return;
        }
        writer.flush();
        channel.force(false);
        ObjectNode p = JSON.createObjectNode();
        p.put("sourceRows", pending.sourceRows());
        p.put("predicted", pending.predicted());
        p.put("errors", pending.errors());
        p.put("bytes", channel.position());
        Path tmp = progress.resolveSibling(progress.getFileName() + ".tmp");
        Files.writeString(tmp, p.toString());
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            c.force(true);
        }
        Files.move(tmp, progress, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        committed = pending;
        pending = null;
        lastCommit = System.nanoTime();
    }

    @Override
    public void finish(Checkpoint at, boolean complete) throws WorkbenchException {
        try {
            if (writer == null) { // nothing was read: an empty output, still a committed job
                open(new SinkLayout(List.of(), List.of(), List.of(),
                        List.of(), List.of()));
            }
            pending = at;
            commit();
            if (complete) {
                Files.deleteIfExists(progress); // the file is whole: nothing left to resume
            }
        } catch (IOException e) {
            throw new WorkbenchException("Could not write " + file + ": " + IoReasons.of(e), e);
        }
    }

    @Override
    public void close() throws WorkbenchException {
        try {
            if (writer != null) {
                writer.close();
            } else if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            throw new WorkbenchException("Could not close " + file + ": " + IoReasons.of(e), e);
        }
    }
}
