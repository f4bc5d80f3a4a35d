package dev.onnxworkbench.app.predict;

import java.util.Arrays;
import java.util.Locale;

/**
 * An output checked against the expected values of a test data set, the way the ONNX backend suite
 * does: |actual − expected| ≤ atol + rtol·|expected| for every element (NaN equals NaN), exact for strings.
 */
record Comparison(boolean pass, double maxAbsError, double maxRelError, String message) {

    static final double RTOL = 1e-3;
    static final double ATOL = 1e-7;

    static Comparison of(OutputValue.TensorOutput actual, OutputValue.TensorOutput expected) {
        if (!Arrays.equals(actual.shape(), expected.shape())) {
            return new Comparison(false, Double.NaN, Double.NaN, "shape " + Arrays.toString(actual.shape())
                    + ", expected " + Arrays.toString(expected.shape()));
        }
        if (!actual.isNumeric() || !expected.isNumeric()) {
            boolean same = Arrays.equals(actual.strings(), expected.strings());
            return new Comparison(same, 0, 0, same ? "strings match" : "strings differ");
        }
        double maxAbs = 0;
        double maxRel = 0;
        boolean pass = true;
        for (long i = 0; i < actual.count(); i++) {
            double a = actual.get(i);
            double e = expected.get(i);
            if (Double.isNaN(a) && Double.isNaN(e) || a == e) {
                continue;
            }
            double abs = Math.abs(a - e);
            maxAbs = Math.max(maxAbs, Double.isNaN(abs) ? Double.POSITIVE_INFINITY : abs);
            if (e != 0) {
                maxRel = Math.max(maxRel, abs / Math.abs(e));
            }
            pass &= abs <= ATOL + RTOL * Math.abs(e);
        }
        return new Comparison(pass, maxAbs, maxRel, String.format(Locale.ROOT, "max abs error %s · max rel error %s",
                NumberText.format(maxAbs), NumberText.format(maxRel)));
    }
}
