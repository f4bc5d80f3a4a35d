package dev.onnxworkbench.models.batch;

import dev.onnxworkbench.models.IoReasons;
import dev.onnxworkbench.models.WorkbenchException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * Runs a batch job on one machine: rows streamed from the source, predicted a batch at a time, written to the
 * sink with the job's position on a writer thread while the next batch is predicted (at most one batch waits,
 * so memory stays bounded by the batch size). With {@code resume}, the rows the sink had committed are
 * skipped; a cancelled job commits what it wrote and can be resumed the same way.
 */
public final class BatchJobRunner {
    private final BatchPredictor predictor;

    public BatchJobRunner(BatchPredictor predictor) {
        this.predictor = predictor;
    }

    public BatchSummary run(BatchJob job, boolean resume, BatchListener listener, BooleanSupplier cancelled)
            throws WorkbenchException {
        return run(job.source(), job.sink(), job.key(), resume, listener, cancelled);
    }

    public BatchSummary run(SourceSpec sourceSpec, SinkSpec sinkSpec, List<String> key, boolean resume,
                            BatchListener listener, BooleanSupplier cancelled) throws WorkbenchException {
        if (sinkSpec instanceof SinkSpec.Jdbc && key.isEmpty()) {
            throw new WorkbenchException("A SQL table sink needs the key columns that identify a row: --key COL[,COL].");
        }
        if (sourceSpec instanceof SourceSpec.File in && sinkSpec instanceof SinkSpec.File out
                && in.path().toAbsolutePath().normalize().equals(out.path().toAbsolutePath().normalize())) {
            throw new WorkbenchException("The rows and the predictions are the same file; the output would "
                    + "overwrite the rows.");
        }
        if (sourceSpec instanceof SourceSpec.File in && predictor.media().base() == null) {
            predictor.media(predictor.media().withBase(in.path().toAbsolutePath().getParent()));
        }
        long start = System.nanoTime();
        ExecutorService writing = Executors.newSingleThreadExecutor(r -> new Thread(r, "predict-batch-writer"));
        try (RowSink sink = RowSink.create(sinkSpec, key); RowSource source = RowSource.open(sourceSpec, key)) {
            Checkpoint position = sink.start(resume);
            if (resume && position.sourceRows() > 0 && sourceSpec instanceof SourceSpec.Jdbc && key.isEmpty()) {
                throw new WorkbenchException("Resuming from a SQL source needs --key: without an ORDER BY the "
                        + "database may return the rows in another order than the first run.");
            }
            long expected = source.expectedRows();
            long resumedFrom = position.sourceRows();
            skip(source, resumedFrom, sourceSpec);
            checkKey(source.columns(), key, sourceSpec);
            long rows = 0;
            long errors = 0;
            boolean end = false;
            boolean opened = false;
            Future<?> lastWrite = null;
            checkColumns(source.columns(), sourceSpec);
            int batch = predictor.requestedBatch();
            while (!end && !cancelled.getAsBoolean()) {
                List<Row> rowsOfBatch = new ArrayList<>(batch);
                List<String> readErrors = new ArrayList<>(batch);
                while (rowsOfBatch.size() < batch) {
                    Row row;
                    String error = null;
                    try {
                        row = source.next();
                    } catch (RowSource.BadRow e) {
                        row = new Row(e.number(), new String[source.columns().size()]);
                        error = e.getMessage();
                    }
                    if (row == null) {
                        end = true;
                        break;
                    }
                    rowsOfBatch.add(row);
                    readErrors.add(error);
                }
                if (rowsOfBatch.isEmpty()) {
                    break;
                }
                PredictedBatch predicted = predictor.predict(List.copyOf(source.columns()), rowsOfBatch,
                        readErrors.toArray(String[]::new));
                if (!opened) {
                    sink.open(new SinkLayout(source.columns(), source.columnTypes(), key,
                            predictor.outputColumns(), predictor.outputTypes()));
                    opened = true;
                }
                position = position.plus(predicted);
                Checkpoint after = position;
                rows += predicted.size();
                errors += predicted.errorCount();
                waitFor(lastWrite);
                lastWrite = writing.submit(() -> {
                    sink.write(predicted, after);
                    return null;
                });
                listener.progress(new BatchSummary(rows, errors, System.nanoTime() - start, false, resumedFrom,
                        expected));
            }
            waitFor(lastWrite);
            if (!opened) {
                sink.open(new SinkLayout(source.columns(), source.columnTypes(), key, predictor.outputColumns(),
                        predictor.outputTypes()));
            }
            sink.finish(position, end);
            return new BatchSummary(rows, errors, System.nanoTime() - start, !end, resumedFrom, expected);
        } catch (IOException e) {
            throw new WorkbenchException("Could not read " + sourceSpec.describe() + ": " + IoReasons.of(e), e);
        } finally {
            writing.shutdownNow();
        }
    }

    private static void skip(RowSource source, long rows, SourceSpec spec) throws IOException, WorkbenchException {
        for (long i = 0; i < rows; i++) {
            try {
                if (source.next() == null) {
                    throw new WorkbenchException("The job had committed " + rows + " rows, but " + spec.describe()
                            + " now holds only " + i + "; the source changed since, so the job cannot resume.");
                }
            } catch (RowSource.BadRow e) {
                // it was counted (as an error row) when it was first read
            }
        }
    }

    /** Every mapped column must be in the source (JSON Lines: checked row by row, a missing value is an error). */
    private void checkColumns(List<String> columns, SourceSpec spec) throws WorkbenchException {
        if (columns.isEmpty()) {
            return;
        }
        List<String> missing = predictor.mapping().bindings().stream().map(ColumnMapping.Binding::column)
                .filter(c -> !columns.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new WorkbenchException(spec.describe() + " has no column " + String.join(", ", missing)
                    + "; its columns are " + String.join(", ", columns) + ", and the model's inputs are "
                    + String.join(", ", predictor.mapping().bindings().stream().map(ColumnMapping.Binding::input)
                    .toList()) + ". Map an input to a column with --map INPUT=COLUMN.");
        }
    }

    private static void checkKey(List<String> columns, List<String> key, SourceSpec spec) throws WorkbenchException {
        if (columns.isEmpty()) {
            return; // JSON Lines: known row by row
        }
        for (String k : key) {
            if (!columns.contains(k)) {
                throw new WorkbenchException("The key column '" + k + "' is not in " + spec.describe()
                        + "; its columns are " + String.join(", ", columns) + ".");
            }
        }
    }

    private static void waitFor(Future<?> write) throws WorkbenchException {
        if (write == null) {
            return;
        }
        try {
            write.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WorkbenchException w) {
                throw w;
            }
            throw new WorkbenchException("Writing the predictions failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkbenchException("Interrupted while writing predictions.", e);
        }
    }
}
