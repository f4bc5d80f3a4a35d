package dev.onnxworkbench.models.runtime.inputs;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns what a user typed into tensor values: numbers separated by commas, spaces, semicolons or line
 * breaks (brackets ignored, so {@code [[1,2],[3,4]]} works too), checked against the element type's range
 * and the count the shape needs. Strings are taken whole when one is needed, else comma-separated.
 */
public final class ValueParser {

    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private ValueParser() {}

    /** Element types a form can type in; the others come from files. */
    public static boolean canType(ElementType type) {
        return switch (type) {
            case FLOAT, DOUBLE, FLOAT16, BFLOAT16, INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, BOOL,
                 STRING -> true;
            default -> false;
        };
    }

    /** Splits typed text into value tokens. */
    public static List<String> tokens(String text) {
        List<String> result = new ArrayList<>();
        for (String t : text.replace('[', ' ').replace(']', ' ').split("[,;\\s]+")) {
            if (!t.isEmpty()) {
                result.add(t);
            }
        }
        return result;
    }

    /** Parses {@code text} into a tensor of {@code shape}; {@code input} names the input in messages. */
    public static HostTensor parse(String input, String text, ElementType type, long[] shape)
            throws InvalidInputException {
        TensorSizes.checkFits(input, type, shape);
        long expected = 1;
        for (long d : shape) {
            expected *= d;
        }
        if (!canType(type)) {
            throw new InvalidInputException(input + ": " + type.displayName() + " values cannot be typed; load them from a file.");
        }
        if (type == ElementType.STRING) {
            List<String> values = expected == 1 ? List.of(text.strip()) : splitStrings(text);
            checkCount(input, values.size(), expected);
            return built(() -> HostTensor.ofStrings(shape, values.toArray(String[]::new)));
        }
        List<String> tokens = tokens(text);
        if (tokens.size() != expected && DECIMAL_COMMA_INSIDE.matcher(text).find()) {
            throw new InvalidInputException(input + ": '" + text.strip() + "' has " + tokens.size()
                    + " values where the shape needs " + expected + "; use a dot as decimal separator ("
                    + text.strip().replaceAll("(\\d),(\\d)", "$1.$2") + ").");
        }
        checkCount(input, tokens.size(), expected);
        ByteBuffer buffer = ByteBuffer.allocateDirect((int) type.byteSize(expected)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < tokens.size(); i++) {
            put(buffer, type, tokens.get(i), input, tokens.size() == 1 ? "" : " (value " + (i + 1) + ")");
        }
        buffer.flip();
        return built(() -> HostTensor.ofRaw(type, shape, buffer));
    }

    /** Runs a HostTensor factory whose checks the caller has already made, keeping the typed exception. */
    static HostTensor built(TensorFactory factory) throws InvalidInputException {
        try {
            return factory.create();
        } catch (InvalidInputException e) {
            throw e;
        } catch (WorkbenchException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    @FunctionalInterface
    interface TensorFactory {
        HostTensor create() throws WorkbenchException;
    }

    /** Validates one token without building anything; null when fine, else the message. */
    public static String checkToken(String token, ElementType type) {
        return check(type, token).orElse(null);
    }

    /**
     * Validates one field's text as a single value of {@code type}, for a form to decorate the field while the
     * user types: empty when fine, else a sentence naming the value and, for numbers out of range, the range
     * ("300 does not fit in uint8 (0 to 255)"; "12,5 ... use a dot as decimal separator").
     */
    public static java.util.Optional<String> check(ElementType type, String text) {
        String token = text.strip();
        if (type != ElementType.STRING && DECIMAL_COMMA.matcher(token).matches()) {
            return java.util.Optional.of("'" + token + "' is not " + article(type)
                    + "; use a dot as decimal separator (" + token.replace(',', '.') + ").");
        }
        try {
            put(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN), type, token, "value", "");
            return java.util.Optional.empty();
        } catch (InvalidInputException e) {
            return java.util.Optional.of(e.getMessage().substring("value: ".length()));
        }
    }

    private static final java.util.regex.Pattern DECIMAL_COMMA_INSIDE = java.util.regex.Pattern.compile("\\d,\\d");
    private static final java.util.regex.Pattern DECIMAL_COMMA = java.util.regex.Pattern.compile("[+-]?\\d+,\\d+");

    private static List<String> splitStrings(String text) {
        List<String> values = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                values.add(part.strip());
            }
        }
        return values;
    }

    private static void checkCount(String input, long actual, long expected) throws InvalidInputException {
        if (actual != expected) {
            throw new InvalidInputException(actual == 0
                    ? input + ": enter " + (expected == 1 ? "a value" : expected + " values") + "."
                    : String.format(Locale.ROOT, "%s: %d value%s entered, the shape needs %d.",
                            input, actual, actual == 1 ? "" : "s", expected));
        }
    }

    private static void put(ByteBuffer out, ElementType type, String token, String input, String where)
            throws InvalidInputException {
        try {
            switch (type) {
                case FLOAT -> out.putFloat((float) inRange(token, Float.MAX_VALUE, type));
                case DOUBLE -> out.putDouble(inRange(token, Double.MAX_VALUE, type));
                case FLOAT16 -> out.putShort(Float.floatToFloat16((float) inRange(token, FLOAT16_MAX, type)));
                case BFLOAT16 -> out.putShort(toBfloat16((float) inRange(token, BFLOAT16_MAX, type)));
                case BOOL -> out.put(parseBool(token) ? (byte) 1 : 0);
                case INT8 -> out.put((byte) integer(token, -128, 127, type));
                case UINT8 -> out.put((byte) integer(token, 0, 255, type));
                case INT16 -> out.putShort((short) integer(token, Short.MIN_VALUE, Short.MAX_VALUE, type));
                case UINT16 -> out.putShort((short) integer(token, 0, 65535, type));
                case INT32 -> out.putInt((int) integer(token, Integer.MIN_VALUE, Integer.MAX_VALUE, type));
                case UINT32 -> out.putInt((int) integer(token, 0, 0xFFFF_FFFFL, type));
                case INT64 -> out.putLong(integer(token, Long.MIN_VALUE, Long.MAX_VALUE, type));
                case UINT64 -> out.putLong(unsigned64(token));
                default -> throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new InvalidInputException(input + ": '" + token + "'" + where + " is not " + article(type) + ".");
        } catch (ArithmeticException e) {
            throw new InvalidInputException(input + ": " + token + where + " " + e.getMessage() + ".");
        }
    }

    private static String article(ElementType type) {
        return switch (type) {
            case FLOAT, DOUBLE, FLOAT16, BFLOAT16 -> "a number";
            case BOOL -> "true/false (or 1/0)";
            default -> "a whole number";
        };
    }

    private static final double FLOAT16_MAX = 65504;
    private static final double BFLOAT16_MAX = 3.3895313892515355e38;

    /**
     * A finite number beyond the type's largest value would silently become infinity (1e999 as float32 is
     * -Inf or +Inf); refuse it. Rounding to the nearest representable value is fine. "inf" typed as such is kept.
     */
    private static double inRange(String token, double max, ElementType type) {
        double v = parseDouble(token);
        boolean typedInfinity = Double.isInfinite(v) && token.toLowerCase(Locale.ROOT).contains("inf");
        if (!typedInfinity && !Double.isNaN(v) && Math.abs(v) > max) {
            throw new ArithmeticException(String.format(Locale.ROOT, "is outside the range of %s (%s%.4g to %.4g)",
                    type.displayName(), "-", max, max));
        }
        return v;
    }

    private static double parseDouble(String token) {
        String t = token.toLowerCase(Locale.ROOT);
        return switch (t) {
            case "nan" -> Double.NaN;
            case "inf", "+inf", "infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> {
                // Double.parseDouble accepts "1f" and "0x1p3"; a form should not.
                if (!t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)(e[+-]?\\d+)?")) {
                    throw new NumberFormatException(token);
                }
                yield Double.parseDouble(t);
            }
        };
    }

    private static boolean parseBool(String token) {
        return switch (token.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new NumberFormatException(token);
        };
    }

    private static long integer(String token, long min, long max, ElementType type) {
        if (!token.matches("[+-]?\\d+")) {
            throw new NumberFormatException(token);
        }
        BigInteger v = new BigInteger(token);
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new ArithmeticException("does not fit in " + type.displayName() + " (" + min + " to " + max + ")");
        }
        return v.longValueExact();
    }

    private static long unsigned64(String token) {
        if (!token.matches("\\+?\\d+")) {
            throw new NumberFormatException(token);
        }
        BigInteger v = new BigInteger(token);
        if (v.compareTo(UINT64_MAX) > 0) {
            throw new ArithmeticException("does not fit in uint64 (0 to " + UINT64_MAX + ")");
        }
        return v.longValue();
    }

    /** Rounds to nearest even, as PyTorch and NumPy's ml_dtypes do. */
    static short toBfloat16(float value) {
        int bits = Float.floatToRawIntBits(value);
        if (Float.isNaN(value)) {
            return (short) 0x7FC0;
        }
        int rounding = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }
}
