package dev.onnxworkbench.graphview;

import dev.onnxworkbench.graphview.layout.DiagramLayout;
import dev.onnxworkbench.graphview.render.Palette;
import java.util.List;
import javafx.css.CssMetaData;
import javafx.css.PseudoClass;
import javafx.css.Styleable;
import javafx.css.StyleableObjectProperty;
import javafx.scene.paint.Color;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;

/**
 * A Netron-style drawing of a directed graph: layered boxes with coloured headers, text rows and
 * curved edges. Setting a {@link Diagram} lays it out off the JavaFX thread (cached per diagram,
 * direction and expanded nodes; a new diagram cancels a stale layout), then draws only what is in view,
 * so graphs of 100,000 nodes pan and zoom smoothly. Colours are CSS properties ({@code -gv-*}, see
 * graphview.css), overlays are {@link Decorations}, the visible part is the {@link #viewportProperty() viewport}.
 * Wheel or pinch zooms around the pointer, dragging pans, a click selects a node or an edge, a
 * double click (or Enter) on a node calls {@link #onNodeOpenProperty() onNodeOpen}.
 */
public class GraphView extends Control {
    private static final String STYLE_CLASS = "graph-view";

    private final ObjectProperty<Diagram> diagram = new SimpleObjectProperty<>(this, "diagram");
    private final ObjectProperty<LayoutDirection> direction =
            new SimpleObjectProperty<>(this, "direction", LayoutDirection.TOP_TO_BOTTOM);
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
    private final StringProperty selectedNodeId = new SimpleStringProperty(this, "selectedNodeId");
    private final StringProperty selectedEdgeId = new SimpleStringProperty(this, "selectedEdgeId");
    private final ObservableSet<String> highlightedNodeIds = FXCollections.observableSet();
    private final ObservableSet<String> expandedNodeIds = FXCollections.observableSet();
    private final ObjectProperty<Consumer<DiagramNode>> onNodeOpen = new SimpleObjectProperty<>(this, "onNodeOpen");
    private final ObjectProperty<Consumer<DiagramNode>> onNodeClicked =
            new SimpleObjectProperty<>(this, "onNodeClicked");
    private final ObjectProperty<Consumer<DiagramEdge>> onEdgeClicked =
            new SimpleObjectProperty<>(this, "onEdgeClicked");
    private final ObjectProperty<Consumer<DiagramContextRequest>> onContextMenuRequest =
            new SimpleObjectProperty<>(this, "onContextMenuRequest");
    private final ObjectProperty<Decorations> decorations =
            new SimpleObjectProperty<>(this, "decorations", Decorations.NONE);
    final ReadOnlyObjectWrapper<DiagramEdge> hoveredEdge = new ReadOnlyObjectWrapper<>(this, "hoveredEdge");
    final ReadOnlyObjectWrapper<DiagramNode> hoveredNode = new ReadOnlyObjectWrapper<>(this, "hoveredNode");
    final ReadOnlyBooleanWrapper layingOut = new ReadOnlyBooleanWrapper(this, "layingOut");
    final ReadOnlyDoubleWrapper zoom = new ReadOnlyDoubleWrapper(this, "zoom", 1);
    final ReadOnlyObjectWrapper<Viewport> viewport = new ReadOnlyObjectWrapper<>(this, "viewport", Viewport.EMPTY);
    final ReadOnlyLongWrapper layoutMillis = new ReadOnlyLongWrapper(this, "layoutMillis");
    final ReadOnlyObjectWrapper<DiagramLayout> layout = new ReadOnlyObjectWrapper<>(this, "layout");
    final ReadOnlyObjectWrapper<String> layoutError = new ReadOnlyObjectWrapper<>(this, "layoutError");

    private static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");
    private final GraphColours colours = new GraphColours(this);

    public GraphView() {
        getStyleClass().add(STYLE_CLASS);
        setFocusTraversable(true);
        theme.addListener((obs, old, now) -> pseudoClassStateChanged(DARK, now == Theme.DARK));
    }

    GraphColours colours() {
        return colours;
    }

    /** The CSS metadata of this class: the control's plus every {@code -gv-<name>} colour. */
    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return GraphColours.CSS_META_DATA;
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getControlCssMetaData() {
        return getClassCssMetaData();
    }

    /**
     * The colours the view draws with, as resolved from CSS ({@code -gv-background}, {@code -gv-edge},
     * {@code -gv-category-layer}, …; see graphview.css). Hand it to the exporters so a PNG or SVG looks
     * like the screen. Valid once the view is in a scene and CSS was applied.
     */
    public Palette getPalette() {
        return colours.palette();
    }

    /**
     * The drawing as shown (layout, colours, decorations) for an export that looks like the screen, or
     * null while no layout is ready. Call on the FX thread.
     */
    public ExportSnapshot exportSnapshot() {
        DiagramLayout l = getLayout();
        return l == null ? null : new ExportSnapshot(l, getPalette(), getDecorations());
    }

    /** One styleable colour, e.g. {@code colourProperty("selection")} for {@code -gv-selection}. */
    public StyleableObjectProperty<Color> colourProperty(String name) {
        return colours.property(name);
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new GraphViewSkin(this);
    }

    @Override
    public String getUserAgentStylesheet() {
        return GraphView.class.getResource("graphview.css").toExternalForm();
    }

    private GraphViewSkin graphSkin() {
        return getSkin() instanceof GraphViewSkin s ? s : null;
    }

    public ObjectProperty<Diagram> diagramProperty() {
        return diagram;
    }

    public Diagram getDiagram() {
        return diagram.get();
    }

    public void setDiagram(Diagram value) {
        diagram.set(value);
    }

    public ObjectProperty<LayoutDirection> directionProperty() {
        return direction;
    }

    public LayoutDirection getDirection() {
        return direction.get();
    }

    public void setDirection(LayoutDirection value) {
        direction.set(value);
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public Theme getTheme() {
        return theme.get();
    }

    public void setTheme(Theme value) {
        theme.set(value);
    }

    /** The selected node's id, or null. Setting it selects (and draws) that node. */
    public StringProperty selectedNodeIdProperty() {
        return selectedNodeId;
    }

    public String getSelectedNodeId() {
        return selectedNodeId.get();
    }

    public void setSelectedNodeId(String value) {
        selectedNodeId.set(value);
    }

    /** The selected edge's id, or null; its {@link DiagramEdge#value()} names what flows along it. */
    public StringProperty selectedEdgeIdProperty() {
        return selectedEdgeId;
    }

    public String getSelectedEdgeId() {
        return selectedEdgeId.get();
    }

    public void setSelectedEdgeId(String value) {
        selectedEdgeId.set(value);
    }

    /** Nodes drawn with the search highlight (Find's hits). */
    public ObservableSet<String> getHighlightedNodeIds() {
        return highlightedNodeIds;
    }

    /**
     * Ids of nodes whose bodies ({@link DiagramNode#subgraphs()}) are drawn inline, inside a container
     * box, with dashed edges from outer-scope producers. The ⊕/⊖ on a box toggles its id; changing the
     * set lays out again (cached per set). Ids inside bodies work too (nested expansion).
     */
    public ObservableSet<String> getExpandedNodeIds() {
        return expandedNodeIds;
    }

    /** Expands a node's inline bodies, or collapses them when expanded. */
    public void toggleExpanded(String nodeId) {
        if (!expandedNodeIds.remove(nodeId)) {
            expandedNodeIds.add(nodeId);
        }
    }

    /** Called when the user opens a node (double click or Enter), e.g. to show its subgraph. */
    public ObjectProperty<Consumer<DiagramNode>> onNodeOpenProperty() {
        return onNodeOpen;
    }

    public void setOnNodeOpen(Consumer<DiagramNode> value) {
        onNodeOpen.set(value);
    }

    public Consumer<DiagramNode> getOnNodeOpen() {
        return onNodeOpen.get();
    }

    /**
     * Overlays drawn over the diagram without laying it out again: node tints, outlines and badges,
     * edge label overrides and edge styles, keyed by the diagram's node and edge ids (see
     * {@link Decorations}). Setting a new value repaints; {@link Decorations#NONE} (or null) clears.
     * Decorations stay when the diagram changes; ids the new diagram lacks are ignored.
     */
    public ObjectProperty<Decorations> decorationsProperty() {
        return decorations;
    }

    public Decorations getDecorations() {
        Decorations d = decorations.get();
        return d == null ? Decorations.NONE : d;
    }

    public void setDecorations(Decorations value) {
        decorations.set(value == null ? Decorations.NONE : value);
    }

    /** Removes all decorations (repaint only). */
    public void clearDecorations() {
        setDecorations(Decorations.NONE);
    }

    /** The edge under the pointer (tests and tooltips: which tensor), or null. */
    public ReadOnlyObjectProperty<DiagramEdge> hoveredEdgeProperty() {
        return hoveredEdge.getReadOnlyProperty();
    }

    public DiagramEdge getHoveredEdge() {
        return hoveredEdge.get();
    }

    /** The node under the pointer, or null. */
    public ReadOnlyObjectProperty<DiagramNode> hoveredNodeProperty() {
        return hoveredNode.getReadOnlyProperty();
    }

    public DiagramNode getHoveredNode() {
        return hoveredNode.get();
    }

    /**
     * Called on a single click on a node (after it is selected); a double click calls
     * {@link #onNodeOpenProperty() onNodeOpen} as well.
     */
    public ObjectProperty<Consumer<DiagramNode>> onNodeClickedProperty() {
        return onNodeClicked;
    }

    public void setOnNodeClicked(Consumer<DiagramNode> value) {
        onNodeClicked.set(value);
    }

    public Consumer<DiagramNode> getOnNodeClicked() {
        return onNodeClicked.get();
    }

    /**
     * Called on a click on an edge (after it is selected); {@link DiagramEdge#value()} names the tensor.
     */
    public ObjectProperty<Consumer<DiagramEdge>> onEdgeClickedProperty() {
        return onEdgeClicked;
    }

    public void setOnEdgeClicked(Consumer<DiagramEdge> value) {
        onEdgeClicked.set(value);
    }

    public Consumer<DiagramEdge> getOnEdgeClicked() {
        return onEdgeClicked.get();
    }

    /**
     * Called when the user asks for a context menu on the graph (right click, the menu key, Shift+F10), after
     * the node or edge under the pointer is selected; the application shows its own menu for it.
     */
    public ObjectProperty<Consumer<DiagramContextRequest>> onContextMenuRequestProperty() {
        return onContextMenuRequest;
    }

    public void setOnContextMenuRequest(Consumer<DiagramContextRequest> value) {
        onContextMenuRequest.set(value);
    }

    public Consumer<DiagramContextRequest> getOnContextMenuRequest() {
        return onContextMenuRequest.get();
    }

    /** True while a layout is being computed in the background. */
    public ReadOnlyBooleanProperty layingOutProperty() {
        return layingOut.getReadOnlyProperty();
    }

    public boolean isLayingOut() {
        return layingOut.get();
    }

    /** The current zoom factor (1 = actual size). */
    public ReadOnlyDoubleProperty zoomProperty() {
        return zoom.getReadOnlyProperty();
    }

    public double getZoom() {
        return zoom.get();
    }

    /** The part of the drawing on screen, updated with every frame (tests map world to view with it). */
    public ReadOnlyObjectProperty<Viewport> viewportProperty() {
        return viewport.getReadOnlyProperty();
    }

    public Viewport getViewport() {
        return viewport.get();
    }

    /** How long the last layout took, in milliseconds (0 when it came from the cache). */
    public ReadOnlyLongProperty layoutMillisProperty() {
        return layoutMillis.getReadOnlyProperty();
    }

    /**
     * The layout on screen, or null while none is ready. With inline bodies expanded its
     * {@link DiagramLayout#diagram()} is the drawn (flattened) diagram; {@link DiagramLayout#source()} is
     * always the diagram that was set.
     */
    public ReadOnlyObjectProperty<DiagramLayout> layoutProperty() {
        return layout.getReadOnlyProperty();
    }

    public DiagramLayout getLayout() {
        return layout.get();
    }

    /** A message when the last layout or overview rasterisation failed (a bug to report), else null. */
    public ReadOnlyObjectProperty<String> layoutErrorProperty() {
        return layoutError.getReadOnlyProperty();
    }

    /**
     * Scrolls (zooming in to a readable scale if far out) so the node is in the middle of the view. A node
     * inside a collapsed inline body is revealed first: the bodies around it are expanded.
     */
    public void centerOn(String nodeId) {
        GraphViewSkin s = graphSkin();
        if (s != null) {
            s.centerOn(nodeId);
        }
    }

    /**
     * The next diagram set opens at {@code saved} — a {@link #getViewport()} taken earlier — instead of its
     * first view: going back to a graph returns to where the user left it.
     */
    public void restoreViewportOnNextDiagram(Viewport saved) {
        GraphViewSkin s = graphSkin();
        if (s != null && saved != null) {
            s.restoreOnNextLayout(saved);
        }
    }

    /** Shows the whole drawing (Shortcut+0). */
    public void fitToView() {
        GraphViewSkin s = graphSkin();
        if (s != null) {
            s.fitToView();
        }
    }

    /** Zoom 1, centred on the selected node, else on the current centre (or the nearest box to it). */
    public void actualSize() {
        GraphViewSkin s = graphSkin();
        if (s != null) {
            s.actualSize();
        }
    }

    /** Stops a running layout (the "Cancel" of the "Laying out…" box); the view offers to lay out again. */
    public void cancelLayout() {
        GraphViewSkin s = graphSkin();
        if (s != null) {
            s.cancelLayout();
        }
    }

    public void zoomIn() {
        GraphViewSkin s = graphSkin();
        if (s != null) {
            s.zoomBy(1.25);
        }
    }

    public void zoomOut() {
        GraphViewSkin s = graphSkin();
        if (s != null) {
            s.zoomBy(1 / 1.25);
        }
    }

    /** Moves the view by a screen distance (used by keyboard navigation and benchmarks). */
    public void panBy(double dx, double dy) {
        GraphViewSkin s = graphSkin();
        if (s != null) {
            s.panBy(dx, dy);
        }
    }

    /** Zooms by a factor around a point in the control's coordinates. */
    public void zoomAt(double factor, double x, double y) {
        GraphViewSkin s = graphSkin();
        if (s != null) {
            s.zoomAt(factor, x, y);
        }
    }

    /** Redraws now and returns how long drawing took in nanoseconds (for frame-time benchmarks). */
    public long redrawNow() {
        GraphViewSkin s = graphSkin();
        return s == null ? 0 : s.redraw();
    }
}
