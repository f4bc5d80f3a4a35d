package dev.onnxworkbench.models.graph;

/** One dimension of a shape: a fixed size, a symbolic name such as {@code batch}, or unknown. */
public sealed interface Dimension {

    record Fixed(long value) implements Dimension {
        @Override
        public String toString() {
            return Long.toString(value);
        }
    }

    record Symbolic(String name) implements Dimension {
        @Override
        public String toString() {
            return name;
        }
    }

    record Unknown() implements Dimension {
        @Override
        public String toString() {
            return "?";
        }
    }

    Unknown UNKNOWN = new Unknown();

    static Dimension of(long value) {
        return new Fixed(value);
    }

    static Dimension of(String symbol) {
        return new Symbolic(symbol);
    }
}
