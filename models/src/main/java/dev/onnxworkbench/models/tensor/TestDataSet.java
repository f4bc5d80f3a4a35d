package dev.onnxworkbench.models.tensor;

import dev.onnxworkbench.models.graph.Graph;
import dev.onnxworkbench.models.graph.ValueInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code test_data_set_N} folder of the ONNX backend test layout: {@code input_M.pb} holds the
 * value of the model's M-th graph input, {@code output_M.pb} the expected value of its M-th output.
 * Both maps are ordered as the graph declares them and keyed by the graph's value names.
 */
public record TestDataSet(Path directory, Map<String, DataValue> inputs, Map<String, DataValue> expectedOutputs) {

    public TestDataSet {
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        expectedOutputs = Collections.unmodifiableMap(new LinkedHashMap<>(expectedOutputs));
    }

    /** Loads every input_M.pb and output_M.pb of {@code directory}, typed by {@code graph}'s inputs and outputs. */
    public static TestDataSet load(Path directory, Graph graph) throws DataFileException {
        if (!Files.isDirectory(directory)) {
            throw new DataFileException(directory + " is not a folder of test data (test_data_set_N).");
        }
        Map<String, DataValue> inputs = readAll(directory, "input_", graph.inputs());
        Map<String, DataValue> outputs = readAll(directory, "output_", graph.outputs());
        if (inputs.isEmpty() && outputs.isEmpty()) {
            throw new DataFileException(directory + " holds no input_N.pb or output_N.pb files.");
        }
        return new TestDataSet(directory, inputs, outputs);
    }

    private static Map<String, DataValue> readAll(Path directory, String prefix, List<ValueInfo> declared)
            throws DataFileException {
        Map<String, DataValue> values = new LinkedHashMap<>();
        int count = countFiles(directory, prefix);
        for (int i = 0; i < count; i++) {
            Path file = directory.resolve(prefix + i + ".pb");
            if (!Files.exists(file)) {
                throw new DataFileException(directory.getFileName() + " has " + count + " " + prefix + "*.pb files but no "
                        + file.getFileName() + "; the files must be numbered from 0 without gaps.");
            }
            if (i >= declared.size()) {
                throw new DataFileException(file.getFileName() + " has no matching graph " + prefix.replace("_", "")
                        + ": the model declares only " + declared.size() + ".");
            }
            ValueInfo info = declared.get(i);
            values.put(info.name(), DataFiles.read(file, info.type()));
        }
        return values;
    }

    private static int countFiles(Path directory, String prefix) throws DataFileException {
        try (var files = Files.list(directory)) {
            return (int) files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(prefix) && n.endsWith(".pb")).count();
        } catch (IOException e) {
            throw new DataFileException("Could not list " + directory + ": " + e.getMessage(), e);
        }
    }
}
