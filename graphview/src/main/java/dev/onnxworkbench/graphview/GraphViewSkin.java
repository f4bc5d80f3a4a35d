package dev.onnxworkbench.graphview;

import dev.onnxworkbench.graphview.layout.BoxStyle;
import dev.onnxworkbench.graphview.layout.DiagramLayout;
import dev.onnxworkbench.graphview.layout.LayeredLayout;
import dev.onnxworkbench.graphview.render.DecorationIndex;
import dev.onnxworkbench.graphview.render.DiagramPainter;
import dev.onnxworkbench.graphview.render.OverviewRaster;
import dev.onnxworkbench.graphview.render.Palette;
import dev.onnxworkbench.graphview.render.ViewState;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.collections.SetChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.SkinBase;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;

/**
 * Draws a {@link GraphView} on a viewport-sized canvas. Layouts run on a dedicated background thread
 * and are cached per diagram and direction; each frame draws only the items in view (level of detail
 * by zoom), and far out it draws a pre-rendered overview raster instead of individual boxes.
 */
final class GraphViewSkin extends SkinBase<GraphView> {
    private static final ExecutorService LAYOUT_THREAD = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(null, r, "graph-layout", 256L << 20);
        t.setDaemon(true);
        return t;
    });
    private static final int CACHE_SIZE = 6;
    private static final double MAX_SCALE = 4;
    private static final double MINIMAP_WIDTH = 180;

    private final Canvas canvas = new Canvas();
    private final Canvas minimap = new Canvas(MINIMAP_WIDTH, 120);
    private final Label busy = new Label("Laying out the graph…");
    private final Map<CacheKey, Prepared> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<CacheKey, Prepared> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private DiagramLayout layout;
    private List<OverviewRaster.Tile> tiles = List.of();
    private double rasterScale;
    private double scale = 1;
    private double tx;
    private double ty;
    private int hovered = -1;
    private int hoveredEdge = -1;
    private DecorationIndex decorations = DecorationIndex.NONE;
    private final Tooltip tooltip = new Tooltip();
    private Set<Integer> highlighted = Set.of();
    private long generation;
    private boolean redrawQueued;
    private String pendingCenter;
    private double pressX;
    private double pressY;
    private double pressTx;
    private double pressTy;
    private boolean dragged;
    private double minimapOffsetY;

    GraphViewSkin(GraphView view) {
        super(view);
        busy.getStyleClass().add("busy");
        busy.setVisible(false);
        minimap.getStyleClass().add("minimap");
        minimap.setVisible(false);
        getChildren().addAll(canvas, minimap, busy);

        registerChangeListener(view.diagramProperty(), o -> relayout());
        registerChangeListener(view.directionProperty(), o -> relayout());
        registerChangeListener(view.themeProperty(), o -> rerasterize());
        registerChangeListener(view.selectedNodeIdProperty(), o -> requestRedraw());
        registerChangeListener(view.selectedEdgeIdProperty(), o -> requestRedraw());
        registerChangeListener(view.decorationsProperty(), o -> {
            decorations = DecorationIndex.of(view.getDecorations(), layout);
            requestRedraw();
        });
        tooltip.setShowDelay(javafx.util.Duration.millis(350));
        view.getHighlightedNodeIds().addListener(highlightListener);
        busy.visibleProperty().bind(view.layingOutProperty());

        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, this::moved);
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> setHovered(-1, -1));
        canvas.addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        canvas.addEventHandler(ZoomEvent.ZOOM, e -> {
            zoomAt(e.getZoomFactor(), e.getX(), e.getY());
            e.consume();
        });
        minimap.addEventHandler(MouseEvent.MOUSE_PRESSED, this::minimapJump);
        minimap.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::minimapJump);
        view.addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
        relayout();
    }

    private final SetChangeListener<String> highlightListener = c -> {
        updateHighlighted();
        requestRedraw();
    };

    @Override
    public void dispose() {
        getSkinnable().getHighlightedNodeIds().removeListener(highlightListener);
        busy.visibleProperty().unbind();
        super.dispose();
    }

    @Override
    protected void layoutChildren(double x, double y, double w, double h) {
        boolean resized = canvas.getWidth() != w || canvas.getHeight() != h;
        canvas.relocate(x, y);
        canvas.setWidth(w);
        canvas.setHeight(h);
        busy.autosize();
        busy.relocate(x + (w - busy.getWidth()) / 2, y + 16);
        minimap.relocate(x + w - minimap.getWidth() - 12, y + h - minimap.getHeight() - 12);
        if (resized) {
            if (layout != null && pendingInitialView) {
                initialView();
            }
            redraw();
        }
    }

    // ---- layout ----

    private boolean pendingInitialView;

    private void relayout() {
        GraphView view = getSkinnable();
        Diagram diagram = view.getDiagram();
        generation++;
        if (diagram == null) {
            apply(null, 0);
            return;
        }
        CacheKey key = new CacheKey(diagram, view.getDirection());
        Prepared cached = cache.get(key);
        if (cached != null) {
            apply(cached, 0);
            return;
        }
        long myGeneration = generation;
        view.layingOut.set(true);
        view.layoutError.set(null);
        BoxStyle.standard(); // measured on the FX thread once; the layout thread only reads it
        Palette palette = Palette.of(view.getTheme());
        LAYOUT_THREAD.submit(() -> {
            try {
                long start = System.nanoTime();
                DiagramLayout computed = LayeredLayout.compute(diagram, key.direction());
                OverviewRaster raster = OverviewRaster.render(computed, palette);
                long millis = (System.nanoTime() - start) / 1_000_000;
                Prepared prepared = new Prepared(computed, raster, palette);
                Platform.runLater(() -> {
                    if (myGeneration == generation) {
                        cache.put(key, prepared);
                        apply(prepared, millis);
                    }
                });
            } catch (Throwable t) {
                Platform.runLater(() -> {
                    if (myGeneration == generation) {
                        view.layingOut.set(false);
                        view.layoutError.set("The graph could not be laid out: " + t);
                    }
                });
            }
        });
    }

    private void apply(Prepared prepared, long millis) {
        GraphView view = getSkinnable();
        layout = prepared == null ? null : prepared.layout();
        tiles = prepared == null ? List.of() : prepared.raster().toImages();
        rasterScale = prepared == null ? 0 : prepared.raster().scale();
        hovered = -1;
        hoveredEdge = -1;
        view.hoveredNode.set(null);
        view.hoveredEdge.set(null);
        decorations = DecorationIndex.of(view.getDecorations(), layout);
        view.layout.set(layout);
        view.layoutMillis.set(millis);
        view.layingOut.set(false);
        updateHighlighted();
        if (prepared != null && !prepared.palette().equals(Palette.of(view.getTheme()))) {
            rerasterize();
        }
        pendingInitialView = true;
        if (canvas.getWidth() > 0) {
            initialView();
        }
        redraw();
    }

    /** A new theme changes the overview raster's colours; the layout stays. */
    private void rerasterize() {
        DiagramLayout current = layout;
        if (current == null) {
            requestRedraw();
            return;
        }
        Palette palette = Palette.of(getSkinnable().getTheme());
        long myGeneration = generation;
        LAYOUT_THREAD.submit(() -> {
            OverviewRaster raster = OverviewRaster.render(current, palette);
            Platform.runLater(() -> {
                if (myGeneration == generation && layout == current) {
                    tiles = raster.toImages();
                    rasterScale = raster.scale();
                    cache.put(new CacheKey(current.diagram(), current.direction()), new Prepared(current, raster, palette));
                    redraw();
                }
            });
        });
        requestRedraw();
    }

    /** First view of a new layout: fit to the width (at most actual size), from the top. */
    private void initialView() {
        pendingInitialView = false;
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        scale = Math.min(1, w / layout.width());
        if (layout.height() * scale <= h) {
            scale = Math.min(1, Math.min(w / layout.width(), h / layout.height()));
            ty = (h - layout.height() * scale) / 2;
        } else {
            ty = 0;
        }
        tx = (w - layout.width() * scale) / 2;
        getSkinnable().zoom.set(scale);
        if (pendingCenter != null) {
            String id = pendingCenter;
            pendingCenter = null;
            centerOn(id);
        }
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
        if (scale < 0.8) {
            scale = 1;
        }
        tx = canvas.getWidth() / 2 - (layout.x(i) + layout.width(i) / 2) * scale;
        ty = canvas.getHeight() / 2 - (layout.y(i) + layout.height(i) / 2) * scale;
        getSkinnable().zoom.set(scale);
        redraw();
    }

    void fitToView() {
        if (layout == null) {
            return;
        }
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        scale = Math.min(2, Math.min(w / layout.width(), h / layout.height()));
        tx = (w - layout.width() * scale) / 2;
        ty = (h - layout.height() * scale) / 2;
        getSkinnable().zoom.set(scale);
        redraw();
    }

    void zoomTo(double target) {
        zoomAt(target / scale, canvas.getWidth() / 2, canvas.getHeight() / 2);
    }

    void zoomBy(double factor) {
        zoomAt(factor, canvas.getWidth() / 2, canvas.getHeight() / 2);
    }

    void zoomAt(double factor, double px, double py) {
        double min = layout == null ? 0.05
                : Math.min(0.5, 0.5 * Math.min(canvas.getWidth() / layout.width(), canvas.getHeight() / layout.height()));
        double next = Math.max(min, Math.min(MAX_SCALE, scale * factor));
        double wx = (px - tx) / scale;
        double wy = (py - ty) / scale;
        scale = next;
        tx = px - wx * scale;
        ty = py - wy * scale;
        getSkinnable().zoom.set(scale);
        requestRedraw();
    }

    void panBy(double dx, double dy) {
        tx += dx;
        ty += dy;
        requestRedraw();
    }

    // ---- input ----

    private void pressed(MouseEvent e) {
        getSkinnable().requestFocus();
        pressX = e.getX();
        pressY = e.getY();
        pressTx = tx;
        pressTy = ty;
        dragged = false;
    }

    private void dragged(MouseEvent e) {
        if (!dragged && Math.hypot(e.getX() - pressX, e.getY() - pressY) < 3) {
            return;
        }
        dragged = true;
        canvas.setCursor(Cursor.CLOSED_HAND);
        tx = pressTx + e.getX() - pressX;
        ty = pressTy + e.getY() - pressY;
        requestRedraw();
    }

    private void released(MouseEvent e) {
        canvas.setCursor(Cursor.DEFAULT);
        if (dragged || e.getButton() != MouseButton.PRIMARY || layout == null) {
            return;
        }
        GraphView view = getSkinnable();
        double wx = (e.getX() - tx) / scale;
        double wy = (e.getY() - ty) / scale;
        int node = layout.nodeAt(wx, wy);
        if (node >= 0) {
            String id = layout.diagram().nodes().get(node).id();
            view.setSelectedEdgeId(null);
            view.setSelectedNodeId(id);
            DiagramNode clicked = layout.diagram().nodes().get(node);
            if (view.getOnNodeClicked() != null) {
                view.getOnNodeClicked().accept(clicked);
            }
            if (e.getClickCount() == 2 && view.getOnNodeOpen() != null) {
                view.getOnNodeOpen().accept(clicked);
            }
            return;
        }
        int edge = layout.edgeAt(wx, wy, Math.max(4, 5 / scale));
        view.setSelectedNodeId(null);
        view.setSelectedEdgeId(edge >= 0 ? layout.diagram().edges().get(edge).id() : null);
        if (edge >= 0 && view.getOnEdgeClicked() != null) {
            view.getOnEdgeClicked().accept(layout.diagram().edges().get(edge));
        }
    }

    private void moved(MouseEvent e) {
        if (layout == null) {
            return;
        }
        double wx = (e.getX() - tx) / scale;
        double wy = (e.getY() - ty) / scale;
        int node = layout.nodeAt(wx, wy);
        int edge = node >= 0 ? -1 : layout.edgeAt(wx, wy, Math.max(4, 5 / scale));
        canvas.setCursor(node >= 0 || edge >= 0 ? Cursor.HAND : Cursor.DEFAULT);
        setHovered(node, edge);
    }

    private void setHovered(int node, int edge) {
        if (node == hovered && edge == hoveredEdge) {
            return;
        }
        hovered = node;
        hoveredEdge = edge;
        GraphView view = getSkinnable();
        view.hoveredNode.set(node >= 0 && layout != null ? layout.diagram().nodes().get(node) : null);
        view.hoveredEdge.set(edge >= 0 && layout != null ? layout.diagram().edges().get(edge) : null);
        String tip = HoverText.of(layout, decorations, node, edge);
        if (tip.isEmpty()) {
            Tooltip.uninstall(canvas, tooltip);
        } else {
            tooltip.setText(tip);
            Tooltip.install(canvas, tooltip);
        }
        requestRedraw();
    }

    private void scrolled(ScrollEvent e) {
        if (e.getTouchCount() > 0 || (!e.isShortcutDown() && e.getDeltaX() != 0)) {
            panBy(e.getDeltaX(), e.getDeltaY()); // trackpad two-finger scroll pans
        } else {
            zoomAt(Math.pow(1.0025, e.getDeltaY()), e.getX(), e.getY());
        }
        e.consume();
    }

    private void keyPressed(KeyEvent e) {
        GraphView view = getSkinnable();
        switch (e.getCode()) {
            case LEFT -> panBy(80, 0);
            case RIGHT -> panBy(-80, 0);
            case UP -> panBy(0, 80);
            case DOWN -> panBy(0, -80);
            case PLUS, EQUALS, ADD -> zoomBy(1.25);
            case MINUS, SUBTRACT -> zoomBy(1 / 1.25);
            case DIGIT0, NUMPAD0 -> zoomTo(1);
            case ESCAPE -> {
                view.setSelectedNodeId(null);
                view.setSelectedEdgeId(null);
            }
            case ENTER -> {
                if (layout != null && view.getSelectedNodeId() != null && view.getOnNodeOpen() != null) {
                    int i = layout.indexOf(view.getSelectedNodeId());
                    if (i >= 0) {
                        view.getOnNodeOpen().accept(layout.diagram().nodes().get(i));
                    }
                }
            }
            default -> {
                return;
            }
        }
        e.consume();
    }

    private void minimapJump(MouseEvent e) {
        if (layout == null) {
            return;
        }
        double k = minimapScale();
        double wx = e.getX() / k;
        double wy = (e.getY() + minimapOffsetY) / k;
        tx = canvas.getWidth() / 2 - wx * scale;
        ty = canvas.getHeight() / 2 - wy * scale;
        requestRedraw();
        e.consume();
    }

    // ---- drawing ----

    private void requestRedraw() {
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
        Viewport now = new Viewport(scale, tx, ty, canvas.getWidth(), canvas.getHeight());
        if (!now.equals(view.viewport.get())) {
            view.viewport.set(now);
        }
        Palette palette = Palette.of(view.getTheme());
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (layout == null) {
            g.setTransform(1, 0, 0, 1, 0, 0);
            g.setFill(palette.background());
            g.fillRect(0, 0, w, h);
            minimap.setVisible(false);
            return System.nanoTime() - start;
        }
        ViewState state = new ViewState(layout.indexOf(nullToEmpty(view.getSelectedNodeId())), hovered,
                layout.edgeIndexOf(nullToEmpty(view.getSelectedEdgeId())), hoveredEdge, highlighted, decorations);
        if (!tiles.isEmpty() && scale < DiagramPainter.SIMPLE_SCALE && scale <= rasterScale * 1.5) {
            paintRaster(g, palette, state, w, h);
        } else {
            new DiagramPainter(BoxStyle.standard()).paint(g, layout, palette, state, scale, tx, ty, w, h);
        }
        paintMinimap(palette);
        return System.nanoTime() - start;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private void paintRaster(GraphicsContext g, Palette palette, ViewState state, double w, double h) {
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
                g.strokeRect(layout.x(i) - 3 / scale, layout.y(i) - 3 / scale, layout.width(i) + 6 / scale,
                        layout.height(i) + 6 / scale);
            }
        }
        g.setLineWidth(2 / scale);
        g.setStroke(palette.searchHit());
        for (int i : state.highlighted()) {
            g.strokeRect(layout.x(i) - 4 / scale, layout.y(i) - 4 / scale, layout.width(i) + 8 / scale,
                    layout.height(i) + 8 / scale);
        }
        if (state.selectedNode() >= 0) {
            int i = state.selectedNode();
            g.setStroke(palette.selection());
            g.strokeRect(layout.x(i) - 4 / scale, layout.y(i) - 4 / scale, layout.width(i) + 8 / scale,
                    layout.height(i) + 8 / scale);
        }
        g.setTransform(1, 0, 0, 1, 0, 0);
    }

    private double minimapScale() {
        return minimap.getWidth() / layout.width();
    }

    private void paintMinimap(Palette palette) {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        boolean large = layout.width() * scale > 3 * w || layout.height() * scale > 3 * h;
        minimap.setVisible(large && !tiles.isEmpty());
        if (!minimap.isVisible()) {
            return;
        }
        double k = MINIMAP_WIDTH / layout.width();
        double mh = Math.min(Math.max(40, layout.height() * k), h * 0.3);
        if (minimap.getHeight() != mh) {
            minimap.setHeight(mh);
            getSkinnable().requestLayout();
        }
        GraphicsContext g = minimap.getGraphicsContext2D();
        g.setTransform(1, 0, 0, 1, 0, 0);
        g.setFill(palette.background());
        g.fillRect(0, 0, minimap.getWidth(), mh);
        // Tall graphs: keep the viewport in the minimap by scrolling it vertically.
        double viewCenterY = (h / 2 - ty) / scale * k;
        double offsetY = Math.max(0, Math.min(layout.height() * k - mh, viewCenterY - mh / 2));
        minimapOffsetY = offsetY;
        g.setTransform(k, 0, 0, k, 0, -offsetY);
        for (OverviewRaster.Tile t : tiles) {
            g.drawImage(t.image(), t.worldX(), t.worldY(), t.worldWidth(), t.worldHeight());
        }
        g.setStroke(palette.selection());
        g.setLineWidth(1.5 / k);
        g.strokeRect(-tx / scale, -ty / scale, w / scale, h / scale);
        g.setTransform(1, 0, 0, 1, 0, 0);
    }

    /** A layout plus its overview raster and the palette the raster was drawn with. */
    private record Prepared(DiagramLayout layout, OverviewRaster raster, Palette palette) {}

    /** Identity of a diagram (its lists can be huge, so no deep equals) plus the direction. */
    private record CacheKey(Diagram diagram, LayoutDirection direction) {
        @Override
        public boolean equals(Object o) {
            return o instanceof CacheKey k && k.diagram == diagram && k.direction == direction;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(diagram) * 31 + direction.hashCode();
        }
    }
}
