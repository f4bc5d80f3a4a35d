package dev.onnxworkbench.models.diverge;

import java.util.Locale;
import java.util.Optional;

/**
 * How a tensor's errors decide pass or fail, as Polygraphy's {@code --check-error-stat}: {@link #ELEMENTWISE}
 * fails when any element has |a − b| > atol and |a − b| > rtol·|b|; the others fail when that statistic of the
 * absolute error exceeds atol and the same statistic of the relative error exceeds rtol.
 */
public enum Metric {
    ELEMENTWISE, MAX, MEAN, MEDIAN;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Metric> parse(String text) {
        for (Metric m : values()) {
            if (m.jsonName().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
