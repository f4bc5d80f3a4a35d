package dev.onnxworkbench.app;

import java.util.prefs.Preferences;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/** Restores the window's size and position from the preferences and saves them when it closes. */
final class WindowPlacement {
    private static final double DEFAULT_WIDTH = 1280;
    private static final double DEFAULT_HEIGHT = 800;

    private final Preferences preferences;

    WindowPlacement(Preferences preferences) {
        this.preferences = preferences;
    }

    void restore(Stage stage) {
        double w = preferences.getDouble("window.width", DEFAULT_WIDTH);
        double h = preferences.getDouble("window.height", DEFAULT_HEIGHT);
        double x = preferences.getDouble("window.x", Double.NaN);
        double y = preferences.getDouble("window.y", Double.NaN);
        stage.setWidth(w);
        stage.setHeight(h);
        // Only reuse a position that is still on a screen (monitors come and go).
        if (!Double.isNaN(x) && !Double.isNaN(y) && !Screen.getScreensForRectangle(new Rectangle2D(x, y, 100, 50)).isEmpty()) {
            stage.setX(x);
            stage.setY(y);
        }
        stage.setMaximized(preferences.getBoolean("window.maximized", false));
    }

    void save(Stage stage) {
        try {
            write(stage);
        } catch (IllegalStateException removed) {
            // The preferences node was removed (a test's services closed before its window): nothing to keep.
        }
    }

    private void write(Stage stage) {
        preferences.putBoolean("window.maximized", stage.isMaximized());
        if (!stage.isMaximized() && !stage.isIconified()) {
            preferences.putDouble("window.width", stage.getWidth());
            preferences.putDouble("window.height", stage.getHeight());
            preferences.putDouble("window.x", stage.getX());
            preferences.putDouble("window.y", stage.getY());
        }
    }
}
