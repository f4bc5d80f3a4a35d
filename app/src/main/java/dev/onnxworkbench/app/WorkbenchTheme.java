package dev.onnxworkbench.app;

/** The application's colour themes; each names the stylesheet that defines its looked-up colours. */
public enum WorkbenchTheme {
    LIGHT("light.css"),
    DARK("dark.css");

    private final String stylesheet;

    WorkbenchTheme(String stylesheet) {
        this.stylesheet = stylesheet;
    }

    /** The external form of this theme's stylesheet URL, for {@code Scene.getStylesheets()}. */
    public String stylesheetUrl() {
        return resourceUrl(stylesheet);
    }

    /** The shared stylesheet (layout, controls) that every theme's colours plug into. */
    public static String sharedStylesheetUrl() {
        return resourceUrl("workbench.css");
    }

    private static String resourceUrl(String name) {
        var url = WorkbenchTheme.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("stylesheet missing from the build: " + name);
        }
        return url.toExternalForm();
    }
}
