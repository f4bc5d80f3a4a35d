package dev.onnxworkbench.app.properties;

import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;

/**
 * A value edited in place: Enter sends the new text as an edit, Escape puts back the shown value. A refusal
 * (the value does not parse, the name is taken) appears under the field and the field stays marked until
 * the text changes; nothing else changes.
 */
public final class InPlaceField extends VBox {
    private static final PseudoClass REFUSED = PseudoClass.getPseudoClass("refused");
    private final TextField field;
    private final Label refusal = new Label();
    private final String shown;

    /** {@code commit} gets the new text and where to report a refusal. */
    public InPlaceField(String id, String value, BiConsumer<String, Consumer<String>> commit) {
        this(id, value, "", commit);
    }

    /** A field for a value not set yet: empty, {@code prompt} (a default) shown greyed until the user types. */
    public InPlaceField(String id, String value, String prompt, BiConsumer<String, Consumer<String>> commit) {
        this.shown = value;
        field = new TextField(value);
        field.setPromptText(prompt);
        field.setId(id);
        field.getStyleClass().addAll("in-place-field", "mono");
        refusal.getStyleClass().add("in-place-refusal");
        refusal.setWrapText(true);
        refusal.setVisible(false);
        refusal.managedProperty().bind(refusal.visibleProperty());
        getStyleClass().add("property-value");
        getChildren().addAll(field, refusal);
        field.setOnAction(e -> {
            String text = field.getText().strip();
            if (text.equals(shown) || text.isEmpty()) {
                return;
            }
            clearRefusal();
            commit.accept(text, this::refuse);
        });
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                field.setText(shown);
                clearRefusal();
                e.consume();
            }
        });
        field.textProperty().addListener((obs, old, now) -> field.pseudoClassStateChanged(REFUSED, false));
    }

    public TextField field() {
        return field;
    }

    /** The refusal shown under the field, or "" (tests). */
    public String refusal() {
        return refusal.isVisible() ? refusal.getText() : "";
    }

    private void refuse(String message) {
        refusal.setText(message);
        refusal.setVisible(true);
        field.pseudoClassStateChanged(REFUSED, true);
    }

    private void clearRefusal() {
        refusal.setVisible(false);
        field.pseudoClassStateChanged(REFUSED, false);
    }
}
