package dev.onnxworkbench.graphview.render;

import dev.onnxworkbench.graphview.Diagram;
import dev.onnxworkbench.graphview.LayoutDirection;
import dev.onnxworkbench.graphview.Theme;
import dev.onnxworkbench.graphview.layout.BoxStyle;
import dev.onnxworkbench.graphview.layout.DiagramLayout;
import dev.onnxworkbench.graphview.layout.LayeredLayout;
import dev.onnxworkbench.graphview.Decorations;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * A tall (or, left to right, wide) graph as several PNG pages at a scale where box text is readable,
 * instead of one image shrunk until its text is a few pixels high. Pages are cut along the layout's
 * direction, in the gaps between rows of boxes where there are any, so no box is split. Used by {@code render}
 * and the window's File ▸ Export Graph as PNG (a detector once came out as one 543×16,001 image that common
 * viewers refuse).
 */
public final class PagedPng {
    /** Box text is drawn at its design size at scale 1; at 1.5 it stays crisp on high-density screens. */
    public static final double PAGE_SCALE = 1.5;
    /** Below this scale one image's text is too small to read (the detector's 543×16,001 PNG was at ~0.6). */
    static final double READABLE_SCALE = 1.0;
    /** A page's length along the layout direction, in pixels. */
    public static final int PAGE_PIXELS = 6000;
    /** Longest side of one image (as the single-image export). */
    public static final int MAX_SIDE = 16_000;
    private static final int TILE = 2048;

    private PagedPng() {}

    /** The scale one image of the whole graph would get (the single-image export's rule). */
    public static double singleImageScale(DiagramLayout layout) {
        double w = Math.max(1, layout.width());
        double h = Math.max(1, layout.height());
        return Math.min(2, Math.min(Math.sqrt(48e6 / (w * h)), Math.min(MAX_SIDE / w, MAX_SIDE / h)));
    }

    /** True when one image would draw text too small to read. */
    public static boolean needsPages(DiagramLayout layout) {
        return singleImageScale(layout) < READABLE_SCALE;
    }

    /** Files {@code out-1.png}, {@code out-2.png}, … next to {@code out}. */
    public static Path pageFile(Path out, int page) {
        String name = out.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : ".png";
        return out.resolveSibling(stem + "-" + page + ext);
    }

    /**
     * Where pages end, in layout units along the direction: cuts at most {@code pageLength} apart,
     * each in a gap between boxes when one lies in the page's second half.
     */
    public static List<Double> cuts(double[] starts, double[] ends, double length, double pageLength) {
        // Gaps: stretches no box covers (boxes sorted by start, merged).
        Integer[] order = new Integer[starts.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(starts[a], starts[b]));
        List<Double> gapMiddles = new ArrayList<>();
        double coveredTo = Double.NEGATIVE_INFINITY;
        for (int i : order) {
            if (starts[i] > coveredTo && coveredTo != Double.NEGATIVE_INFINITY) {
                gapMiddles.add((coveredTo + starts[i]) / 2);
            }
            coveredTo = Math.max(coveredTo, ends[i]);
        }
        // As many pages as needed, evened out, so the last page is not a sliver.
        int pages = (int) Math.ceil(length / pageLength);
        pageLength = Math.min(pageLength * 1.1, length / pages * 1.08);
        List<Double> cuts = new ArrayList<>();
        double from = 0;
        while (length - from > pageLength) {
            double limit = from + pageLength;
            double cut = limit;
            for (double g : gapMiddles) {
                if (g > from + pageLength / 2 && g <= limit) {
                    cut = g; // the last gap before the limit
                }
            }
            cuts.add(cut);
            from = cut;
        }
        cuts.add(length);
        return cuts;
    }

    /** Writes the pages and returns their files, in order. */
    public static List<Path> write(DiagramLayout layout, Theme theme, Path out) throws IOException {
        boolean down = layout.direction() == LayoutDirection.TOP_TO_BOTTOM;
        double along = down ? layout.height() : layout.width();
        double across = down ? layout.width() : layout.height();
        double scale = Math.min(PAGE_SCALE, MAX_SIDE / Math.max(1, across));
        int n = layout.nodeCount();
        double[] starts = new double[n];
        double[] ends = new double[n];
        for (int i = 0; i < n; i++) {
            starts[i] = down ? layout.y(i) : layout.x(i);
            ends[i] = starts[i] + (down ? layout.height(i) : layout.width(i));
        }
        List<Double> cuts = cuts(starts, ends, along, PAGE_PIXELS / scale);
        List<Path> files = new ArrayList<>();
        double from = 0;
        for (int page = 0; page < cuts.size(); page++) {
            double to = cuts.get(page);
            BufferedImage image = down
                    ? paint(layout, theme, scale, 0, from, across, to - from)
                    : paint(layout, theme, scale, from, 0, to - from, across);
            Path file = pageFile(out, page + 1);
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IOException("No PNG writer is available in this Java runtime");
            }
            files.add(file);
            from = to;
        }
        return files;
    }

    /** Draws the layout region (x, y, w, h) in layout units at {@code scale}, in tiles. */
    private static BufferedImage paint(DiagramLayout layout, Theme theme, double scale,
                                       double x, double y, double w, double h) throws IOException {
        int width = Math.max(1, (int) Math.ceil(w * scale));
        int height = Math.max(1, (int) Math.ceil(h * scale));
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Palette palette = Palette.of(theme);
        DiagramPainter painter = new DiagramPainter(BoxStyle.standard());
        onFxThread(() -> {
            // Edge labels placed as the single-image export places them (on the FX thread: the
            // layout's spatial index is not thread-safe).
            DecorationIndex none = DecorationIndex.of(Decorations.NONE, layout);
            ViewState state = ViewState.decorated(none, EdgeLabelPlacement.compute(layout, none, BoxStyle.standard()));
            Canvas canvas = new Canvas(Math.min(TILE, width), Math.min(TILE, height));
            SnapshotParameters params = new SnapshotParameters();
            params.setFill(palette.background());
            for (int ty = 0; ty < height; ty += TILE) {
                for (int tx = 0; tx < width; tx += TILE) {
                    int tw = Math.min(TILE, width - tx);
                    int th = Math.min(TILE, height - ty);
                    painter.paint(canvas.getGraphicsContext2D(), layout, palette, state, scale,
                            -x * scale - tx, -y * scale - ty, canvas.getWidth(), canvas.getHeight());
                    WritableImage tile = canvas.snapshot(params, null);
                    BufferedImage part = SwingFXUtils.fromFXImage(tile, null);
                    java.awt.Graphics2D target = image.createGraphics();
                    target.drawImage(part.getSubimage(0, 0, tw, th), tx, ty, null);
                    target.dispose();
                }
            }
            return null;
        });
        return image;
    }

    /** Starts JavaFX (headless without a display) unless it runs: the layout measures text with it. */
    public static void ensureFxStarted() {
        FxToolkit.ensureStarted();
    }

    /**
     * Lays out {@code diagram} and writes it readably: one PNG at {@code out} when its text stays readable, else
     * pages {@code out-1.png}, {@code out-2.png}, …; returns the files written, in order. Off the FX thread.
     */
    public static List<Path> writeReadable(Diagram diagram, LayoutDirection direction, Theme theme, Path out)
            throws IOException {
        FxToolkit.ensureStarted();
        DiagramLayout layout = LayeredLayout.compute(diagram, direction);
        if (needsPages(layout)) {
            return write(layout, theme, out);
        }
        DiagramExporter.writePng(layout, theme, out);
        return List.of(out);
    }

    private static void onFxThread(java.util.concurrent.Callable<Void> work) throws IOException {
        FxToolkit.ensureStarted();
        try {
            FxToolkit.call(work);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("Drawing the graph failed: " + e.getMessage(), e);
        }
    }
}
