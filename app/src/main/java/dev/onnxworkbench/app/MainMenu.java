package dev.onnxworkbench.app;

import dev.onnxworkbench.app.diagram.DiagramOptions;
import dev.onnxworkbench.graphview.LayoutDirection;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCombination;
import javafx.stage.FileChooser;

/** The menu bar and its keyboard shortcuts; View toggles are remembered in the preferences. */
final class MainMenu {
    private final MainWindow window;
    private final Preferences preferences;
    private final RecentFiles recent;
    private final MenuBar bar = new MenuBar();
    private final Menu recentMenu = new Menu("Open Recent");
    private dev.onnxworkbench.app.tune.TuneWindows tuneWindows;
    private dev.onnxworkbench.app.precision.QuantizeWindow quantizeWindow;

    MainMenu(MainWindow window, Preferences preferences, RecentFiles recent) {
        this.window = window;
        this.preferences = preferences;
        this.recent = recent;
        bar.setUseSystemMenuBar(true);
        bar.getMenus().setAll(fileMenu(), editMenu(), viewMenu(), runMenu(), helpMenu());
        refreshRecent();
    }

    MenuBar bar() {
        return bar;
    }

    void refreshRecent() {
        recentMenu.getItems().clear();
        for (Path p : recent.list()) {
            MenuItem item = new MenuItem(p.getFileName() + "  —  " + (p.getParent() == null ? "" : p.getParent()));
            item.setMnemonicParsing(false);
            item.setOnAction(e -> {
                if (Files.isRegularFile(p)) {
                    window.open(p);
                } else {
                    recent.remove(p);
                    refreshRecent();
                    window.banner().showError(p + " no longer exists; it was removed from the recent files.");
                }
            });
            recentMenu.getItems().add(item);
        }
        if (recentMenu.getItems().isEmpty()) {
            MenuItem none = new MenuItem("No recent files");
            none.setDisable(true);
            recentMenu.getItems().add(none);
        } else {
            MenuItem clear = new MenuItem("Clear Recent");
            clear.setOnAction(e -> {
                recent.clear();
                refreshRecent();
            });
            recentMenu.getItems().addAll(new SeparatorMenuItem(), clear);
        }
    }

    private Menu fileMenu() {
        MenuItem open = item("Open…", "Shortcut+O", this::chooseAndOpen);
        MenuItem png = item("Export Graph as PNG…", "Shortcut+Shift+E", () -> chooseExport(false));
        MenuItem svg = item("Export Graph as SVG…", null, () -> chooseExport(true));
        MenuItem saveSet = item("Save Input Set…", null, () -> chooseInputSet(true));
        MenuItem loadSet = item("Load Input Set…", null, () -> chooseInputSet(false));
        saveSet.disableProperty().bind(window.modelProperty().isNull());
        loadSet.disableProperty().bind(window.modelProperty().isNull());
        MenuItem predictFile = item("Batch Predictions…", null, window::openBatchPredictions);
        predictFile.disableProperty().bind(window.modelProperty().isNull());
        MenuItem close = item("Close", "Shortcut+W", window::close);
        MenuItem quit = item("Quit", "Shortcut+Q", () -> {
            window.stage().close();
            Platform.exit();
        });
        MenuItem compareWith = item("Compare With Model…", null, this::chooseAndDiff);
        compareWith.disableProperty().bind(window.modelProperty().isNull());
        png.disableProperty().bind(window.modelProperty().isNull());
        svg.disableProperty().bind(window.modelProperty().isNull());
        close.disableProperty().bind(window.modelProperty().isNull());
        return new Menu("File", null, open, recentMenu, compareWith, new SeparatorMenuItem(), png, svg,
                new SeparatorMenuItem(), saveSet, loadSet, predictFile, new SeparatorMenuItem(), close, quit);
    }

    private Menu editMenu() {
        MenuItem find = item("Find…", "Shortcut+F", window::openFind);
        find.disableProperty().bind(window.modelProperty().isNull());
        Menu edit = new Menu("Edit", null, find);
        edit.getItems().addAll(window.editMode().menuItems(window.modelProperty().isNull()));
        return edit;
    }

    private Menu viewMenu() {
        var view = window.graph().view();
        MenuItem fit = item("Fit to Window", "Shortcut+0", view::fitToView);
        MenuItem actual = item("Actual Size", "Shortcut+1", view::actualSize);
        MenuItem zoomIn = item("Zoom In", "Shortcut+EQUALS", view::zoomIn);
        MenuItem zoomOut = item("Zoom Out", "Shortcut+MINUS", view::zoomOut);
        MenuItem up = item("Back to Parent Graph", "Alt+LEFT", window.graph()::up);

        DiagramOptions saved = new DiagramOptions(preferences.getBoolean("view.attributes", true),
                preferences.getBoolean("view.shapes", true), preferences.getBoolean("view.names", false));
        window.graph().optionsProperty().set(saved);
        CheckMenuItem attributes = check("Show Attributes", saved.showAttributes(), on -> {
            preferences.putBoolean("view.attributes", on);
            window.graph().optionsProperty().set(window.graph().optionsProperty().get().withAttributes(on));
        });
        CheckMenuItem shapes = check("Show Shapes", saved.showShapes(), on -> {
            preferences.putBoolean("view.shapes", on);
            window.graph().optionsProperty().set(window.graph().optionsProperty().get().withShapes(on));
        });
        CheckMenuItem names = check("Show Names", saved.showNames(), on -> {
            preferences.putBoolean("view.names", on);
            window.graph().optionsProperty().set(window.graph().optionsProperty().get().withNames(on));
        });

        ThemeManager themes = window.services().themes();
        ToggleGroup themeGroup = new ToggleGroup();
        RadioMenuItem light = radio("Light Theme", themeGroup, !themes.isDark(), () -> themes.setTheme(WorkbenchTheme.LIGHT));
        RadioMenuItem dark = radio("Dark Theme", themeGroup, themes.isDark(), () -> themes.setTheme(WorkbenchTheme.DARK));
        themes.themeProperty().addListener((obs, old, now) -> (now == WorkbenchTheme.DARK ? dark : light).setSelected(true));

        boolean leftToRight = preferences.getBoolean("view.leftToRight", false);
        window.graph().setDirection(leftToRight ? LayoutDirection.LEFT_TO_RIGHT : LayoutDirection.TOP_TO_BOTTOM);
        ToggleGroup directionGroup = new ToggleGroup();
        RadioMenuItem down = radio("Top to Bottom", directionGroup, !leftToRight, () -> direction(false));
        RadioMenuItem right = radio("Left to Right", directionGroup, leftToRight, () -> direction(true));

        return new Menu("View", null, fit, actual, zoomIn, zoomOut, new SeparatorMenuItem(),
                attributes, shapes, names, new SeparatorMenuItem(), light, dark, new SeparatorMenuItem(),
                down, right, new SeparatorMenuItem(), up);
    }

    private Menu runMenu() {
        MenuItem predict = item("Predict", "Shortcut+R", window::showPredict);
        predict.disableProperty().bind(window.modelProperty().isNull());
        MenuItem compare = item("Compare Providers…", "Shortcut+Shift+B", window::openCompare);
        compare.disableProperty().bind(window.modelProperty().isNull());
        MenuItem diverge = item("Find Divergence…", "Shortcut+Shift+D", window::openDivergence);
        diverge.disableProperty().bind(window.modelProperty().isNull());
        MenuItem stream = item("Stream Recording…", null, window::openStream);
        stream.disableProperty().bind(window.modelProperty().isNull());
        MenuItem serve = item("Serve…", null, window::openServe);
        serve.disableProperty().bind(window.modelProperty().isNull());
        MenuItem optimized = item("Optimized Graph…", null, () -> tuneWindows().openOptimized(window.model()));
        optimized.disableProperty().bind(window.modelProperty().isNull());
        MenuItem tune = item("Tune…", null, () -> tuneWindows().openTune(window.model()));
        tune.disableProperty().bind(window.modelProperty().isNull());
        MenuItem quantize = item("Quantize…", null, () -> quantizeWindow().open(window.model(),
                dev.onnxworkbench.app.precision.PrecisionMode.INT8_STATIC));
        quantize.disableProperty().bind(window.modelProperty().isNull());
        MenuItem fp16 = item("Convert to FP16…", null, () -> quantizeWindow().open(window.model(),
                dev.onnxworkbench.app.precision.PrecisionMode.FP16));
        fp16.disableProperty().bind(window.modelProperty().isNull());
        MenuItem loadConfig = item("Load Session Config…", null, () -> dev.onnxworkbench.app.tune.SessionConfigMenu
                .choose(window.stage(), window.services(), window.banner()));
        MenuItem clearConfig = item("Clear Session Config", null, () -> dev.onnxworkbench.app.tune.SessionConfigMenu
                .clear(window.services(), window.banner()));
        MenuItem inspect = item("Run and Inspect", "Shortcut+I", window::runAndInspect);
        inspect.disableProperty().bind(window.modelProperty().isNull());
        MenuItem profile = item("Profile Nodes", "Shortcut+Shift+P", window::profileNodes);
        profile.disableProperty().bind(window.modelProperty().isNull());
        return new Menu("Run", null, predict, inspect, profile, stream, new SeparatorMenuItem(), compare, diverge,
                new SeparatorMenuItem(), optimized, tune, quantize, fp16,
                new SeparatorMenuItem(), serve, new SeparatorMenuItem(), loadConfig, clearConfig);
    }

    private dev.onnxworkbench.app.precision.QuantizeWindow quantizeWindow() {
        if (quantizeWindow == null) {
            quantizeWindow = new dev.onnxworkbench.app.precision.QuantizeWindow(window.services(), window.stage(),
                    window.formInputs(), new dev.onnxworkbench.app.precision.MainGraphHeat(window.graph().view(),
                    window.graph().currentProperty(), window.modelProperty()));
        }
        return quantizeWindow;
    }

    private dev.onnxworkbench.app.tune.TuneWindows tuneWindows() {
        if (tuneWindows == null) {
            tuneWindows = new dev.onnxworkbench.app.tune.TuneWindows(window.services(), window.stage(), window.formInputs());
        }
        return tuneWindows;
    }

    private Menu helpMenu() {
        MenuItem about = item("About ONNX Workbench", null, () -> {
            Alert alert = new Alert(Alert.AlertType.INFORMATION);
            alert.initOwner(window.stage());
            alert.setTitle("About ONNX Workbench");
            alert.setHeaderText("ONNX Workbench " + version());
            alert.setContentText("Open ONNX models, inspect their graphs, run predictions and compare "
                    + "execution providers.\nJava " + Runtime.version() + ", JavaFX "
                    + System.getProperty("javafx.runtime.version", "?"));
            alert.getDialogPane().getStylesheets().setAll(window.stage().getScene().getStylesheets());
            alert.show();
        });
        return new Menu("Help", null, about);
    }

    private void direction(boolean leftToRight) {
        preferences.putBoolean("view.leftToRight", leftToRight);
        window.graph().setDirection(leftToRight ? LayoutDirection.LEFT_TO_RIGHT : LayoutDirection.TOP_TO_BOTTOM);
    }

    /** File ▸ Save/Load Input Set…: the Predict form's inputs with their preprocessing, as JSON. */
    private void chooseInputSet(boolean save) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(save ? "Save the Predict form's input set" : "Load an input set into the Predict form");
        chooser.getExtensionFilters().setAll(new FileChooser.ExtensionFilter("Input sets (JSON)", "*.json"));
        initialDirectory(chooser);
        if (save && window.model() != null && window.model().path() != null) {
            String name = window.model().path().getFileName().toString().replaceFirst("\\.onnx$", "");
            chooser.setInitialFileName(name + "-inputs.json");
        }
        java.io.File file = save ? chooser.showSaveDialog(window.stage()) : chooser.showOpenDialog(window.stage());
        if (file != null) {
            window.showPredict();
            if (save) {
                window.prediction().saveInputSet(file.toPath());
            } else {
                window.prediction().loadInputSet(file.toPath());
            }
        }
    }

    private void chooseAndOpen() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open ONNX Model");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("ONNX models (*.onnx)", "*.onnx", "*.ONNX"),
                new FileChooser.ExtensionFilter("All files", "*"));
        initialDirectory(chooser);
        File file = chooser.showOpenDialog(window.stage());
        if (file != null) {
            window.open(file.toPath());
        }
    }

    private void chooseAndDiff() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Compare With Model");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("ONNX models (*.onnx)", "*.onnx", "*.ONNX"),
                new FileChooser.ExtensionFilter("All files", "*"));
        initialDirectory(chooser);
        File file = chooser.showOpenDialog(window.stage());
        if (file != null) {
            window.openDiff(file.toPath());
        }
    }

    private void chooseExport(boolean svg) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(svg ? "Export Graph as SVG" : "Export Graph as PNG");
        chooser.getExtensionFilters().add(svg ? new FileChooser.ExtensionFilter("SVG image (*.svg)", "*.svg")
                : new FileChooser.ExtensionFilter("PNG image (*.png)", "*.png"));
        initialDirectory(chooser);
        var model = window.model();
        String base = model != null && model.path() != null ? model.path().getFileName().toString().replaceFirst("\\.onnx$", "") : "graph";
        chooser.setInitialFileName(base + (svg ? ".svg" : ".png"));
        File file = chooser.showSaveDialog(window.stage());
        if (file != null) {
            window.export(file.toPath(), svg);
        }
    }

    private void initialDirectory(FileChooser chooser) {
        Path last = recent.lastDirectory();
        if (last != null && Files.isDirectory(last)) {
            chooser.setInitialDirectory(last.toFile());
        }
    }

    private static String version() {
        String v = MainMenu.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }

    private static MenuItem item(String text, String shortcut, Runnable action) {
        MenuItem item = new MenuItem(text);
        if (shortcut != null) {
            item.setAccelerator(KeyCombination.keyCombination(shortcut));
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    private static CheckMenuItem check(String text, boolean selected, java.util.function.Consumer<Boolean> onChange) {
        CheckMenuItem item = new CheckMenuItem(text);
        item.setSelected(selected);
        item.selectedProperty().addListener((obs, old, now) -> onChange.accept(now));
        return item;
    }

    private static RadioMenuItem radio(String text, ToggleGroup group, boolean selected, Runnable action) {
        RadioMenuItem item = new RadioMenuItem(text);
        item.setToggleGroup(group);
        item.setSelected(selected);
        item.setOnAction(e -> action.run());
        return item;
    }
}
