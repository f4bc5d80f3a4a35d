package dev.onnxworkbench.graphview;

import javafx.geometry.Point2D;

/**
 * What part of the drawing is on screen: a world point {@code (x, y)} is drawn at
 * {@code (x * scale + translateX, y * scale + translateY)} in a view of {@code width × height}.
 */
public record Viewport(double scale, double translateX, double translateY, double width, double height) {
    public static final Viewport EMPTY = new Viewport(1, 0, 0, 0, 0);

    public Point2D toView(double worldX, double worldY) {
        return new Point2D(worldX * scale + translateX, worldY * scale + translateY);
    }

    public Point2D toWorld(double viewX, double viewY) {
        return new Point2D((viewX - translateX) / scale, (viewY - translateY) / scale);
    }

    /** The world point at the middle of the view. */
    public Point2D worldCentre() {
        return toWorld(width / 2, height / 2);
    }
}
