package dev.onnxworkbench.graphview.render;

import dev.onnxworkbench.graphview.DiagramNode;
import dev.onnxworkbench.graphview.layout.DiagramLayout;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

/**
 * The whole graph rasterised once, at a few megapixels, in tiles a GPU texture can hold. Far out,
 * when boxes are a pixel or two, the view draws these tiles instead of 100,000 boxes, so a frame
 * costs the same at any graph size; the minimap draws them too. Pixels and the images made from them are
 * computed off the FX thread ({@link #render}): an image not yet shown may be written on any thread, and the FX
 * thread then only hands them to the renderer (converting 4 megapixels there cost 100–300 ms per open). The
 * pixel arrays are dropped once the images hold them.
 */
public final class OverviewRaster {
    private static final int TILE = 2048;
    // Enough for the zooms it stands in for (below DiagramPainter.SIMPLE_SCALE) and the minimap; more costs
    // tens of milliseconds per megapixel when a graph opens.
    private static final double PIXEL_BUDGET = 4e6;

    private final double scale;
    private final int width;
    private final int height;
    private final List<Tile> tiles;

    private OverviewRaster(double scale, int width, int height, List<Tile> tiles) {
        this.scale = scale;
        this.width = width;
        this.height = height;
        this.tiles = List.copyOf(tiles);
    }

    /** World-to-raster scale: a raster pixel covers 1/scale world units. */
    public double scale() {
        return scale;
    }

    public static OverviewRaster render(DiagramLayout layout, Palette palette) {
        double scale = Math.min(1, Math.sqrt(PIXEL_BUDGET / (layout.width() * layout.height())));
        int width = Math.max(1, (int) Math.ceil(layout.width() * scale));
        int height = Math.max(1, (int) Math.ceil(layout.height() * scale));
        int[] canvas = new int[Math.multiplyExact(width, height)];
        java.util.Arrays.fill(canvas, argb(palette.background()));
        int edge = argb(palette.edge());
        int containerFill = argb(palette.containerFill());
        for (var c : layout.containers()) {
            fillBox(canvas, width, height, layout, c.node(), scale, containerFill); // under the edges and boxes inside
        }
        for (int e = 0; e < layout.edgeCount(); e++) {
            double[] r = layout.route(e);
            if (r == null) {
                continue;
            }
            for (int k = 0; k + 3 < r.length; k += 2) {
                line(canvas, width, height, r[k] * scale, r[k + 1] * scale, r[k + 2] * scale, r[k + 3] * scale, edge);
            }
        }
        List<DiagramNode> nodes = layout.diagram().nodes();
        int terminal = argb(palette.terminalBorder());
        for (int i = 0; i < layout.nodeCount(); i++) {
            if (i % 4096 == 0) {
                dev.onnxworkbench.graphview.layout.Cancellation.check();
            }
            if (layout.container(i) != null) {
                continue;
            }
            DiagramNode n = nodes.get(i);
            int colour = n.kind() == DiagramNode.Kind.OPERATOR ? argb(palette.header(n.category())) : terminal;
            fillBox(canvas, width, height, layout, i, scale, colour);
        }
        int columns = (width + TILE - 1) / TILE;
        int rows = (height + TILE - 1) / TILE;
        List<Tile> tiles = new ArrayList<>();
        for (int ty = 0; ty < rows; ty++) {
            for (int tx = 0; tx < columns; tx++) {
                int tw = Math.min(TILE, width - tx * TILE);
                int th = Math.min(TILE, height - ty * TILE);
                WritableImage image = new WritableImage(tw, th);
                image.getPixelWriter().setPixels(0, 0, tw, th, PixelFormat.getIntArgbInstance(), canvas,
                        ty * TILE * width + tx * TILE, width);
                tiles.add(new Tile(image, tx * TILE / scale, ty * TILE / scale, tw / scale, th / scale));
            }
        }
        return new OverviewRaster(scale, width, height, tiles);
    }

    private static void fillBox(int[] canvas, int width, int height, DiagramLayout layout, int i, double scale,
                                int colour) {
        int x0 = (int) (layout.x(i) * scale);
        int y0 = (int) (layout.y(i) * scale);
        int x1 = Math.max(x0 + 1, (int) Math.ceil((layout.x(i) + layout.width(i)) * scale));
        int y1 = Math.max(y0 + 1, (int) Math.ceil((layout.y(i) + layout.height(i)) * scale));
        for (int y = Math.max(0, y0); y < Math.min(height, y1); y++) {
            java.util.Arrays.fill(canvas, y * width + Math.max(0, x0), y * width + Math.min(width, x1), colour);
        }
    }

    /** Bytes of the images' pixels (a texture made from them when drawn takes as much again). */
    public long estimatedBytes() {
        return 4L * width * height;
    }

    /** The tiles as images with their world position (made by {@link #render}; nothing is converted here). */
    public List<Tile> toImages() {
        return tiles;
    }

    /** One image and the world rectangle it covers. */
    public record Tile(WritableImage image, double worldX, double worldY, double worldWidth, double worldHeight) {}

    private static int argb(Color c) {
        return 0xff000000 | ((int) Math.round(c.getRed() * 255) << 16) | ((int) Math.round(c.getGreen() * 255) << 8)
                | (int) Math.round(c.getBlue() * 255);
    }

    private static void line(int[] px, int width, int height, double x0, double y0, double x1, double y1, int colour) {
        int steps = (int) Math.ceil(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0)));
        for (int s = 0; s <= steps; s++) {
            double t = steps == 0 ? 0 : (double) s / steps;
            int x = (int) (x0 + (x1 - x0) * t);
            int y = (int) (y0 + (y1 - y0) * t);
            if (x >= 0 && y >= 0 && x < width && y < height) {
                px[y * width + x] = colour;
            }
        }
    }
}
