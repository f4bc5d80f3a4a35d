package dev.onnxworkbench.models.bench;

/**
 * When a provider's output counts as agreeing with the CPU reference, Polygraphy-style: an
 * element passes when {@code |a-r| <= absolute} or {@code |a-r|/|r| <= relative}.
 */
public record Tolerances(double absolute, double relative) {
    public static final Tolerances DEFAULT = new Tolerances(1e-5, 1e-3);

    public Tolerances {
        if (!(absolute >= 0) || !(relative >= 0)) {
            throw new IllegalArgumentException("tolerances must be zero or positive");
        }
    }
}
