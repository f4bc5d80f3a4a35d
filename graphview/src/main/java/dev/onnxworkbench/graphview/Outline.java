package dev.onnxworkbench.graphview;

/**
 * The outline a {@link NodeDecoration} draws around a box. Each kind has its own colour, taken from
 * the view's CSS palette ({@code -gv-outline-error} and so on), so the light and dark themes and
 * the exports agree.
 */
public enum Outline {
    /** No outline. */
    NONE,
    /** Draws attention without judgement (for example "the node this run stopped at"). */
    HIGHLIGHT,
    /** Something went wrong here (NaN, a failed comparison). */
    ERROR,
    /** Suspicious but not wrong (large divergence, slow node). */
    WARNING,
    /** Model diff: only in the new model. */
    ADDED,
    /** Model diff: only in the old model. */
    REMOVED,
    /** Model diff: in both, but different. */
    CHANGED
}
