package dev.onnxworkbench.app;

import java.util.prefs.Preferences;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;

/**
 * The current theme, remembered in the preferences. Views either call {@link #apply(Scene)} for a
 * new window (it then follows every change) or listen to {@link #themeProperty()} themselves
 * (the graph view maps it onto its own theme).
 */
public final class ThemeManager {
    private static final String KEY = "theme";

    private final ObjectProperty<WorkbenchTheme> theme;

    public ThemeManager(Preferences preferences) {
        WorkbenchTheme saved = parse(preferences.get(KEY, WorkbenchTheme.LIGHT.name()));
        theme = new SimpleObjectProperty<>(this, "theme", saved);
        theme.addListener((obs, old, now) -> preferences.put(KEY, now.name()));
    }

    public ObjectProperty<WorkbenchTheme> themeProperty() {
        return theme;
    }

    public WorkbenchTheme getTheme() {
        return theme.get();
    }

    public void setTheme(WorkbenchTheme value) {
        theme.set(value);
    }

    public boolean isDark() {
        return theme.get() == WorkbenchTheme.DARK;
    }

    /** Puts the shared and the current theme's stylesheets on a scene and keeps them current. */
    public void apply(Scene scene) {
        restyle(scene, theme.get());
        theme.addListener((obs, old, now) -> restyle(scene, now));
    }

    private static void restyle(Scene scene, WorkbenchTheme now) {
        scene.getStylesheets().setAll(WorkbenchTheme.sharedStylesheetUrl(), now.stylesheetUrl());
    }

    private static WorkbenchTheme parse(String name) {
        try {
            return WorkbenchTheme.valueOf(name);
        } catch (IllegalArgumentException unknown) {
            return WorkbenchTheme.LIGHT;
        }
    }
}
