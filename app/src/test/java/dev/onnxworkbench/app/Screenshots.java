package dev.onnxworkbench.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** Saves what a test sees as target/screenshots/NAME.png, for people to look at. Call on the FX thread. */
public final class Screenshots {
    private Screenshots() {}

    public static Path save(Scene scene, String name) {
        return write(scene.snapshot(null), name);
    }

    /**
     * The window with a popup (a context menu) drawn where it is on screen: a scene snapshot leaves popups out,
     * as they are windows of their own.
     */
    public static Path saveWithPopup(Scene scene, javafx.stage.PopupWindow popup, String name) {
        WritableImage window = scene.snapshot(null);
        WritableImage menu = popup.getScene().snapshot(null);
        javafx.scene.canvas.Canvas both = new javafx.scene.canvas.Canvas(window.getWidth(), window.getHeight());
        var g = both.getGraphicsContext2D();
        g.drawImage(window, 0, 0);
        javafx.geometry.Point2D origin = scene.getRoot().localToScreen(0, 0);
        g.drawImage(menu, popup.getX() + popup.getScene().getX() - origin.getX(),
                popup.getY() + popup.getScene().getY() - origin.getY());
        return write(both.snapshot(null, null), name);
    }

    private static Path write(WritableImage image, String name) {
        Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
        Path file = dir.resolve(name + ".png");
        try {
            Files.createDirectories(dir);
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
