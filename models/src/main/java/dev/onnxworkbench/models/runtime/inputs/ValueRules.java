package dev.onnxworkbench.models.runtime.inputs;

/**
 * What the one validator ({@link ValueParser}) accepts beyond a value's type, the same at every door (the
 * Predict form, {@code run} and every verb with INPUTS, {@code serve}'s request bodies, {@code predict-batch}'s
 * rows, {@code loadtest}). Ranges per element type, bools as true/false/1/0 and categories checked against
 * the encoder are not optional; only non-finite floats are.
 *
 * @param allowNonFinite accept NaN, ±Inf, and numbers beyond a float type's range (which become ±Inf);
 *                       {@code --allow-non-finite} on the command line and on {@code serve}, the form's
 *                       "Allow NaN/±Inf" box
 */
public record ValueRules(boolean allowNonFinite) {

    /** Finite numbers only: the default everywhere. */
    public static final ValueRules STRICT = new ValueRules(false);

    /** NaN and ±Inf accepted. */
    public static final ValueRules NON_FINITE_ALLOWED = new ValueRules(true);

    public static ValueRules of(boolean allowNonFinite) {
        return allowNonFinite ? NON_FINITE_ALLOWED : STRICT;
    }

    /** The sentence every door appends when a non-finite value is refused, so the text never differs. */
    static final String NON_FINITE_HINT =
            "non-finite values are refused unless allowed (--allow-non-finite; in the window, Allow NaN/±Inf)";
}
