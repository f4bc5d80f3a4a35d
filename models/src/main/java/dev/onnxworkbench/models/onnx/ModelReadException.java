package dev.onnxworkbench.models.onnx;

import dev.onnxworkbench.models.WorkbenchException;

/**
 * A model file that cannot be read, with the reason as a {@link Kind} (for code) and a sentence
 * naming the file and what to do (for people).
 */
public final class ModelReadException extends WorkbenchException {

    /** Why a model could not be read. */
    public enum Kind {
        /** The file is something else: text, an image, an archive, or protobuf that is not a model. */
        NOT_ONNX,
        /** The file ends in the middle of the data (an incomplete download or copy). */
        TRUNCATED,
        /** The protobuf data or a declared size inside it is invalid. */
        CORRUPT,
        /** The model uses an IR version this build does not read. */
        UNSUPPORTED_IR_VERSION,
        /** A file named by external_data is missing. */
        MISSING_EXTERNAL_DATA,
        /** An external_data location points outside the model's folder (absolute path, "..", or a link out). */
        EXTERNAL_PATH_OUTSIDE_FOLDER,
        /** Messages or subgraphs are nested deeper than the reader allows. */
        TOO_DEEP,
        /** The file or a tensor is larger than can be handled (for example over protobuf's 2 GiB). */
        TOO_LARGE,
        /** The operating system refused to read a file. */
        IO
    }

    private final Kind kind;

    public ModelReadException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ModelReadException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
