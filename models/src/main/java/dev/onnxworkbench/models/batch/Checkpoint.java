package dev.onnxworkbench.models.batch;

/**
 * How far a job has come: source rows consumed (the resume point: they are skipped on {@code --resume}),
 * of which {@code predicted} got predictions and {@code errors} got an error row instead.
 */
public record Checkpoint(long sourceRows, long predicted, long errors) {
    public static final Checkpoint START = new Checkpoint(0, 0, 0);

    public Checkpoint plus(PredictedBatch batch) {
        long e = batch.errorCount();
        return new Checkpoint(sourceRows + batch.size(), predicted + batch.size() - e, errors + e);
    }
}
