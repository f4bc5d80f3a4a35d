package dev.onnxworkbench.models.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLibrariesTest {
    @TempDir
    Path dir;

    @Test
    void copiesALibraryOnceAndLeavesItAloneAfterwards() throws Exception {
        NativeLibraries natives = new NativeLibraries(dir);
        Path target = dir.resolve("lib");
        natives.extractForTest(target, "onnxruntime_providers_shared");
        Path library = target.resolve(System.mapLibraryName("onnxruntime_providers_shared"));
        assertThat(library).isRegularFile();
        assertThat(Files.size(library)).isPositive();
        FileTime written = FileTime.fromMillis(1_000_000);
        Files.setLastModifiedTime(library, written);
        natives.extractForTest(target, "onnxruntime_providers_shared");
        assertThat(Files.getLastModifiedTime(library)).as("not copied again").isEqualTo(written);
        try (var files = Files.list(target)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no partial files left")
                    .containsExactly(library.getFileName().toString());
        }
    }

    @Test
    void aFolderAlreadyChosenByTheInstallerIsUsedAsIs() throws Exception {
        // The test JVM's factory has prepared (or inherited) the property; a second instance must not copy anything.
        TestSessions.factory().environment();
        String chosen = System.getProperty(NativeLibraries.NATIVE_PATH_PROPERTY);
        assertThat(chosen).isNotBlank();
        NativeLibraries other = new NativeLibraries(dir.resolve("elsewhere"));
        assertThat(other.prepare()).isEqualTo(Path.of(chosen));
        other.prepareProvider(ExecutionProvider.CUDA);
        assertThat(dir.resolve("elsewhere")).doesNotExist();
    }

    @Test
    void onnxRuntimesEmptyTempFolderIsRemovedOnceLoaded() throws Exception {
        TestSessions.factory().environment();
        var field = Class.forName("ai.onnxruntime.OnnxRuntime").getDeclaredField("tempDirectory");
        field.setAccessible(true);
        Path temp = (Path) field.get(null);
        assertThat(temp).as("ORT's per-launch temp folder").doesNotExist();
    }

    @Test
    void theCacheFolderNamesVersionBuildAndPlatform() {
        assertThat(NativeLibraries.osArch()).matches("(linux|osx|win)-(x64|aarch64|.+)");
        assertThat(TestSessions.factory()).isNotNull();
        Path data = NativeLibraries.defaultDataDirectory();
        assertThat(data.toString()).containsAnyOf("onnx-workbench", "ONNX Workbench");
    }
}
