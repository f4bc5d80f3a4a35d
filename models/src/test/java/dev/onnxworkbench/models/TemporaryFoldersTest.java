package dev.onnxworkbench.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TemporaryFoldersTest {

    @Test
    void aFolderHoldingFilesAndSubfoldersIsRemovedWhole() throws Exception {
        Path dir = TemporaryFolders.create("onnx-workbench-test");
        Files.writeString(dir.resolve("draft.onnx"), "x");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub").resolve("trace.json"), "{}");

        TemporaryFolders.delete(dir);

        assertThat(dir).doesNotExist();
        TemporaryFolders.delete(dir); // twice, or a folder already gone, is not an error
        TemporaryFolders.delete(null);
    }

    @Test
    void aFolderItDidNotMakeIsLeftAlone(@org.junit.jupiter.api.io.TempDir Path users) throws Exception {
        Files.writeString(users.resolve("model.onnx"), "x");

        TemporaryFolders.delete(users);

        assertThat(users.resolve("model.onnx")).exists();
    }
}
