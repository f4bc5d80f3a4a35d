package dev.onnxworkbench.app.edit;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The questions edit mode asks the user (a name, a value, a file, what to do with unsaved edits). The window
 * answers them with dialogs ({@link DialogPrompts}); tests answer them with the values a user would type.
 */
public interface EditPrompts {
    /** What to do with edits that are not saved yet, before they would be dropped. */
    enum Unsaved { SAVE_MODEL, SAVE_EDITS, DISCARD, CANCEL }

    /** A line of text (empty or cancelled: none). */
    Optional<String> text(String title, String prompt, String value);

    /** One of {@code options} (cancelled: none). */
    Optional<String> choose(String title, String prompt, List<String> options);

    /** A file to read, of the given extension ("npy"). */
    Optional<Path> openFile(String title, String extension);

    /** A file to write, of the given extension ("onnx", "json"), suggested as {@code suggested}. */
    Optional<Path> saveFile(String title, String extension, Path suggested);

    /** Whether to overwrite the original model file itself (a deliberate second step). */
    boolean confirmOverwrite(Path original);

    /** The pending edits would be dropped by {@code leaving} (opening another model, closing the window). */
    Unsaved unsaved(String leaving, int pending);
}
