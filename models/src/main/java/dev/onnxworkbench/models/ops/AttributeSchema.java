package dev.onnxworkbench.models.ops;

import java.util.Objects;

/**
 * One attribute an operator version accepts.
 *
 * @param name         attribute name, e.g. {@code auto_pad}
 * @param type         ONNX attribute type name: FLOAT, INT, STRING, TENSOR, GRAPH, FLOATS, INTS, STRINGS, ...
 * @param required     whether a node must set it
 * @param defaultValue the specification's default as display text ({@code NOTSET}, {@code 0.01}, {@code [1, 1]}),
 *                     or {@code null} when it has none
 * @param description  first sentence of the schema's text for it, or {@code null} when the schema has none
 */
public record AttributeSchema(String name, String type, boolean required, String defaultValue, String description) {

    public AttributeSchema {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
