package dev.onnxworkbench.models.runtime.inputs;

/** Which editor a prediction form shows for an input, chosen from the input's type, shape and the graph around it. */
public enum EditorKind {
    /** A string input that feeds a category encoder: a dropdown of its categories. */
    CATEGORICAL,
    /** {@code N×3×H×W} or {@code N×H×W×3} (or one channel), float or uint8: an image editor. */
    IMAGE,
    /** A 1-D float signal with a sample-rate companion input: a WAV loader. */
    AUDIO,
    /** A small numeric tensor: a grid of number fields, named where the graph names them. */
    NUMERIC_GRID,
    /** A single number (or one value per batch row): one field. */
    SCALAR,
    /** Anything big, of unknown rank or not a plain tensor: values come from a file or a random fill. */
    TENSOR_FILE
}
