package dev.onnxworkbench.graphview.render;

import dev.onnxworkbench.graphview.NodeDecoration;
import dev.onnxworkbench.graphview.Outline;
import dev.onnxworkbench.graphview.layout.DiagramLayout;
import java.util.List;
import javafx.scene.canvas.GraphicsContext;

/**
 * Far out, draws the overview raster instead of the boxes, then on top what changes without a new
 * raster: decoration tints and outlines, search hits and the selection.
 */
public final class RasterPainter {
    private RasterPainter() {}

    public static void paint(GraphicsContext g, DiagramLayout layout, List<OverviewRaster.Tile> tiles, Palette palette,
                             ViewState state, double scale, double tx, double ty, double w, double h) {
        g.setTransform(1, 0, 0, 1, 0, 0);
        g.setFill(palette.background());
        g.fillRect(0, 0, w, h);
        g.setTransform(scale, 0, 0, scale, tx, ty);
        g.setImageSmoothing(true);
        for (OverviewRaster.Tile t : tiles) {
            g.drawImage(t.image(), t.worldX(), t.worldY(), t.worldWidth(), t.worldHeight());
        }
        for (int i : state.decorations().decoratedNodes()) {
            NodeDecoration d = state.decorations().node(i);
            if (d.fill() != null) {
                g.setFill(d.fill().deriveColor(0, 1, 1, 1 / Math.max(0.01, d.fill().getOpacity())));
                g.fillRect(layout.x(i), layout.y(i), layout.width(i), layout.height(i));
            }
            if (d.outline() != Outline.NONE) {
                g.setStroke(palette.outline(d.outline()));
                g.setLineWidth(2 / scale);
                frame(g, layout, i, 3 / scale);
            }
        }
        g.setLineWidth(2 / scale);
        g.setStroke(palette.searchHit());
        for (int i : state.highlighted()) {
            frame(g, layout, i, 4 / scale);
        }
        if (state.selectedNode() >= 0) {
            g.setStroke(palette.selection());
            frame(g, layout, state.selectedNode(), 4 / scale);
        }
        g.setTransform(1, 0, 0, 1, 0, 0);
    }

    private static void frame(GraphicsContext g, DiagramLayout layout, int i, double pad) {
        g.strokeRect(layout.x(i) - pad, layout.y(i) - pad, layout.width(i) + 2 * pad, layout.height(i) + 2 * pad);
    }
}
