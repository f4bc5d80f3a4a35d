package dev.onnxworkbench.app.properties;

import dev.onnxworkbench.models.graph.Node;
import java.util.function.Consumer;

/**
 * In-place edits of the values the Node tab shows, in edit mode: each call makes the typed edit the CLI would
 * ({@code --set-attr}, {@code --rename}, {@code --set-dim}); a refusal comes back as the same one-line message,
 * and the model stays as it was.
 */
public interface PropertyEdits {
    /** Read-only: no edit mode. */
    PropertyEdits NONE = new PropertyEdits() {
        @Override
        public boolean editable() {
            return false;
        }

        @Override
        public void setAttribute(Node node, String attribute, String value, Consumer<String> refused) {
        }

        @Override
        public void rename(String tensor, String newName, Consumer<String> refused) {
        }

        @Override
        public void setDimension(String input, int axis, String dim, Consumer<String> refused) {
        }
    };

    /** Whether the shown model is being edited (its values become fields). */
    boolean editable();

    void setAttribute(Node node, String attribute, String value, Consumer<String> refused);

    void rename(String tensor, String newName, Consumer<String> refused);

    /** Makes one dimension of an input static (a number) or dynamic (a name, or ?). */
    void setDimension(String input, int axis, String dim, Consumer<String> refused);
}
