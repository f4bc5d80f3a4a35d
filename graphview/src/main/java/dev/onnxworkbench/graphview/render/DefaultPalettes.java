package dev.onnxworkbench.graphview.render;

import java.util.HashMap;
import java.util.Map;
import javafx.scene.paint.Color;

/** The two built-in palettes; the dark one uses the app's dark.css surface and accent colours. */
final class DefaultPalettes {
    private DefaultPalettes() {}

    private static final Map<String, String> CATEGORIES = Map.ofEntries(
            Map.entry("category-layer", "#335588"),
            Map.entry("category-activation", "#70291f"),
            Map.entry("category-pool", "#335533"),
            Map.entry("category-normalization", "#2d5a48"),
            Map.entry("category-tensor", "#6c4f47"),
            Map.entry("category-logic", "#4a4a5a"),
            Map.entry("category-data", "#4f4f4f"),
            Map.entry("category-control", "#1f2d3d"),
            Map.entry("category-quantization", "#7a4a12"),
            Map.entry("category-ml", "#5a3d7a"),
            Map.entry("category-custom", "#383838"));

    static final Palette LIGHT = build(Map.ofEntries(
            Map.entry("background", "#ffffff"),
            Map.entry("node-body", "#ffffff"),
            Map.entry("node-border", "#7d7d7d"),
            Map.entry("header-text", "#ffffff"),
            Map.entry("row-text", "#1e1e1e"),
            Map.entry("edge", "#6a6a6a"),
            Map.entry("edge-label", "#5a5a5a"),
            Map.entry("actual-label", "#b3261e"),
            Map.entry("terminal-fill", "#f2f2f2"),
            Map.entry("terminal-border", "#5c5c5c"),
            Map.entry("terminal-text", "#151515"),
            Map.entry("selection", "#1a73e8"),
            Map.entry("hover", "#5b9be8"),
            Map.entry("search-hit", "#ffcf40"),
            Map.entry("default-header", "#383838"),
            Map.entry("badge-fill", "#263238"),
            Map.entry("badge-text", "#ffffff"),
            Map.entry("container-border", "#9e9e9e"),
            Map.entry("container-fill", "#f7f7f8"),
            Map.entry("outline-none", "#00000000"),
            Map.entry("outline-highlight", "#1a73e8"),
            Map.entry("outline-error", "#d32f2f"),
            Map.entry("outline-warning", "#ef8f00"),
            Map.entry("outline-added", "#2e7d32"),
            Map.entry("outline-removed", "#c62828"),
            Map.entry("outline-changed", "#e6a100")));

    static final Palette DARK = build(Map.ofEntries(
            Map.entry("background", "#1e1f22"),
            Map.entry("node-body", "#2b2d30"),
            Map.entry("node-border", "#4c535d"),
            Map.entry("header-text", "#ffffff"),
            Map.entry("row-text", "#dfe1e5"),
            Map.entry("edge", "#7f8893"),
            Map.entry("edge-label", "#a4adb8"),
            Map.entry("actual-label", "#ff8a80"),
            Map.entry("terminal-fill", "#35383c"),
            Map.entry("terminal-border", "#8a939e"),
            Map.entry("terminal-text", "#e8eaed"),
            Map.entry("selection", "#5c9ded"),
            Map.entry("hover", "#86c2ff"),
            Map.entry("search-hit", "#ffc933"),
            Map.entry("default-header", "#3a3f46"),
            Map.entry("badge-fill", "#eceff1"),
            Map.entry("badge-text", "#10151c"),
            Map.entry("container-border", "#6b7280"),
            Map.entry("container-fill", "#25272a"),
            Map.entry("outline-none", "#00000000"),
            Map.entry("outline-highlight", "#5c9ded"),
            Map.entry("outline-error", "#f28b82"),
            Map.entry("outline-warning", "#fdd663"),
            Map.entry("outline-added", "#81c995"),
            Map.entry("outline-removed", "#f28b82"),
            Map.entry("outline-changed", "#fdd663")));

    private static Palette build(Map<String, String> base) {
        Map<String, Color> colours = new HashMap<>();
        base.forEach((k, v) -> colours.put(k, Color.web(v)));
        CATEGORIES.forEach((k, v) -> colours.put(k, Color.web(v)));
        return new Palette(colours);
    }
}
