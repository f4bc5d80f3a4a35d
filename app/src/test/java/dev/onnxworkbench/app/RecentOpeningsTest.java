package dev.onnxworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.app.diagram.DiagramOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening a model again reuses its reading and mapping only while the file is unchanged, for the last two models. */
class RecentOpeningsTest {
    @TempDir
    Path dir;

    private final DiagramOptions options = DiagramOptions.DEFAULT;

    private static OpenedModel opened(long readMillis) {
        return new OpenedModel(null, null, null, readMillis, 0);
    }

    @Test
    void anUnchangedFileIsReusedAChangedOneIsNot() throws Exception {
        Path file = Files.writeString(dir.resolve("a.onnx"), "one");
        RecentOpenings recent = new RecentOpenings();
        OpenedModel first = opened(5);
        recent.put(file, options, first);
        assertThat(recent.get(file, options)).containsSame(first);
        assertThat(recent.get(file, new DiagramOptions(false, false, false))).isEmpty();
        Files.writeString(file, "changed");
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        assertThat(recent.get(file, options)).isEmpty();
        Files.delete(file);
        assertThat(recent.get(file, options)).isEmpty();
    }

    @Test
    void keepsOnlyTheLastTwoModels() throws Exception {
        RecentOpenings recent = new RecentOpenings();
        Path a = Files.writeString(dir.resolve("a.onnx"), "a");
        Path b = Files.writeString(dir.resolve("b.onnx"), "b");
        Path c = Files.writeString(dir.resolve("c.onnx"), "c");
        recent.put(a, options, opened(1));
        recent.put(b, options, opened(2));
        recent.get(a, options); // a used last: b is the eldest
        recent.put(c, options, opened(3));
        assertThat(recent.get(a, options)).isPresent();
        assertThat(recent.get(b, options)).isEmpty();
        assertThat(recent.get(c, options)).isPresent();
    }
}
