package dev.onnxworkbench.models.graph;

import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * A tensor shape. {@code dims == null} means the rank itself is unknown (no shape in the file);
 * an empty list is a scalar.
 */
public record Shape(List<Dimension> dims) {

    public static final Shape UNKNOWN_RANK = new Shape(null);
    public static final Shape SCALAR = new Shape(List.of());

    public Shape {
        dims = dims == null ? null : List.copyOf(dims);
    }

    public static Shape of(long... sizes) {
        return new Shape(java.util.Arrays.stream(sizes).mapToObj(Dimension::of).toList());
    }

    public boolean rankKnown() {
        return dims != null;
    }

    public int rank() {
        return dims == null ? -1 : dims.size();
    }

    /** True when every dimension is a fixed number. */
    public boolean isFullyKnown() {
        return dims != null && dims.stream().allMatch(d -> d instanceof Dimension.Fixed);
    }

    /** Element count when every dimension is fixed; empty otherwise (or on overflow). */
    public OptionalLong elementCount() {
        if (!isFullyKnown()) {
            return OptionalLong.empty();
        }
        long n = 1;
        for (Dimension d : dims) {
            try {
                n = Math.multiplyExact(n, ((Dimension.Fixed) d).value());
            } catch (ArithmeticException overflow) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(n);
    }

    /** Netron's notation: {@code [1,3,224,224]}, {@code [batch,?]}; empty string for unknown rank. */
    @Override
    public String toString() {
        return dims == null ? "" : dims.stream().map(Dimension::toString).collect(Collectors.joining(",", "[", "]"));
    }
}
