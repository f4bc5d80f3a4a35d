package dev.onnxworkbench.models.runtime.inputs;

/**
 * An input has a free dimension nobody gave a size for. The input set never guesses (a silent 1 would
 * measure a different workload); the message names the input, the axis and the flags that set it, and
 * the fields let a form point at its own size field instead.
 */
public final class UnresolvedDimensionException extends InvalidInputException {
    private final String input;
    private final int axis;
    private final String parameter;

    public UnresolvedDimensionException(String message, String input, int axis, String parameter) {
        super(message);
        this.input = input;
        this.axis = axis;
        this.parameter = parameter;
    }

    /** The input whose shape is incomplete. */
    public String input() {
        return input;
    }

    /** The axis without a size. */
    public int axis() {
        return axis;
    }

    /** The size parameter ({@link InputSpec#sizeParameter}): a symbolic name or {@code input[axis]}. */
    public String parameter() {
        return parameter;
    }
}
