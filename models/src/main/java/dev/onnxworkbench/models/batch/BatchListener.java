package dev.onnxworkbench.models.batch;

/** Hears how far a batch prediction has come, after each batch (on the predicting thread). */
@FunctionalInterface
public interface BatchListener {
    void progress(BatchSummary soFar);

    BatchListener NONE = s -> { };
}
