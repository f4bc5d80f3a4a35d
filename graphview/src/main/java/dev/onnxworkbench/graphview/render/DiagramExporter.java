package dev.onnxworkbench.graphview.render;

import dev.onnxworkbench.graphview.Decorations;
import dev.onnxworkbench.graphview.Diagram;
import dev.onnxworkbench.graphview.LayoutDirection;
import dev.onnxworkbench.graphview.Theme;
import dev.onnxworkbench.graphview.layout.BoxStyle;
import dev.onnxworkbench.graphview.layout.DiagramLayout;
import dev.onnxworkbench.graphview.layout.LayeredLayout;
import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * Writes a whole diagram to PNG or SVG without a window (JavaFX's headless platform works). The PNG
 * is drawn in tiles and scaled to stay under {@link #MAX_PIXELS} and {@link #MAX_SIDE}; small graphs
 * are drawn at twice their size for crisp text. SVG is always full scale.
 */
public final class DiagramExporter {
    static final double MAX_PIXELS = 48e6;
    static final int MAX_SIDE = 16_000;
    private static final int TILE = 2048;

    private DiagramExporter() {}

    public static void writePng(Diagram diagram, LayoutDirection direction, Theme theme, Path out) throws IOException {
        FxToolkit.ensureStarted();
        writePng(LayeredLayout.compute(diagram, direction), theme, out);
    }

    /** Writes an already computed layout (the window's File ▸ Export reuses the one on screen). */
    public static void writePng(DiagramLayout layout, Theme theme, Path out) throws IOException {
        writePng(layout, Palette.of(theme), Decorations.NONE, out);
    }

    /**
     * Writes a layout with a given palette (the view's resolved CSS colours, see
     * {@code GraphView.getPalette()}) and its decorations, as the window shows them.
     */
    public static void writePng(DiagramLayout layout, Palette palette, Decorations decorations, Path out)
            throws IOException {
        FxToolkit.ensureStarted();
        ViewState state = ViewState.decorated(DecorationIndex.of(decorations, layout));
        double scale = pngScale(layout.width(), layout.height());
        int width = Math.max(1, (int) Math.ceil(layout.width() * scale));
        int height = Math.max(1, (int) Math.ceil(layout.height() * scale));
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        DiagramPainter painter = new DiagramPainter(BoxStyle.standard());
        try {
            FxToolkit.call(() -> {
                Canvas canvas = new Canvas(Math.min(TILE, width), Math.min(TILE, height));
                SnapshotParameters params = new SnapshotParameters();
                params.setFill(palette.background());
                for (int ty = 0; ty < height; ty += TILE) {
                    for (int tx = 0; tx < width; tx += TILE) {
                        int tw = Math.min(TILE, width - tx);
                        int th = Math.min(TILE, height - ty);
                        painter.paint(canvas.getGraphicsContext2D(), layout, palette, state, scale, -tx, -ty,
                                canvas.getWidth(), canvas.getHeight());
                        WritableImage tile = canvas.snapshot(params, null);
                        BufferedImage part = SwingFXUtils.fromFXImage(tile, null);
                        java.awt.Graphics2D target = image.createGraphics();
                        target.drawImage(part.getSubimage(0, 0, tw, th), tx, ty, null);
                        target.dispose();
                    }
                }
                return null;
            });
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("Drawing the graph failed: " + e.getMessage(), e);
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        if (!ImageIO.write(image, "png", out.toFile())) {
            throw new IOException("No PNG writer is available in this Java runtime");
        }
    }

    /** The PNG scale: 2× for small graphs, less as needed to stay within the pixel and side limits. */
    static double pngScale(double width, double height) {
        return Math.min(2, Math.min(Math.sqrt(MAX_PIXELS / (width * height)),
                Math.min(MAX_SIDE / width, MAX_SIDE / height)));
    }

    public static void writeSvg(Diagram diagram, LayoutDirection direction, Theme theme, Path out) throws IOException {
        FxToolkit.ensureStarted();
        writeSvg(LayeredLayout.compute(diagram, direction), theme, out);
    }

    public static void writeSvg(DiagramLayout layout, Theme theme, Path out) throws IOException {
        writeSvg(layout, Palette.of(theme), Decorations.NONE, out);
    }

    /** Writes a layout as SVG with a given palette and decorations (outlines, tints, badges, edge styles). */
    public static void writeSvg(DiagramLayout layout, Palette palette, Decorations decorations, Path out)
            throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            new SvgWriter(BoxStyle.standard(), palette, DecorationIndex.of(decorations, layout)).write(layout, writer);
        }
    }
}
