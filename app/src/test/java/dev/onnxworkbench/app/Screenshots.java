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
        WritableImage image = scene.snapshot(null);
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
