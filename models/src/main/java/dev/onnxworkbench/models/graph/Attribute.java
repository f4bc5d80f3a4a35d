package dev.onnxworkbench.models.graph;

/** A named attribute of a node. */
public record Attribute(String name, AttributeValue value, String docString) {
    public Attribute(String name, AttributeValue value) {
        this(name, value, "");
    }
}
