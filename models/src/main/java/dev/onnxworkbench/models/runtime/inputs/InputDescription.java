package dev.onnxworkbench.models.runtime.inputs;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * One input of an {@link InputSet} as reports show it: {@code x float32[1,3,640,640] from street.png, ImageNet scaling}.
 *
 * @param name   the graph input name
 * @param type   the element type's display name ({@code float32})
 * @param shape  the concrete shape that runs
 * @param source where the values come from ({@link InputSource#description()})
 */
public record InputDescription(String name, String type, long[] shape, String source) {

    public InputDescription {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** {@code [1,3,640,640]}; {@code []} for a scalar. */
    public String shapeText() {
        return format(shape);
    }

    /** {@code [1,3,640,640]}; {@code []} for a scalar. */
    public static String format(long[] shape) {
        return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(",", "[", "]"));
    }

    @Override
    public String toString() {
        return name + " " + type + shapeText() + " " + source;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputDescription d && name.equals(d.name) && type.equals(d.type)
                && Arrays.equals(shape, d.shape) && source.equals(d.source);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }
}
