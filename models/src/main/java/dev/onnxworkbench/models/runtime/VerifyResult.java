package dev.onnxworkbench.models.runtime;

import dev.onnxworkbench.models.tensor.Comparison;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The verdict on one test data set: {@code dir} is the test case (model.onnx + test_data_set_*), {@code dataSet}
 * the data set folder's name, {@code outputs} one comparison per expected output (empty unless it ran),
 * {@code message} the reason when it did not pass.
 */
public record VerifyResult(Path dir, String dataSet, Status status, List<Comparison> outputs, String message) {

    /** {@code passed|failed|unsupported|error} in JSON. */
    public enum Status {
        /** Every output within tolerance. */
        PASSED,
        /** It ran, and an output differs (or ONNX Runtime failed while running it). */
        FAILED,
        /** ONNX Runtime cannot load or run an operator or type here (NOT_IMPLEMENTED, unsupported type). */
        UNSUPPORTED,
        /** The test case itself could not be read (missing or damaged files). */
        ERROR;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public VerifyResult {
        outputs = List.copyOf(outputs);
        message = message == null ? "" : message;
    }

    /** "node/test_abs/test_data_set_0", for people and for the known-failures list. */
    public String caseName() {
        Path parent = dir.getParent();
        String name = dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
        return parent == null || parent.getFileName() == null ? name : parent.getFileName() + "/" + name;
    }
}
