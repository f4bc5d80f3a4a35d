package dev.onnxworkbench.models.graph;

/** The type of a value flowing along an edge: ONNX's TypeProto, format-neutral. */
public sealed interface ValueType {

    record TensorType(ElementType elementType, Shape shape) implements ValueType {
        @Override
        public String toString() {
            return elementType + shape.toString();
        }
    }

    record SparseTensorType(ElementType elementType, Shape shape) implements ValueType {
        @Override
        public String toString() {
            return "sparse<" + elementType + shape + ">";
        }
    }

    record SequenceType(ValueType elementType) implements ValueType {
        @Override
        public String toString() {
            return "sequence<" + elementType + ">";
        }
    }

    record MapType(ElementType keyType, ValueType valueType) implements ValueType {
        @Override
        public String toString() {
            return "map<" + keyType + "," + valueType + ">";
        }
    }

    record OptionalType(ValueType elementType) implements ValueType {
        @Override
        public String toString() {
            return "optional<" + elementType + ">";
        }
    }

    record OpaqueType(String domain, String name) implements ValueType {
        @Override
        public String toString() {
            return "opaque<" + (domain.isEmpty() ? name : domain + "." + name) + ">";
        }
    }

    /** A value whose type the file does not state. */
    record Unknown() implements ValueType {
        @Override
        public String toString() {
            return "?";
        }
    }

    Unknown UNKNOWN = new Unknown();
}
