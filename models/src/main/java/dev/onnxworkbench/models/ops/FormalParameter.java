package dev.onnxworkbench.models.ops;

import java.util.Objects;

/**
 * One declared input or output of an operator version.
 *
 * @param name           the name the specification gives it, e.g. {@code X}
 * @param typeConstraint the type variable or type it must have, e.g. {@code T} or {@code tensor(int64)}
 * @param option         whether it must be present, may be left out, or repeats
 * @param description    first sentence of the schema's text for it, or {@code null} when the schema has none
 */
public record FormalParameter(String name, String typeConstraint, Option option, String description) {

    /** How many values the parameter takes. */
    public enum Option { SINGLE, OPTIONAL, VARIADIC }

    public FormalParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(typeConstraint, "typeConstraint");
        Objects.requireNonNull(option, "option");
    }
}
