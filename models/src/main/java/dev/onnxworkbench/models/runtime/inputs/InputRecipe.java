package dev.onnxworkbench.models.runtime.inputs;

import java.nio.file.Path;

/**
 * How a given value was made, kept with it in the {@link InputSet} so the set can be saved and replayed
 * ({@link InputSetFile}) and its header can say it: a picture with its image settings, a recording with its
 * audio settings, a tensor file, a test-data set.
 */
public sealed interface InputRecipe {

    /** The file or folder the value came from. */
    Path path();

    /** A picture and the settings (with the size it ran at) that made the tensor. */
    record ImageFile(Path path, ImageSettings settings) implements InputRecipe {}

    /** A recording and the settings (with the rate it ran at) that made the tensor. */
    record AudioFile(Path path, AudioSettings settings) implements InputRecipe {}

    /** A .npy, .json, .csv or .pb file read as it is. */
    record DataFile(Path path) implements InputRecipe {}

    /** A {@code test_data_set_N} folder. */
    record TestData(Path path) implements InputRecipe {}
}
