package dev.onnxworkbench.graphview;

import dev.onnxworkbench.graphview.render.Palette;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.InvalidationListener;
import javafx.css.CssMetaData;
import javafx.css.SimpleStyleableObjectProperty;
import javafx.css.StyleConverter;
import javafx.css.Styleable;
import javafx.css.StyleableObjectProperty;
import javafx.css.StyleableProperty;
import javafx.scene.control.Control;
import javafx.scene.paint.Color;

/**
 * The graph's colours as CSS-styleable properties, one per {@code -gv-<name>} (in the manner of
 * ControlsFX's {@code StyleableProperty}/{@code CssMetaData} pairs). Their values come from the view's
 * user-agent style sheet {@code graphview.css}, which defines them over a few looked-up colours
 * ({@code -gv-accent}, {@code -gv-surface}, … like AtlantaFX's colour variables), so an application style
 * sheet can retheme the graph with one line: {@code .graph-view { -gv-accent: -my-accent; }}.
 */
final class GraphColours {
    /** Every styleable colour name, without the {@code -gv-} prefix. */
    static final List<String> NAMES;

    static {
        List<String> names = new ArrayList<>(List.of("background", "node-body", "node-border", "header-text",
                "row-text", "edge", "edge-label", "actual-label", "terminal-fill", "terminal-border", "terminal-text",
                "selection", "hover", "search-hit", "default-header", "badge-fill", "badge-text", "container-border",
                "container-fill"));
        for (Outline o : Outline.values()) {
            names.add("outline-" + o.name().toLowerCase(java.util.Locale.ROOT));
        }
        for (String c : Palette.CATEGORIES) {
            names.add("category-" + c);
        }
        NAMES = List.copyOf(names);
    }

    private static final Map<String, CssMetaData<GraphView, Color>> META = new LinkedHashMap<>();
    static final List<CssMetaData<? extends Styleable, ?>> CSS_META_DATA;

    static {
        List<CssMetaData<? extends Styleable, ?>> all = new ArrayList<>(Control.getClassCssMetaData());
        for (String name : NAMES) {
            CssMetaData<GraphView, Color> meta = new CssMetaData<>("-gv-" + name, StyleConverter.getColorConverter(),
                    Color.MAGENTA) {
                @Override
                public boolean isSettable(GraphView view) {
                    return !view.colours().property(name).isBound();
                }

                @Override
                public StyleableProperty<Color> getStyleableProperty(GraphView view) {
                    return view.colours().property(name);
                }
            };
            META.put(name, meta);
            all.add(meta);
        }
        CSS_META_DATA = Collections.unmodifiableList(all);
    }

    private final Map<String, StyleableObjectProperty<Color>> properties = new LinkedHashMap<>();
    private Palette palette;

    GraphColours(GraphView view) {
        InvalidationListener changed = o -> palette = null;
        for (String name : NAMES) {
            var p = new SimpleStyleableObjectProperty<>(META.get(name), view, name, Color.MAGENTA);
            p.addListener(changed);
            properties.put(name, p);
        }
    }

    StyleableObjectProperty<Color> property(String name) {
        StyleableObjectProperty<Color> p = properties.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no graph colour -gv-" + name);
        }
        return p;
    }

    /** The current values as an immutable palette (cached until a colour changes). */
    Palette palette() {
        Palette p = palette;
        if (p == null) {
            Map<String, Color> colours = new LinkedHashMap<>();
            properties.forEach((name, prop) -> colours.put(name, prop.get()));
            palette = p = new Palette(colours);
        }
        return p;
    }

    /** Calls the listener whenever any colour changes (the skin re-rasterises and repaints). */
    void addListener(InvalidationListener listener) {
        properties.values().forEach(p -> p.addListener(listener));
    }

    void removeListener(InvalidationListener listener) {
        properties.values().forEach(p -> p.removeListener(listener));
    }
}
