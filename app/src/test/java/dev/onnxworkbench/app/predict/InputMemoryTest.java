package dev.onnxworkbench.app.predict;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputMemoryTest {

    @Test
    void remembersPerModelAndSurvivesADamagedFile(@TempDir Path tmp) throws Exception {
        InputMemory memory = new InputMemory(tmp);
        Path a = tmp.resolve("a.onnx");
        Path b = tmp.resolve("b.onnx");

        memory.save(a, new InputMemory.Saved(Map.of("N", "2"), Map.of("age", "34, 35")));

        assertThat(memory.load(a)).isEqualTo(new InputMemory.Saved(Map.of("N", "2"), Map.of("age", "34, 35")));
        assertThat(memory.load(b)).isEqualTo(InputMemory.Saved.NONE);

        Files.writeString(memory.fileFor(a), "{not json");
        assertThat(memory.load(a)).isEqualTo(InputMemory.Saved.NONE);
    }
}
