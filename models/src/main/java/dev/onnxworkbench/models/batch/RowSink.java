package dev.onnxworkbench.models.batch;

import dev.onnxworkbench.models.WorkbenchException;
import java.util.List;

/**
 * Where predictions are written, so that nothing is lost and nothing is written twice: rows are written with
 * the job's position ({@link Checkpoint}) and committed together (a SQL table: the predictions, the error
 * rows and the position in one transaction per batch; a CSV/JSON Lines file: the bytes flushed and synced,
 * then a sidecar {@code FILE.progress.json} with the committed length renamed into place; Parquet: closed
 * part files plus a sidecar, merged into the file at the end). A job that stops anywhere — cancelled,
 * killed, a lost connection — resumes from {@link #start(boolean)}'s checkpoint; anything written after the
 * last commit is dropped (truncated, rolled back, deleted) and predicted again.
 */
public interface RowSink extends AutoCloseable {
    /**
     * Before anything is read: with {@code resume}, the checkpoint an earlier run of this job committed
     * ({@link Checkpoint#START} when there is none); without, it clears an earlier output file or refuses a
     * table that already holds a job's predictions.
     */
    Checkpoint start(boolean resume) throws WorkbenchException;

    /** Once, before the first write, with the columns (after the first batch, when output sizes are known). */
    void open(SinkLayout layout) throws WorkbenchException;

    /** Writes a batch; {@code after} is the job's position once it is written, committed with it or later. */
    void write(PredictedBatch batch, Checkpoint after) throws WorkbenchException;

    /** Commits all that was written; {@code complete}: the source is done (a Parquet sink merges its parts). */
    void finish(Checkpoint at, boolean complete) throws WorkbenchException;

    /** Releases files and connections; what was not committed is dropped at the next start. */
    @Override
    void close() throws WorkbenchException;

    /** The sink a job names; {@code key} are the columns a SQL table keys its rows by. */
    static RowSink create(SinkSpec spec, List<String> key) throws WorkbenchException {
        return switch (spec) {
            case SinkSpec.File f -> switch (FileFormat.of(f.path())) {
                case CSV, JSONL -> new TextFileSink(f.path());
                case PARQUET -> new ParquetRowSink(f.path());
            };
            case SinkSpec.Jdbc j -> new JdbcRowSink(j, key);
        };
    }
}
