package dev.onnxworkbench.models.precision;

/** Progress of a conversion, calibration or evaluation: a line to show and steps done of a total. */
public interface Progress {
    void update(String message, int done, int total);

    Progress NONE = (m, d, t) -> { };
}
