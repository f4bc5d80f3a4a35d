package dev.onnxworkbench.app.diagram;

import java.util.List;

/**
 * What the catalog says about one operator at the version in effect for a node.
 *
 * @param sinceVersion     the operator version in effect (the opset version the user should read)
 * @param category         the category's CSS class ("layer", "activation", ...)
 * @param description      one line for the properties panel, may be ""
 * @param documentationUrl the operator's page, may be ""
 * @param inputs           formal inputs in position order
 * @param outputs          formal outputs in position order
 * @param attributes       declared attributes, with defaults where the operator has them
 */
public record OperatorInfo(
        String domain,
        String name,
        long sinceVersion,
        String category,
        String description,
        String documentationUrl,
        List<Formal> inputs,
        List<Formal> outputs,
        List<AttributeInfo> attributes) {

    public OperatorInfo {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = List.copyOf(attributes);
    }

    /** A formal input or output: its name and type constraint; variadic ones repeat for every extra position. */
    public record Formal(String name, String typeConstraint, boolean optional, boolean variadic) {}

    /** A declared attribute; {@code defaultValue} is "" when it has none. */
    public record AttributeInfo(String name, String type, boolean required, String defaultValue) {}

    /** The formal name for an actual input at {@code position} (the last variadic name repeats), or "". */
    public String inputName(int position) {
        return formalName(inputs, position);
    }

    public String outputName(int position) {
        return formalName(outputs, position);
    }

    private static String formalName(List<Formal> formals, int position) {
        if (position < formals.size()) {
            return formals.get(position).name();
        }
        if (!formals.isEmpty() && formals.getLast().variadic()) {
            return formals.getLast().name();
        }
        return "";
    }
}
