package dev.onnxworkbench.models.loadtest;

import java.util.List;

/** {@code loadtest --json}: the endpoint, the model, one entry per concurrency level. */
public record LoadReport(String url, String model, List<LoadLevel> levels) {
    public LoadReport {
        levels = List.copyOf(levels);
    }
}
