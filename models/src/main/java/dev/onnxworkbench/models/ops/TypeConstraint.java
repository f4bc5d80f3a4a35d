package dev.onnxworkbench.models.ops;

import java.util.List;
import java.util.Objects;

/**
 * A type variable of an operator version and the types it may stand for.
 *
 * @param name         the variable, e.g. {@code T}
 * @param allowedTypes ONNX type strings, e.g. {@code tensor(float16)}, {@code seq(tensor(int64))}
 * @param description  first sentence of the schema's text for it, or {@code null} when the schema has none
 */
public record TypeConstraint(String name, List<String> allowedTypes, String description) {

    public TypeConstraint {
        Objects.requireNonNull(name, "name");
        allowedTypes = List.copyOf(allowedTypes);
    }
}
