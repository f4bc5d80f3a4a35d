package dev.onnxworkbench.models.serve;

import java.util.Arrays;

/**
 * Values of one request tensor in a growable primitive array of the kind its datatype needs: longs for
 * integers, doubles for floating point, booleans, or strings. Nothing is boxed.
 */
final class TensorValues {
    private final V2Datatype type;
    private long[] longs;
    private double[] doubles;
    private boolean[] booleans;
    private String[] strings;
    private int size;

    TensorValues(V2Datatype type) {
        this.type = type;
        switch (type) {
            case BOOL -> booleans = new boolean[16];
            case BYTES -> strings = new String[16];
            case FP16, FP32, FP64, BF16 -> doubles = new double[16];
            default -> longs = new long[16];
        }
    }

    V2Datatype type() {
        return type;
    }

    int size() {
        return size;
    }

    void addLong(long v) {
        if (size == longs.length) {
            longs = Arrays.copyOf(longs, size * 2);
        }
        longs[size++] = v;
    }

    void addDouble(double v) {
        if (size == doubles.length) {
            doubles = Arrays.copyOf(doubles, size * 2);
        }
        doubles[size++] = v;
    }

    void addBoolean(boolean v) {
        if (size == booleans.length) {
            booleans = Arrays.copyOf(booleans, size * 2);
        }
        booleans[size++] = v;
    }

    void addString(String v) {
        if (size == strings.length) {
            strings = Arrays.copyOf(strings, size * 2);
        }
        strings[size++] = v;
    }

    long[] longs() {
        return Arrays.copyOf(longs, size);
    }

    long longAt(int i) {
        return longs[i];
    }

    double doubleAt(int i) {
        return doubles[i];
    }

    boolean booleanAt(int i) {
        return booleans[i];
    }

    double[] doubles() {
        return Arrays.copyOf(doubles, size);
    }

    boolean[] booleans() {
        return Arrays.copyOf(booleans, size);
    }

    String[] strings() {
        return Arrays.copyOf(strings, size);
    }
}
