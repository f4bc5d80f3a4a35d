package dev.onnxworkbench.models.batch;

import dev.onnxworkbench.models.IoReasons;
import dev.onnxworkbench.models.WorkbenchException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private static final long COMMIT_NANOS = 1_000_000_000L;

    private final Path file;
    private final CheckpointFile progress;
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
        this.progress = new CheckpointFile(file.resolveSibling(file.getFileName() + ".progress.json"), "bytes");
        this.format = FileFormat.of(file);
    }

    @Override
    public Checkpoint start(boolean resume) throws WorkbenchException {
        try {
            if (resume && progress.exists() && Files.exists(file)) {
                CheckpointFile.Saved saved = progress.read();
                committed = saved.checkpoint();
                committedBytes = saved.position();
                resumed = true;
                return committed;
            }
            progress.delete();
            return Checkpoint.START;
        } catch (IOException e) {
            throw new WorkbenchException("Could not read the progress of " + file + " (" + progress.path().getFileName()
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
        progress.write(pending, channel.position());
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
                progress.delete(); // the file is whole: nothing left to resume
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
