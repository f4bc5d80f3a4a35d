package dev.onnxworkbench.graphview;

/** Which way the layers of the drawing run: Netron's default is top to bottom. */
public enum LayoutDirection {
    TOP_TO_BOTTOM,
    LEFT_TO_RIGHT
}
