package dev.onnxworkbench.app.diagram;

/** What the drawing shows besides the boxes (View menu toggles). */
public record DiagramOptions(boolean showAttributes, boolean showShapes, boolean showNames) {
    /** Netron's defaults: attributes and shapes on, node names off. */
    public static final DiagramOptions DEFAULT = new DiagramOptions(true, true, false);

    public DiagramOptions withAttributes(boolean on) {
        return new DiagramOptions(on, showShapes, showNames);
    }

    public DiagramOptions withShapes(boolean on) {
        return new DiagramOptions(showAttributes, on, showNames);
    }

    public DiagramOptions withNames(boolean on) {
        return new DiagramOptions(showAttributes, showShapes, on);
    }
}
