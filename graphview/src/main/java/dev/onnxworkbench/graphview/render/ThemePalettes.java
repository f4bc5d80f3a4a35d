package dev.onnxworkbench.graphview.render;

import dev.onnxworkbench.graphview.GraphView;
import dev.onnxworkbench.graphview.Theme;
import java.util.EnumMap;
import java.util.Map;
import javafx.scene.Group;
import javafx.scene.Scene;

/**
 * Resolves a theme's palette from the view's style sheet, once per theme, by styling a view that is
 * never shown; so the exports of the command line and the window draw with the CSS values and there
 * is no second copy of the colours in Java.
 */
final class ThemePalettes {
    private static final Map<Theme, Palette> RESOLVED = new EnumMap<>(Theme.class);

    private ThemePalettes() {}

    static synchronized Palette resolve(Theme theme) {
        Palette cached = RESOLVED.get(theme);
        if (cached != null) {
            return cached;
        }
        FxToolkit.ensureStarted();
        try {
            Palette p = FxToolkit.call(() -> {
                GraphView view = new GraphView();
                view.setTheme(theme);
                new Scene(new Group(view));
                view.applyCss();
                return view.getPalette();
            });
            RESOLVED.put(theme, p);
            return p;
        } catch (Exception e) {
            throw new IllegalStateException("The graph style sheet could not be applied: " + e.getMessage(), e);
        }
    }
}
