package dev.onnxworkbench.graphview.layout;

import java.util.List;

/**
 * A node drawn expanded: its box holds one panel per inline body (an If's then and else branches side
 * by side), each panel the body's own layout. World coordinates.
 */
public record ContainerBox(int node, List<Panel> panels) {
    public ContainerBox {
        panels = List.copyOf(panels);
    }

    /** One body inside the container: its name and where its drawing sits. */
    public record Panel(String name, double x, double y, double width, double height) {}
}
