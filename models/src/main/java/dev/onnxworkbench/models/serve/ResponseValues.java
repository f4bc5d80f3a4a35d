package dev.onnxworkbench.models.serve;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.io.IOException;
import java.math.BigInteger;

/** Writes a tensor's values as a flat row-major JSON array, in the number form of its type. */
final class ResponseValues {
    private ResponseValues() {
    }

    static void write(JsonGenerator g, HostTensor t) throws IOException {
        long n = t.elementCount();
        g.writeStartArray();
        if (t.isString()) {
            for (String s : t.strings()) {
                g.writeString(s);
            }
        } else {
            switch (t.elementType()) {
                case FLOAT, FLOAT16, BFLOAT16 -> {
                    for (long i = 0; i < n; i++) {
                        g.writeNumber((float) t.getDouble(i)); // shortest text of the float, not of its double
                    }
                }
                case DOUBLE -> {
                    for (long i = 0; i < n; i++) {
                        g.writeNumber(t.getDouble(i));
                    }
                }
                case BOOL -> {
                    for (long i = 0; i < n; i++) {
                        g.writeBoolean(t.getDouble(i) != 0);
                    }
                }
                case UINT64 -> {
                    for (long i = 0; i < n; i++) {
                        long v = t.getLong(i);
                        if (v >= 0) {
                            g.writeNumber(v);
                        } else {
                            g.writeNumber(new BigInteger(Long.toUnsignedString(v)));
                        }
                    }
                }
                default -> {
                    for (long i = 0; i < n; i++) {
                        g.writeNumber(t.getLong(i));
                    }
                }
            }
        }
        g.writeEndArray();
    }
}
