package dev.onnxworkbench.models.samples;

/**
 * Ordinary least squares through the normal equations, solved with a Cholesky factorisation.
 * Enough for the handful of well-conditioned (standardised) features the samples fit.
 */
final class LeastSquares {

    /** The fitted coefficients: {@code weights[j]} for column j and the intercept. */
    record Fit(double[] weights, double intercept, double rSquared, double rmse) {
    }

    private LeastSquares() {
    }

    /** Fits {@code y ≈ X·w + b}; {@code x[i]} is row i. */
    static Fit fit(double[][] x, double[] y) {
        int n = x.length;
        int p = x[0].length + 1; // last column is the intercept
        double[][] a = new double[p][p];
        double[] rhs = new double[p];
        double[] row = new double[p];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x[i], 0, row, 0, p - 1);
            row[p - 1] = 1.0;
            for (int j = 0; j < p; j++) {
                rhs[j] += row[j] * y[i];
                for (int k = 0; k <= j; k++) {
                    a[j][k] += row[j] * row[k];
                }
            }
        }
        for (int j = 0; j < p; j++) {
            for (int k = j + 1; k < p; k++) {
                a[j][k] = a[k][j];
            }
        }
        double[] beta = solveSymmetricPositiveDefinite(a, rhs);
        double[] weights = new double[p - 1];
        System.arraycopy(beta, 0, weights, 0, p - 1);
        double intercept = beta[p - 1];

        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= n;
        double ssRes = 0;
        double ssTot = 0;
        for (int i = 0; i < n; i++) {
            double predicted = intercept;
            for (int j = 0; j < p - 1; j++) {
                predicted += weights[j] * x[i][j];
            }
            ssRes += (y[i] - predicted) * (y[i] - predicted);
            ssTot += (y[i] - mean) * (y[i] - mean);
        }
        return new Fit(weights, intercept, 1 - ssRes / ssTot, StrictMath.sqrt(ssRes / n));
    }

    private static double[] solveSymmetricPositiveDefinite(double[][] a, double[] b) {
        int p = b.length;
        double[][] l = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (sum <= 0) {
                        throw new IllegalStateException("design matrix is singular at column " + i);
                    }
                    l[i][i] = StrictMath.sqrt(sum);
                } else {
                    l[i][j] = sum / l[j][j];
                }
            }
        }
        double[] z = new double[p];
        for (int i = 0; i < p; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= l[i][k] * z[k];
            }
            z[i] = sum / l[i][i];
        }
        double[] x = new double[p];
        for (int i = p - 1; i >= 0; i--) {
            double sum = z[i];
            for (int k = i + 1; k < p; k++) {
                sum -= l[k][i] * x[k];
            }
            x[i] = sum / l[i][i];
        }
        return x;
    }
}
