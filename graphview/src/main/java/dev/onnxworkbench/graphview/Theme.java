package dev.onnxworkbench.graphview;

/** The colour scheme the graph is drawn in. */
public enum Theme {
    LIGHT,
    DARK
}
