package dev.onnxworkbench.models.runtime.inputs;

import dev.onnxworkbench.models.tensor.HostTensor;
import java.nio.file.Path;

/**
 * Where one input's values come from in an {@link InputSet}. {@link Values} already holds a tensor
 * (a file, a test-data set, the image or audio editor, an inline JSON value): its shape fixes the
 * input's free dimensions. {@link Typed} and {@link Random} are made at the set's resolved shape.
 */
public sealed interface InputSource {

    /** For headers and JSON: "from street.png, ImageNet scaling", "random, seed 1", "typed: 16000". */
    String description();

    /** Values drawn by {@link RandomInputs} from this seed at the resolved shape. */
    record Random(long seed) implements InputSource {
        @Override
        public String description() {
            return "random, seed " + seed;
        }
    }

    /** Numbers as typed, parsed by {@link ValueParser} at the resolved shape (element type range checked). */
    record Typed(String text) implements InputSource {
        @Override
        public String description() {
            String t = text.strip().replaceAll("\\s+", " ");
            return "typed: " + (t.length() > 40 ? t.substring(0, 37) + "…" : t);
        }
    }

    /**
     * Values already made; {@code description} says from what, {@code recipe} (null for values typed or drawn
     * in an editor) how to make them again from a file.
     */
    record Values(HostTensor tensor, String description, InputRecipe recipe) implements InputSource {
        public Values(HostTensor tensor, String description) {
            this(tensor, description, null);
        }
    }

    /** Values read from a file: "from input.npy". */
    static Values file(Path file, HostTensor tensor) {
        return new Values(tensor, "from " + file.getFileName(), new InputRecipe.DataFile(file));
    }

    /** Values of a backend-suite {@code test_data_set_N} folder: "from test_data_set_0". */
    static Values testData(Path directory, HostTensor tensor) {
        return new Values(tensor, "from " + directory.getFileName(), new InputRecipe.TestData(directory));
    }

    /** Values an editor built, described as the editor says: "from street.png, ImageNet scaling". */
    static Values editor(String description, HostTensor tensor) {
        return new Values(tensor, description);
    }
}
