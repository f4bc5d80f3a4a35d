package dev.onnxworkbench.app.diagram;

import dev.onnxworkbench.models.graph.Dimension;
import dev.onnxworkbench.models.graph.Shape;
import dev.onnxworkbench.models.graph.ValueType;
import java.util.List;
import java.util.stream.Collectors;

/** Netron's notation for shapes in the drawing: {@code 1×3×224×224}, weights as {@code ⟨64×3×7×7⟩}. */
public final class ShapeText {
    private ShapeText() {}

    /** Dimensions joined by ×; "" for unknown rank; "" for a scalar. */
    public static String dims(Shape shape) {
        if (shape == null || !shape.rankKnown()) {
            return "";
        }
        return shape.dims().stream().map(Dimension::toString).collect(Collectors.joining("×"));
    }

    /** A weight's shape in angle brackets: ⟨64×3×7×7⟩, ⟨⟩ for a scalar. */
    public static String weight(List<Long> dims) {
        return "⟨" + dims.stream().map(String::valueOf).collect(Collectors.joining("×")) + "⟩";
    }

    /** The edge label for a value's type: its tensor shape when the rank is known, else "". */
    public static String edgeLabel(ValueType type) {
        return switch (type) {
            case ValueType.TensorType t -> dims(t.shape());
            case ValueType.SparseTensorType t -> dims(t.shape());
            case null, default -> "";
        };
    }
}
