package dev.onnxworkbench.app.properties;

import dev.onnxworkbench.models.graph.AttributeValue;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An attribute's value written as {@code edit --set-attr NODE.ATTR=VALUE} takes it back (3, 0.5, text, 1,2,3),
 * for the fields that edit it in place; empty for kinds that cannot be set as text (tensors, graphs, types).
 */
public final class AttributeEditText {
    private AttributeEditText() {
    }

    public static Optional<String> of(AttributeValue value) {
        return Optional.ofNullable(switch (value) {
            case AttributeValue.IntValue i -> Long.toString(i.value());
            case AttributeValue.FloatValue f -> Float.toString(f.value());
            case AttributeValue.StringValue s -> s.text();
            case AttributeValue.Ints l -> join(l.values());
            case AttributeValue.Floats l -> join(l.values());
            case AttributeValue.Strings l -> String.join(",", l.values());
            default -> null;
        });
    }

    private static String join(List<?> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
