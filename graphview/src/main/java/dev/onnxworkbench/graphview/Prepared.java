package dev.onnxworkbench.graphview;

import dev.onnxworkbench.graphview.layout.DiagramLayout;
import dev.onnxworkbench.graphview.render.EdgeLabelPlacement;
import dev.onnxworkbench.graphview.render.OverviewRaster;
import dev.onnxworkbench.graphview.render.Palette;
import java.util.Set;

/** What the view caches per layout, and the cache key. */
final class Prepared {
    private Prepared() {}

    /** A layout with its labels, and its overview raster (null until drawn) with the palette it was drawn in. */
    record Layout(DiagramLayout layout, EdgeLabelPlacement labels, OverviewRaster raster, Palette palette,
                            long millis) {
        long bytes() {
            // the layout, its labels, the raster's pixels and the images made from them
            return layout.estimatedBytes() + 64L * labels.count() + (raster == null ? 0 : 2 * raster.estimatedBytes());
        }
    }

    /** Identity of a diagram (its lists can be huge, so no deep equals), the direction, expanded nodes. */
    record Key(Diagram diagram, LayoutDirection direction, Set<String> expanded) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.diagram == diagram && k.direction == direction
                    && k.expanded.equals(expanded);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(diagram) * 31 + direction.hashCode() * 17 + expanded.hashCode();
        }
    }
}
