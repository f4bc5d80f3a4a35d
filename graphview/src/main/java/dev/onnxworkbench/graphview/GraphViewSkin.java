package dev.onnxworkbench.graphview;

import dev.onnxworkbench.graphview.layout.BoxStyle;
import dev.onnxworkbench.graphview.layout.DiagramLayout;
import dev.onnxworkbench.graphview.layout.CompoundLayout;
import dev.onnxworkbench.graphview.render.DecorationIndex;
import dev.onnxworkbench.graphview.render.DiagramPainter;
import dev.onnxworkbench.graphview.render.EdgeLabelPlacement;
import dev.onnxworkbench.graphview.render.OverviewRaster;
import dev.onnxworkbench.graphview.render.Palette;
import dev.onnxworkbench.graphview.render.RasterPainter;
import dev.onnxworkbench.graphview.render.ViewState;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.collections.SetChangeListener;
import javafx.event.EventHandler;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.SkinBase;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;

/**
 * Draws a {@link GraphView} on a viewport-sized canvas. Layouts run on a {@link LayoutWorker} (a new
 * diagram cancels the stale layout; the status box offers Cancel) and are kept in a {@link LayoutCache}
 * bounded in bytes. Each frame draws only the items in view (level of detail by zoom); far out it
 * draws a pre-rendered overview raster instead of individual boxes. Pointer and keys: {@link GraphInput}.
 */
final class GraphViewSkin extends SkinBase<GraphView> {
    /** Memory the cached layouts and rasters of one view may take. */
    static final long CACHE_BYTES = 192L << 20;

    private final Canvas canvas = new Canvas();
    private final Minimap minimap = new Minimap();
    private final StatusBox status = new StatusBox();
    private final LayoutCache<Prepared.Key, Prepared.Layout> cache = new LayoutCache<>(CACHE_BYTES);
    private final LayoutWorker layoutWorker = new LayoutWorker();
    private final LayoutWorker rasterWorker = new LayoutWorker();
    private final ViewportModel viewport = new ViewportModel();
    private final GraphInput input;

    DiagramLayout layout;
    private List<OverviewRaster.Tile> tiles = List.of();
    private double rasterScale;
    private Palette rasterPalette;
    int hovered = -1;
    int hoveredEdge = -1;
    private Set<Integer> highlighted = Set.of();
    DecorationIndex decorations = DecorationIndex.NONE;
    private EdgeLabelPlacement labels;
    private EdgeLabelPlacement declaredLabels;
    private boolean redrawQueued;
    private boolean rasterQueued;
    private boolean pendingInitialView;
    /** Where the next drawing opens instead of its first view (going back to a graph the user left). */
    private Viewport pendingRestore;
    private String pendingCenter;

    private final SetChangeListener<String> highlightListener = c -> {
        updateHighlighted();
        requestRedraw();
    };
    private final InvalidationListener paletteListener = o -> requestRerasterize();
    private final SetChangeListener<String> expansionListener = c -> {
        keepInPlace(c.wasAdded() ? c.getElementAdded() : c.getElementRemoved());
        relayout();
    };
    /** A node to keep at its screen position across the next layout (the one whose ⊕ was clicked). */
    private String anchorId;
    private Point2D anchorAt;
    private final EventHandler<KeyEvent> keyHandler;

    GraphViewSkin(GraphView view) {
        super(view);
        getChildren().addAll(canvas, minimap.canvas(), status);
        input = new GraphInput(this, view, canvas);

        registerChangeListener(view.diagramProperty(), o -> relayout());
        registerChangeListener(view.directionProperty(), o -> relayout());
        registerChangeListener(view.selectedNodeIdProperty(), o -> requestRedraw());
        registerChangeListener(view.selectedEdgeIdProperty(), o -> requestRedraw());
        registerChangeListener(view.decorationsProperty(), o -> {
            updateDecorations();
            requestRedraw();
        });
        view.getHighlightedNodeIds().addListener(highlightListener);
        view.getExpandedNodeIds().addListener(expansionListener);
        view.colours().addListener(paletteListener);

        minimap.canvas().addEventHandler(MouseEvent.MOUSE_PRESSED, this::minimapJump);
        minimap.canvas().addEventHandler(MouseEvent.MOUSE_DRAGGED, this::minimapJump);
        keyHandler = input::keyPressed;
        view.addEventHandler(KeyEvent.KEY_PRESSED, keyHandler);
        relayout();
    }

    private boolean disposed;

    @Override
    public void dispose() {
        disposed = true;
        GraphView view = getSkinnable();
        view.getHighlightedNodeIds().removeListener(highlightListener);
        view.getExpandedNodeIds().removeListener(expansionListener);
        view.colours().removeListener(paletteListener);
        view.removeEventHandler(KeyEvent.KEY_PRESSED, keyHandler);
        layoutWorker.cancel();
        rasterWorker.cancel();
        cache.clear();
        super.dispose();
    }

    // The canvases follow the control's size, never the other way round (a grown minimap must not
    // make the control taller than its parent).
    @Override
    protected double computeMinWidth(double height, double top, double right, double bottom, double left) {
        return left + right;
    }

    @Override
    protected double computeMinHeight(double width, double top, double right, double bottom, double left) {
        return top + bottom;
    }

    @Override
    protected double computePrefWidth(double height, double top, double right, double bottom, double left) {
        return 640 + left + right;
    }

    @Override
    protected double computePrefHeight(double width, double top, double right, double bottom, double left) {
        return 480 + top + bottom;
    }

    @Override
    protected void layoutChildren(double x, double y, double w, double h) {
        boolean resized = canvas.getWidth() != w || canvas.getHeight() != h;
        canvas.relocate(x, y);
        canvas.setWidth(w);
        canvas.setHeight(h);
        viewport.setSize(w, h);
        status.autosize();
        status.relocate(x + (w - status.getWidth()) / 2, y + 16);
        double mw = minimap.canvas().getWidth();
        double mh = minimap.canvas().getHeight();
        minimap.canvas().relocate(minimapCorner.right ? x + w - mw - MINIMAP_INSET : x + MINIMAP_INSET,
                minimapCorner.bottom ? y + h - mh - MINIMAP_INSET : y + MINIMAP_INSET);
        if (resized) {
            if (layout != null && pendingInitialView) {
                initialView();
            }
            redraw();
        }
    }

    // ---- layout ----

    private void relayout() {
        GraphView view = getSkinnable();
        rasterWorker.cancel(); // a raster of the drawing on screen is no longer wanted
        Diagram diagram = view.getDiagram();
        if (diagram == null) {
            layoutWorker.cancel();
            showStatus(null, null, null);
            apply(null, 0);
            return;
        }
        Prepared.Key key = new Prepared.Key(diagram, view.getDirection(), Set.copyOf(view.getExpandedNodeIds()));
        Prepared.Layout cached = cache.get(key);
        if (cached != null) {
            layoutWorker.cancel();
            showStatus(null, null, null);
            apply(cached, 0);
            return;
        }
        if (layout != null && layout.source() == diagram) {
            dimmed = true; // the same graph re-laid out (expanded, turned): dim it under "Laying out…"
            redraw();
        } else {
            clearDrawing(); // a new graph: no frame shows the old one under "Laying out…"
        }
        view.layingOut.set(true);
        view.layoutError.set(null);
        showStatus("Laying out the graph…", "Cancel", this::cancelLayout);
        BoxStyle style = BoxStyle.standard(); // measured on the FX thread once; the layout thread only reads it
        layoutWorker.submit(() -> {
            long start = System.nanoTime();
            DiagramLayout computed = CompoundLayout.compute(diagram, key.direction(), style, key.expanded());
            EdgeLabelPlacement placed = EdgeLabelPlacement.compute(computed, DecorationIndex.NONE, style);
            // The overview raster follows (rerasterize): the first view is drawn box by box without it.
            return new Prepared.Layout(computed, placed, null, null, (System.nanoTime() - start) / 1_000_000);
        }, prepared -> {
            cache.put(key, prepared, prepared.bytes());
            showStatus(null, null, null);
            apply(prepared, prepared.millis());
        }, error -> {
            view.layingOut.set(false);
            showStatus(null, null, null);
            view.layoutError.set("The graph could not be laid out: " + error);
        });
    }

    /** Stops the running layout; the view stays empty and offers to lay out again. */
    void cancelLayout() {
        if (!layoutWorker.isBusy()) {
            return;
        }
        layoutWorker.cancel();
        getSkinnable().layingOut.set(false);
        if (dimmed) {
            dimmed = false; // the drawing on screen is still right for what it shows
            redraw();
        }
        showStatus("Layout cancelled", "Lay out", this::relayout);
    }

    private void keepInPlace(String nodeId) {
        int i = layout == null ? -1 : layout.indexOf(nodeId);
        anchorId = i < 0 ? null : nodeId;
        anchorAt = i < 0 ? null : viewport.snapshot().toView(layout.x(i), layout.y(i));
    }

    private void showStatus(String text, String action, Runnable onAction) {
        status.show(text, action, onAction);
        getSkinnable().requestLayout();
    }

    private boolean dimmed;

    private void clearDrawing() {
        layout = null;
        tiles = List.of();
        decorations = DecorationIndex.NONE;
        labels = null;
        declaredLabels = null;
        getSkinnable().layout.set(null);
        redraw();
    }

    private void apply(Prepared.Layout prepared, long millis) {
        GraphView view = getSkinnable();
        dimmed = false;
        layout = prepared == null ? null : prepared.layout();
        declaredLabels = prepared == null ? null : prepared.labels();
        OverviewRaster raster = prepared == null ? null : prepared.raster();
        tiles = raster == null ? List.of() : raster.toImages();
        rasterScale = raster == null ? 0 : raster.scale();
        rasterPalette = raster == null ? null : prepared.palette();
        hovered = -1;
        hoveredEdge = -1;
        view.hoveredNode.set(null);
        view.hoveredEdge.set(null);
        updateDecorations();
        view.layout.set(layout);
        view.layoutMillis.set(millis);
        view.layingOut.set(false);
        updateHighlighted();
        if (prepared != null && (raster == null || !prepared.palette().equals(view.getPalette()))) {
            requestRerasterize();
        }
        int anchor = anchorId == null || layout == null ? -1 : layout.indexOf(anchorId);
        if (anchor >= 0) {
            // Expanding or collapsing in place: the box keeps its place on screen, the zoom stays.
            viewport.panBy(anchorAt.getX() - viewport.snapshot().toView(layout.x(anchor), layout.y(anchor)).getX(),
                    anchorAt.getY() - viewport.snapshot().toView(layout.x(anchor), layout.y(anchor)).getY());
            pendingInitialView = false;
        } else {
            pendingInitialView = prepared != null;
            if (prepared != null && viewport.hasSize()) {
                initialView();
            }
        }
        anchorId = null;
        if (pendingCenter != null && !pendingInitialView && layout != null) {
            String id = pendingCenter;
            pendingCenter = null;
            centerOn(id);
        }
        redraw();
    }

    private void requestRerasterize() {
        if (!rasterQueued) {
            rasterQueued = true;
            Platform.runLater(() -> {
                rasterQueued = false;
                if (!disposed) {
                    rerasterize();
                }
            });
        }
    }

    /** New colours change the overview raster; the layout stays. Failures are reported, not swallowed. */
    private void rerasterize() {
        DiagramLayout current = layout;
        Palette palette = getSkinnable().getPalette();
        if (current == null || palette.equals(rasterPalette)) {
            requestRedraw();
            return;
        }
        GraphView view = getSkinnable();
        Prepared.Key key = new Prepared.Key(view.getDiagram(), view.getDirection(), Set.copyOf(view.getExpandedNodeIds()));
        rasterWorker.submit(() -> OverviewRaster.render(current, palette), raster -> {
            if (layout == current) {
                tiles = raster.toImages();
                rasterScale = raster.scale();
                rasterPalette = palette;
                Prepared.Layout prepared = new Prepared.Layout(current, declaredLabels, raster, palette, 0);
                cache.put(key, prepared, prepared.bytes());
                redraw();
            }
        }, error -> view.layoutError.set("The graph overview could not be drawn: " + error));
        requestRedraw();
    }

    /** Resolves the decorations for the layout; replaced edge labels need the labels placed again. */
    private void updateDecorations() {
        decorations = DecorationIndex.of(getSkinnable().getDecorations(), layout);
        labels = layout == null || !decorations.replacesLabels() ? declaredLabels
                : EdgeLabelPlacement.compute(layout, decorations, BoxStyle.standard());
    }

    /** The edge whose label is at a world point (hovering a label names its tensor), or -1. */
    int labelAt(double wx, double wy) {
        return labels == null ? -1 : labels.edgeAt(wx, wy);
    }

    /** Where the edge labels are drawn (tests check that none overlap). */
    EdgeLabelPlacement labels() {
        return labels;
    }

    /** The next drawing opens at {@code saved} (zoom and position) instead of its first view. */
    void restoreOnNextLayout(Viewport saved) {
        pendingRestore = saved;
    }

    private void initialView() {
        pendingInitialView = false;
        if (pendingRestore != null) {
            viewport.restore(pendingRestore);
            pendingRestore = null;
            publishZoom();
            return;
        }
        viewport.initialView(layout);
        if (pendingCenter != null) {
            String id = pendingCenter;
            pendingCenter = null;
            centerOn(id);
        }
        publishZoom();
    }

    private void updateHighlighted() {
        if (layout == null) {
            highlighted = Set.of();
            return;
        }
        Set<Integer> indices = new HashSet<>();
        for (String id : getSkinnable().getHighlightedNodeIds()) {
            int i = layout.indexOf(id);
            if (i >= 0) {
                indices.add(i);
            }
        }
        highlighted = indices;
    }

    // ---- navigation ----

    void centerOn(String nodeId) {
        GraphView view = getSkinnable();
        if (layout == null || pendingInitialView || view.isLayingOut()) {
            pendingCenter = nodeId;
            return;
        }
        int i = layout.indexOf(nodeId);
        if (i < 0) {
            // A box inside a collapsed body: expand the bodies around it, then centre on it.
            List<String> owners = Expansion.ownersOf(layout.source(), nodeId);
            if (!owners.isEmpty() && !view.getExpandedNodeIds().containsAll(owners)) {
                pendingCenter = nodeId;
                view.getExpandedNodeIds().addAll(owners);
            }
            return;
        }
        viewport.centreOn(layout, i, viewport.scale() < ViewportModel.READABLE_SCALE ? 1 : 0);
        publishZoom();
        redraw();
    }

    void fitToView() {
        if (layout != null) {
            viewport.fit(layout);
            publishZoom();
            redraw();
        }
    }

    void actualSize() {
        if (layout != null) {
            viewport.actualSize(layout, layout.indexOf(nullToEmpty(getSkinnable().getSelectedNodeId())));
            publishZoom();
            redraw();
        }
    }

    void zoomBy(double factor) {
        zoomAt(factor, canvas.getWidth() / 2, canvas.getHeight() / 2);
    }

    void zoomAt(double factor, double px, double py) {
        viewport.zoomAt(factor, px, py, layout);
        publishZoom();
        requestRedraw();
    }

    void panBy(double dx, double dy) {
        viewport.panBy(dx, dy);
        requestRedraw();
    }

    ViewportModel viewport() {
        return viewport;
    }

    private void publishZoom() {
        getSkinnable().zoom.set(viewport.scale());
    }

    private void minimapJump(MouseEvent e) {
        if (layout != null) {
            Point2D world = minimap.toWorld(e.getX(), e.getY());
            viewport.centreOnPoint(world.getX(), world.getY());
            requestRedraw();
        }
        e.consume();
    }

    // ---- drawing ----

    void requestRedraw() {
        if (!redrawQueued) {
            redrawQueued = true;
            Platform.runLater(() -> {
                redrawQueued = false;
                if (!disposed) {
                    redraw();
                }
            });
        }
    }

    /** Draws the frame now; returns the time it took in nanoseconds. */
    long redraw() {
        long start = System.nanoTime();
        GraphView view = getSkinnable();
        Viewport now = viewport.snapshot();
        if (!now.equals(view.viewport.get())) {
            view.viewport.set(now);
        }
        Palette palette = view.getPalette();
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (layout == null) {
            g.setTransform(1, 0, 0, 1, 0, 0);
            g.setFill(palette.background());
            g.fillRect(0, 0, w, h);
            minimap.canvas().setVisible(false);
            return System.nanoTime() - start;
        }
        double scale = viewport.scale();
        ViewState state = new ViewState(layout.indexOf(nullToEmpty(view.getSelectedNodeId())), hovered,
                layout.edgeIndexOf(nullToEmpty(view.getSelectedEdgeId())), hoveredEdge, highlighted, decorations,
                labels);
        if (!tiles.isEmpty() && scale < DiagramPainter.SIMPLE_SCALE && scale <= rasterScale * 1.5) {
            RasterPainter.paint(g, layout, tiles, palette, state, scale, viewport.tx(), viewport.ty(), w, h);
        } else {
            new DiagramPainter(BoxStyle.standard()).paint(g, layout, palette, state, scale, viewport.tx(),
                    viewport.ty(), w, h);
        }
        if (dimmed) {
            g.setFill(palette.background().deriveColor(0, 1, 1, 0.6));
            g.fillRect(0, 0, w, h);
        }
        paintMinimap(palette, now);
        return System.nanoTime() - start;
    }

    static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static final double MINIMAP_INSET = 12;

    /** A corner of the view; the minimap sits in the first one that covers no node. */
    private enum Corner {
        BOTTOM_RIGHT(true, true), BOTTOM_LEFT(false, true), TOP_RIGHT(true, false), TOP_LEFT(false, false);

        final boolean right;
        final boolean bottom;

        Corner(boolean right, boolean bottom) {
            this.right = right;
            this.bottom = bottom;
        }
    }

    private Corner minimapCorner = Corner.BOTTOM_RIGHT;

    /** The minimap shows whenever part of the drawing is out of view, and always the whole drawing. */
    private void paintMinimap(Palette palette, Viewport now) {
        boolean partial = layout.width() * now.scale() > now.width() + 1
                || layout.height() * now.scale() > now.height() + 1;
        minimap.canvas().setVisible(partial && !tiles.isEmpty());
        if (!minimap.canvas().isVisible()) {
            return;
        }
        boolean resized = minimap.size(layout, now.height());
        Corner corner = freestCorner(now);
        if (resized || corner != minimapCorner) {
            minimapCorner = corner;
            getSkinnable().requestLayout();
        }
        minimap.paint(layout, tiles, palette, now);
    }

    /**
     * The corner where the minimap hides the fewest nodes (none, in the first view and after a fit, unless
     * the drawing fills all four corners): it moves rather than cover the boxes the user looks at.
     */
    private Corner freestCorner(Viewport now) {
        Corner best = minimapCorner;
        int fewest = covered(minimapCorner, now);
        if (fewest == 0) {
            return best;
        }
        for (Corner c : Corner.values()) {
            int n = covered(c, now);
            if (n < fewest) {
                best = c;
                fewest = n;
            }
        }
        return best;
    }

    private int covered(Corner corner, Viewport now) {
        double mw = minimap.canvas().getWidth() + MINIMAP_INSET;
        double mh = minimap.canvas().getHeight() + MINIMAP_INSET;
        double vx0 = corner.right ? now.width() - mw : 0;
        double vy0 = corner.bottom ? now.height() - mh : 0;
        Point2D a = now.toWorld(vx0, vy0);
        Point2D b = now.toWorld(vx0 + mw, vy0 + mh);
        int[] count = {0};
        layout.nodeGrid().query(a.getX(), a.getY(), b.getX(), b.getY(), i -> {
            if (layout.x(i) < b.getX() && layout.x(i) + layout.width(i) > a.getX()
                    && layout.y(i) < b.getY() && layout.y(i) + layout.height(i) > a.getY()) {
                count[0]++;
            }
        });
        return count[0];
    }

    /** The corner the minimap sits in (tests). */
    String minimapCorner() {
        return minimapCorner.name();
    }

    /** Whether the minimap is on screen (tests). */
    boolean minimapShown() {
        return minimap.canvas().isVisible();
    }

    Minimap minimap() {
        return minimap;
    }
}
