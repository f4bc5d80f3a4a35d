package dev.onnxworkbench.graphview;

import dev.onnxworkbench.graphview.layout.DiagramLayout;
import javafx.scene.Cursor;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;
import javafx.util.Duration;

/**
 * Pointer and keyboard handling of the graph view: wheel or pinch zooms around the pointer, dragging
 * pans, a click selects a node or an edge (a click on a box's ⊕ expands or collapses its body in
 * place), a double click or Enter opens a node, hovering tells which edge (tensor) or node is under
 * the pointer. Shortcut+0 fits the whole graph, Shortcut+1 is actual size.
 */
final class GraphInput {
    private final GraphViewSkin skin;
    private final GraphView view;
    private final Canvas canvas;
    private final Tooltip tooltip = new Tooltip();
    private double pressX;
    private double pressY;
    private boolean dragged;
    private double lastX;
    private double lastY;

    GraphInput(GraphViewSkin skin, GraphView view, Canvas canvas) {
        this.skin = skin;
        this.view = view;
        this.canvas = canvas;
        tooltip.setShowDelay(Duration.millis(350));
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, this::moved);
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> setHovered(-1, -1));
        canvas.addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        canvas.addEventHandler(ContextMenuEvent.CONTEXT_MENU_REQUESTED, this::contextMenu);
        canvas.addEventHandler(ZoomEvent.ZOOM, e -> {
            skin.zoomAt(e.getZoomFactor(), e.getX(), e.getY());
            e.consume();
        });
    }

    private double worldX(double x) {
        return (x - skin.viewport().tx()) / skin.viewport().scale();
    }

    private double worldY(double y) {
        return (y - skin.viewport().ty()) / skin.viewport().scale();
    }

    private void pressed(MouseEvent e) {
        view.requestFocus();
        pressX = e.getX();
        pressY = e.getY();
        lastX = pressX;
        lastY = pressY;
        dragged = false;
    }

    private void dragged(MouseEvent e) {
        if (!dragged && Math.hypot(e.getX() - pressX, e.getY() - pressY) < 3) {
            return;
        }
        dragged = true;
        canvas.setCursor(Cursor.CLOSED_HAND);
        skin.panBy(e.getX() - lastX, e.getY() - lastY);
        lastX = e.getX();
        lastY = e.getY();
    }

    private void released(MouseEvent e) {
        canvas.setCursor(Cursor.DEFAULT);
        DiagramLayout layout = skin.layout;
        if (dragged || e.getButton() != MouseButton.PRIMARY || layout == null) {
            return;
        }
        double wx = worldX(e.getX());
        double wy = worldY(e.getY());
        int node = layout.nodeAt(wx, wy);
        if (node >= 0) {
            DiagramNode clicked = layout.diagram().nodes().get(node);
            if (e.getClickCount() == 1 && Expansion.canExpand(clicked)
                    && Expansion.onToggle(layout, node, wx, wy)) {
                view.toggleExpanded(clicked.id());
                return;
            }
            view.setSelectedEdgeId(null);
            view.setSelectedNodeId(clicked.id());
            if (view.getOnNodeClicked() != null) {
                view.getOnNodeClicked().accept(clicked);
            }
            if (e.getClickCount() == 2 && view.getOnNodeOpen() != null) {
                view.getOnNodeOpen().accept(clicked);
            }
            return;
        }
        int edge = layout.edgeAt(wx, wy, Math.max(4, 5 / skin.viewport().scale()));
        view.setSelectedNodeId(null);
        view.setSelectedEdgeId(edge >= 0 ? layout.diagram().edges().get(edge).id() : null);
        if (edge >= 0 && view.getOnEdgeClicked() != null) {
            view.getOnEdgeClicked().accept(layout.diagram().edges().get(edge));
        }
    }

    /**
     * A context menu asked for: by the pointer, on what is under it (selected first); from the keyboard, on
     * the selection, shown at the selected box's centre.
     */
    private void contextMenu(ContextMenuEvent e) {
        var handler = view.getOnContextMenuRequest();
        DiagramLayout layout = skin.layout;
        if (handler == null || layout == null) {
            return;
        }
        e.consume();
        if (e.isKeyboardTrigger()) {
            int node = view.getSelectedNodeId() == null ? -1 : layout.indexOf(view.getSelectedNodeId());
            DiagramEdge edge = view.getSelectedEdgeId() == null ? null : layout.diagram().edges().stream()
                    .filter(d -> d.id().equals(view.getSelectedEdgeId())).findFirst().orElse(null);
            double x = e.getX();
            double y = e.getY();
            if (node >= 0) {
                var box = layout.bounds(node);
                x = box.getMinX() * skin.viewport().scale() + skin.viewport().tx() + box.getWidth() * skin.viewport().scale() / 2;
                y = box.getMinY() * skin.viewport().scale() + skin.viewport().ty() + box.getHeight() * skin.viewport().scale() / 2;
            }
            var screen = canvas.localToScreen(x, y);
            handler.accept(new DiagramContextRequest(node >= 0 ? layout.diagram().nodes().get(node) : null,
                    node >= 0 ? null : edge, screen == null ? e.getScreenX() : screen.getX(),
                    screen == null ? e.getScreenY() : screen.getY()));
            return;
        }
        int[] hit = hit(layout, e.getX(), e.getY());
        int node = hit[0];
        int edge = hit[1];
        DiagramNode onNode = node >= 0 ? layout.diagram().nodes().get(node) : null;
        DiagramEdge onEdge = edge >= 0 ? layout.diagram().edges().get(edge) : null;
        view.setSelectedEdgeId(onEdge == null ? null : onEdge.id());
        view.setSelectedNodeId(onNode == null ? null : onNode.id());
        handler.accept(new DiagramContextRequest(onNode, onEdge, e.getScreenX(), e.getScreenY()));
    }

    private void moved(MouseEvent e) {
        DiagramLayout layout = skin.layout;
        if (layout == null) {
            return;
        }
        int[] hit = hit(layout, e.getX(), e.getY());
        int node = hit[0];
        int edge = hit[1];
        canvas.setCursor(node >= 0 || edge >= 0 ? Cursor.HAND : Cursor.DEFAULT);
        setHovered(node, edge);
    }

    /** What is under a canvas point: {node index, edge index} (-1 for none); an edge's label counts as the edge. */
    private int[] hit(DiagramLayout layout, double x, double y) {
        double wx = worldX(x);
        double wy = worldY(y);
        int node = layout.nodeAt(wx, wy);
        int edge = node >= 0 ? -1 : layout.edgeAt(wx, wy, Math.max(4, 5 / skin.viewport().scale()));
        if (edge < 0 && node < 0) {
            edge = skin.labelAt(wx, wy);
        }
        return new int[] {node, edge};
    }

    void setHovered(int node, int edge) {
        if (node == skin.hovered && edge == skin.hoveredEdge) {
            return;
        }
        DiagramLayout layout = skin.layout;
        skin.hovered = node;
        skin.hoveredEdge = edge;
        view.hoveredNode.set(node >= 0 && layout != null ? layout.diagram().nodes().get(node) : null);
        view.hoveredEdge.set(edge >= 0 && layout != null ? layout.diagram().edges().get(edge) : null);
        String tip = HoverText.of(layout, skin.decorations, node, edge);
        if (tip.isEmpty()) {
            Tooltip.uninstall(canvas, tooltip);
        } else {
            tooltip.setText(tip);
            Tooltip.install(canvas, tooltip);
        }
        skin.requestRedraw();
    }

    private void scrolled(ScrollEvent e) {
        if (e.getTouchCount() > 0 || (!e.isShortcutDown() && e.getDeltaX() != 0)) {
            skin.panBy(e.getDeltaX(), e.getDeltaY()); // trackpad two-finger scroll pans
        } else {
            skin.zoomAt(Math.pow(1.0025, e.getDeltaY()), e.getX(), e.getY());
        }
        e.consume();
    }

    void keyPressed(KeyEvent e) {
        if (e.isShortcutDown()) {
            switch (e.getCode()) {
                case DIGIT0, NUMPAD0 -> skin.fitToView();
                case DIGIT1, NUMPAD1 -> skin.actualSize();
                default -> {
                    return; // other shortcuts belong to the application's menus
                }
            }
            e.consume();
            return;
        }
        switch (e.getCode()) {
            case LEFT -> skin.panBy(80, 0);
            case RIGHT -> skin.panBy(-80, 0);
            case UP -> skin.panBy(0, 80);
            case DOWN -> skin.panBy(0, -80);
            case PLUS, EQUALS, ADD -> skin.zoomBy(1.25);
            case MINUS, SUBTRACT -> skin.zoomBy(1 / 1.25);
            case ESCAPE -> {
                if (view.isLayingOut()) {
                    skin.cancelLayout();
                }
                view.setSelectedNodeId(null);
                view.setSelectedEdgeId(null);
            }
            case ENTER -> openSelected();
            default -> {
                return;
            }
        }
        e.consume();
    }

    private void openSelected() {
        DiagramLayout layout = skin.layout;
        if (layout != null && view.getSelectedNodeId() != null && view.getOnNodeOpen() != null) {
            int i = layout.indexOf(view.getSelectedNodeId());
            if (i >= 0) {
                view.getOnNodeOpen().accept(layout.diagram().nodes().get(i));
            }
        }
    }
}
