package dev.onnxworkbench.app;

import java.nio.file.Path;
import java.util.prefs.Preferences;

/** Services for a test: data under a folder, preferences in a fresh node removed on close, links ignored. */
public final class TestServices {
    private TestServices() {
    }

    public static AppServices create(Path dataDirectory) {
        Preferences prefs = Preferences.userRoot().node("dev/onnxworkbench/test/" + System.nanoTime());
        AppServices services = new AppServices(AppServices.newBackgroundExecutor(), dataDirectory, prefs, url -> { });
        services.onClose(() -> {
            try {
                prefs.removeNode();
            } catch (Exception ignored) {
                // a test's preferences node that cannot be removed is harmless
            }
        });
        return services;
    }
}
