package dev.onnxworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecentFilesTest {
    private final Preferences prefs = Preferences.userRoot().node("dev/onnxworkbench/test/recent-" + System.nanoTime());

    @AfterEach
    void removeNode() throws Exception {
        prefs.removeNode();
    }

    @Test
    void newestFirstWithoutDuplicatesBoundedAndRemembered() {
        RecentFiles recent = new RecentFiles(prefs);
        for (int i = 0; i < 12; i++) {
            recent.add(Path.of("/models/m" + i + ".onnx"));
        }
        recent.add(Path.of("/models/m5.onnx"));

        // A new instance over the same preferences: what the next start of the app sees.
        RecentFiles again = new RecentFiles(prefs);
        assertThat(again.list()).hasSize(RecentFiles.MAX).startsWith(Path.of("/models/m5.onnx"), Path.of("/models/m11.onnx"))
                .doesNotContain(Path.of("/models/m0.onnx"), Path.of("/models/m1.onnx"));
        assertThat(again.list()).doesNotHaveDuplicates();
        assertThat(again.lastDirectory()).isEqualTo(Path.of("/models"));

        again.remove(Path.of("/models/m5.onnx"));
        assertThat(new RecentFiles(prefs).list()).first().isEqualTo(Path.of("/models/m11.onnx"));
        again.clear();
        assertThat(new RecentFiles(prefs).list()).isEmpty();
    }
}
