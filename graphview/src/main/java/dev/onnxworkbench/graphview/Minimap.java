package dev.onnxworkbench.graphview;

import dev.onnxworkbench.graphview.layout.DiagramLayout;
import dev.onnxworkbench.graphview.render.OverviewRaster;
import dev.onnxworkbench.graphview.render.Palette;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;

/**
 * The overview in the corner: always the whole drawing (scaled to fit a box of at most
 * {@link #MAX_WIDTH} × {@link #MAX_HEIGHT}, stretched to a minimum width for very tall graphs) with the
 * viewport as a rectangle; pressing or dragging in it moves the view there.
 */
final class Minimap {
    static final double MAX_WIDTH = 180;
    static final double MAX_HEIGHT = 220;
    private static final double MIN_SIDE = 36;

    private final Canvas canvas = new Canvas(MAX_WIDTH, 120);
    private double kx = 1;
    private double ky = 1;

    Minimap() {
        canvas.getStyleClass().add("minimap");
        canvas.setVisible(false);
    }

    Canvas canvas() {
        return canvas;
    }

    /** Sizes the minimap for a layout; returns true when its size changed (the parent must lay out again). */
    boolean size(DiagramLayout layout, double viewHeight) {
        double maxHeight = Math.min(MAX_HEIGHT, Math.max(MIN_SIDE, viewHeight * 0.35));
        double k = Math.min(MAX_WIDTH / layout.width(), maxHeight / layout.height());
        double w = Math.max(MIN_SIDE, Math.min(MAX_WIDTH, layout.width() * k));
        double h = Math.max(MIN_SIDE, Math.min(maxHeight, layout.height() * k));
        kx = w / layout.width();
        ky = h / layout.height();
        boolean changed = canvas.getWidth() != w || canvas.getHeight() != h;
        canvas.setWidth(w);
        canvas.setHeight(h);
        return changed;
    }

    void paint(DiagramLayout layout, List<OverviewRaster.Tile> tiles, Palette palette, Viewport view) {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setTransform(1, 0, 0, 1, 0, 0);
        g.setFill(palette.background());
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        g.setImageSmoothing(true);
        g.setTransform(kx, 0, 0, ky, 0, 0);
        for (OverviewRaster.Tile t : tiles) {
            g.drawImage(t.image(), t.worldX(), t.worldY(), t.worldWidth(), t.worldHeight());
        }
        g.setTransform(1, 0, 0, 1, 0, 0);
        Point2D topLeft = view.toWorld(0, 0);
        double x = topLeft.getX() * kx;
        double y = topLeft.getY() * ky;
        double w = Math.max(3, view.width() / view.scale() * kx);
        double h = Math.max(3, view.height() / view.scale() * ky);
        g.setStroke(palette.selection());
        g.setLineWidth(1.5);
        g.strokeRect(x, y, w, h);
    }

    /** The world point under a point of the minimap. */
    Point2D toWorld(double mx, double my) {
        return new Point2D(mx / kx, my / ky);
    }

    /** The minimap's scale (minimap pixels per world unit) across and down. */
    double scaleX() {
        return kx;
    }

    double scaleY() {
        return ky;
    }
}
