package dev.onnxworkbench.graphview.layout;

import dev.onnxworkbench.graphview.Diagram;
import dev.onnxworkbench.graphview.DiagramEdge;
import dev.onnxworkbench.graphview.DiagramNode;
import dev.onnxworkbench.graphview.LayoutDirection;

/**
 * A layered (Sugiyama-style) layout in near-linear time, so that 100,000 nodes lay out in a second or
 * two where general-purpose engines take minutes: depth-first cycle breaking, longest-path layering
 * with sources pulled next to their first consumer, a dummy node per layer crossed by a long edge,
 * depth-first initial order refined by barycenter sweeps, and least-squares coordinates per layer
 * (isotonic regression under the minimum-separation constraint) that keep chains straight.
 *
 * <p>The phases live in {@link LayeringPhase}, {@link OrderingPhase} and {@link RoutingPhase}. A layout
 * on an interrupted thread stops at the next check with a {@link java.util.concurrent.CancellationException}
 * (the view cancels a stale layout when a new diagram arrives).
 *
 * <p>Works in abstract axes: "rank" runs along the layers (down, or right), "order" across them.
 * Pure computation on arrays; safe to run on any thread.
 */
public final class LayeredLayout {
    static final double MARGIN = 24;
    static final double NODE_GAP = 22;
    static final double DUMMY_GAP = 10;
    static final double RANK_GAP = 34;
    static final double LABELLED_RANK_GAP = 44;
    static final int ORDER_SWEEPS = 4;
    static final int PLACEMENT_SWEEPS = 6;

    private LayeredLayout() {}

    /** Lays out the diagram with the standard box style (the JavaFX toolkit must be running). */
    public static DiagramLayout compute(Diagram diagram, LayoutDirection direction) {
        return compute(diagram, direction, BoxStyle.standard());
    }

    public static DiagramLayout compute(Diagram diagram, LayoutDirection direction, BoxStyle style) {
        return new RoutingPhase(diagram, direction, style, java.util.Map.of()).layout();
    }

    /** Lays out with some boxes' sizes given ({@code id → {width, height}}): containers of inline bodies. */
    static DiagramLayout compute(Diagram diagram, LayoutDirection direction, BoxStyle style,
                                 java.util.Map<String, double[]> sizes) {
        return new RoutingPhase(diagram, direction, style, sizes).layout();
    }
}
