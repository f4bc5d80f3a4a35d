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
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SkinBase;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;

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
    private final Label statusText = new Label();
    private final Button statusAction = new Button();
    private final HBox status = new HBox(statusText, statusAction);
    private final LayoutCache<CacheKey, Prepared> cache = new LayoutCache<>(CACHE_BYTES);
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
    private String pendingCenter;

    private final SetChangeListener<String> highlightListener = c -> {
        updateHighlighted();
        requestRedraw();
    };
    private final InvalidationListener paletteListener = o -> requestRerasterize();
    private final SetChangeListener<String> expansionListener = c -> relayout();
    private final EventHandler<KeyEvent> keyHandler;

    GraphViewSkin(GraphView view) {
        super(view);
        status.getStyleClass().add("busy");
        status.setVisible(false);
        status.setManaged(false);
        statusAction.setFocusTraversable(false);
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

    @Override
    public void dispose() {
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
        minimap.canvas().relocate(x + w - minimap.canvas().getWidth() - 12, y + h - minimap.canvas().getHeight() - 12);
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
        Diagram diagram = view.getDiagram();
        if (diagram == null) {
            layoutWorker.cancel();
            showStatus(null, null, null);
            apply(null, 0);
            return;
        }
        CacheKey key = new CacheKey(diagram, view.getDirection(), Set.copyOf(view.getExpandedNodeIds()));
        Prepared cached = cache.get(key);
        if (cached != null) {
            layoutWorker.cancel();
            showStatus(null, null, null);
            apply(cached, 0);
            return;
        }
        // The old drawing goes at once: no frame shows it under the new model's "Laying out…".
        clearDrawing();
        view.layingOut.set(true);
        view.layoutError.set(null);
        showStatus("Laying out the graph…", "Cancel", this::cancelLayout);
        BoxStyle style = BoxStyle.standard(); // measured on the FX thread once; the layout thread only reads it
        Palette palette = view.getPalette();
        layoutWorker.submit(() -> {
            long start = System.nanoTime();
            DiagramLayout computed = CompoundLayout.compute(diagram, key.direction(), style, key.expanded());
            EdgeLabelPlacement placed = EdgeLabelPlacement.compute(computed, DecorationIndex.NONE, style);
            OverviewRaster raster = OverviewRaster.render(computed, palette);
            return new Prepared(computed, placed, raster, palette, (System.nanoTime() - start) / 1_000_000);
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
        showStatus("Layout cancelled", "Lay out", this::relayout);
    }

    private void showStatus(String text, String action, Runnable onAction) {
        status.setVisible(text != null);
        statusText.setText(text == null ? "" : text);
        statusAction.setText(action == null ? "" : action);
        statusAction.setOnAction(e -> {
            if (onAction != null) {
                onAction.run();
            }
        });
        getSkinnable().requestLayout();
    }

    private void clearDrawing() {
        layout = null;
        tiles = List.of();
        decorations = DecorationIndex.NONE;
        labels = null;
        declaredLabels = null;
        getSkinnable().layout.set(null);
        redraw();
    }

    private void apply(Prepared prepared, long millis) {
        GraphView view = getSkinnable();
        layout = prepared == null ? null : prepared.layout();
        declaredLabels = prepared == null ? null : prepared.labels();
        tiles = prepared == null ? List.of() : prepared.raster().toImages();
        rasterScale = prepared == null ? 0 : prepared.raster().scale();
        rasterPalette = prepared == null ? null : prepared.palette();
        hovered = -1;
        hoveredEdge = -1;
        view.hoveredNode.set(null);
        view.hoveredEdge.set(null);
        updateDecorations();
        view.layout.set(layout);
        view.layoutMillis.set(millis);
        view.layingOut.set(false);
        updateHighlighted();
        if (prepared != null && !prepared.palette().equals(view.getPalette())) {
            requestRerasterize();
        }
        pendingInitialView = prepared != null;
        if (prepared != null && viewport.hasSize()) {
            initialView();
        }
        redraw();
    }

    private void requestRerasterize() {
        if (!rasterQueued) {
            rasterQueued = true;
            Platform.runLater(() -> {
                rasterQueued = false;
                rerasterize();
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
        CacheKey key = new CacheKey(view.getDiagram(), view.getDirection(), Set.copyOf(view.getExpandedNodeIds()));
        rasterWorker.submit(() -> OverviewRaster.render(current, palette), raster -> {
            if (layout == current) {
                tiles = raster.toImages();
                rasterScale = raster.scale();
                rasterPalette = palette;
                Prepared prepared = new Prepared(current, declaredLabels, raster, palette, 0);
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

    private void initialView() {
        pendingInitialView = false;
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
        if (layout == null || pendingInitialView) {
            pendingCenter = nodeId;
            return;
        }
        int i = layout.indexOf(nodeId);
        if (i < 0) {
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
                redraw();
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
        paintMinimap(palette, now);
        return System.nanoTime() - start;
    }

    static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** The minimap shows whenever part of the drawing is out of view, and always the whole drawing. */
    private void paintMinimap(Palette palette, Viewport now) {
        boolean partial = layout.width() * now.scale() > now.width() + 1
                || layout.height() * now.scale() > now.height() + 1;
        minimap.canvas().setVisible(partial && !tiles.isEmpty());
        if (!minimap.canvas().isVisible()) {
            return;
        }
        if (minimap.size(layout, now.height())) {
            getSkinnable().requestLayout();
        }
        minimap.paint(layout, tiles, palette, now);
    }

    /** Whether the minimap is on screen (tests). */
    boolean minimapShown() {
        return minimap.canvas().isVisible();
    }

    Minimap minimap() {
        return minimap;
    }

    /** A layout plus its overview raster and the palette the raster was drawn with. */
    private record Prepared(DiagramLayout layout, EdgeLabelPlacement labels, OverviewRaster raster, Palette palette,
                            long millis) {
        long bytes() {
            // the layout, its labels, the raster's pixels and the images made from them
            return layout.estimatedBytes() + 64L * labels.count() + 2 * raster.estimatedBytes();
        }
    }

    /** Identity of a diagram (its lists can be huge, so no deep equals), the direction, expanded nodes. */
    private record CacheKey(Diagram diagram, LayoutDirection direction, Set<String> expanded) {
        @Override
        public boolean equals(Object o) {
            return o instanceof CacheKey k && k.diagram == diagram && k.direction == direction
                    && k.expanded.equals(expanded);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(diagram) * 31 + direction.hashCode() * 17 + expanded.hashCode();
        }
    }
}
