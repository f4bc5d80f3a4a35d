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

    /**
     * Parses {@code text} into a tensor of {@code shape} for {@code spec}'s input: the one parser and validator
     * every door uses (ranges per element type, non-finite floats only when {@code rules} allow them, bools as
     * true/false/1/0, strings checked against the categories of the encoder that consumes the input).
     */
    public static HostTensor parse(InputSpec spec, String text, long[] shape, ValueRules rules)
            throws InvalidInputException {
        return parse(spec.name(), text, spec.elementType(), shape, spec.categories(), rules);
    }

    /** As {@link #parse(InputSpec, String, long[], ValueRules)} for an input known only by name and type, finite only. */
    public static HostTensor parse(String input, String text, ElementType type, long[] shape)
            throws InvalidInputException {
        return parse(input, text, type, shape, List.of(), ValueRules.STRICT);
    }

    private static HostTensor parse(String input, String text, ElementType type, long[] shape,
                                    List<String> categories, ValueRules rules) throws InvalidInputException {
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
            for (int i = 0; i < values.size(); i++) {
                category(input, categories, values.get(i), where(i, values.size()));
            }
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
            put(buffer, type, tokens.get(i), input, where(i, tokens.size()), rules);
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

    /** Validates one token without building anything, finite only; null when fine, else the message. */
    public static String checkToken(String token, ElementType type) {
        return check(type, token).orElse(null);
    }

    /** As {@link #check(ElementType, String, ValueRules)} with finite values only. */
    public static java.util.Optional<String> check(ElementType type, String text) {
        return check(type, text, ValueRules.STRICT);
    }

    /**
     * Validates one field's text as a single value of {@code type}, for a form to decorate the field while the
     * user types: empty when fine, else a sentence naming the value and, for numbers out of range, the range
     * ("300 does not fit in uint8 (0 to 255)"; "12,5 ... use a dot as decimal separator").
     */
    public static java.util.Optional<String> check(ElementType type, String text, ValueRules rules) {
        String token = text.strip();
        if (type != ElementType.STRING && DECIMAL_COMMA.matcher(token).matches()) {
            return java.util.Optional.of("'" + token + "' is not " + article(type)
                    + "; use a dot as decimal separator (" + token.replace(',', '.') + ").");
        }
        try {
            put(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN), type, token, "value", "", rules);
            return java.util.Optional.empty();
        } catch (InvalidInputException e) {
            return java.util.Optional.of(e.getMessage().substring("value: ".length()));
        }
    }

    // ---- one value at a time: for decoders that fill their own buffers (serve's request bodies, batch rows) ----

    /** " (value 3)" when a tensor holds more than one value, so every door points at the same value the same way. */
    public static String where(int index, long count) {
        return count <= 1 ? "" : " (value " + (index + 1) + ")";
    }

    /**
     * Checks typed values one by one as {@link #parse} would, for a caller that takes the shape from the text's
     * nesting ({@code --input x=[[1,2]]}): the same messages, without building the tensor.
     */
    public static void checkEach(InputSpec spec, List<String> tokens, ValueRules rules) throws InvalidInputException {
        ElementType type = spec.elementType();
        for (int i = 0; i < tokens.size(); i++) {
            String where = where(i, tokens.size());
            String token = tokens.get(i);
            switch (type) {
                case STRING -> category(spec.name(), spec.categories(), token, where);
                case FLOAT, DOUBLE, FLOAT16, BFLOAT16 -> floating(spec.name(), type, token, rules, where);
                case BOOL -> bool(spec.name(), token, where);
                default -> {
                    if (canType(type)) {
                        integer(spec.name(), type, token, where);
                    }
                }
            }
        }
    }

    /** One floating-point value of {@code type} (float32, float64, float16, bfloat16), checked. */
    public static double floating(String input, ElementType type, String token, ValueRules rules, String where)
            throws InvalidInputException {
        try {
            return switch (type) {
                case FLOAT -> inRange(token, Float.MAX_VALUE, type, rules);
                case DOUBLE -> inRange(token, Double.MAX_VALUE, type, rules);
                case FLOAT16 -> inRange(token, FLOAT16_MAX, type, rules);
                case BFLOAT16 -> inRange(token, BFLOAT16_MAX, type, rules);
                default -> throw new IllegalArgumentException(type + " is not a floating-point type");
            };
        } catch (NumberFormatException e) {
            throw notA(input, token, where, type);
        } catch (ArithmeticException e) {
            throw new InvalidInputException(input + ": " + token + where + " " + e.getMessage() + ".");
        }
    }

    /** One integer value of {@code type}, range-checked, never wrapped; uint64 comes back as its bit pattern. */
    public static long integer(String input, ElementType type, String token, String where)
            throws InvalidInputException {
        try {
            return switch (type) {
                case INT8 -> integer(token, -128, 127, type);
                case UINT8 -> integer(token, 0, 255, type);
                case INT16 -> integer(token, Short.MIN_VALUE, Short.MAX_VALUE, type);
                case UINT16 -> integer(token, 0, 65535, type);
                case INT32 -> integer(token, Integer.MIN_VALUE, Integer.MAX_VALUE, type);
                case UINT32 -> integer(token, 0, 0xFFFF_FFFFL, type);
                case INT64 -> integer(token, Long.MIN_VALUE, Long.MAX_VALUE, type);
                case UINT64 -> unsigned64(token);
                default -> throw new IllegalArgumentException(type + " is not an integer type");
            };
        } catch (NumberFormatException e) {
            throw notA(input, token, where, type);
        } catch (ArithmeticException e) {
            throw new InvalidInputException(input + ": " + token + where + " " + e.getMessage() + ".");
        }
    }

    /** One bool: true/false/1/0 (any case), nothing else. */
    public static boolean bool(String input, String token, String where) throws InvalidInputException {
        try {
            return parseBool(token);
        } catch (NumberFormatException e) {
            throw notA(input, token, where, ElementType.BOOL);
        }
    }

    /**
     * One string, taken as given; when an encoder consumes the input (its {@code categories} are not empty) it
     * must be one of them, and the message lists them.
     */
    public static String category(String input, List<String> categories, String value, String where)
            throws InvalidInputException {
        if (!categories.isEmpty() && !categories.contains(value)) {
            throw new InvalidInputException(input + ": '" + value + "'" + where + " is not a category the model's "
                    + "encoder knows; it knows " + String.join(", ", categories) + ".");
        }
        return value;
    }

    private static InvalidInputException notA(String input, String token, String where, ElementType type) {
        return new InvalidInputException(input + ": '" + token + "'" + where + " is not " + article(type) + ".");
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

    private static void put(ByteBuffer out, ElementType type, String token, String input, String where,
                            ValueRules rules) throws InvalidInputException {
        switch (type) {
            case FLOAT -> out.putFloat((float) floating(input, type, token, rules, where));
            case DOUBLE -> out.putDouble(floating(input, type, token, rules, where));
            case FLOAT16 -> out.putShort(Float.floatToFloat16((float) floating(input, type, token, rules, where)));
            case BFLOAT16 -> out.putShort(toBfloat16((float) floating(input, type, token, rules, where)));
            case BOOL -> out.put(bool(input, token, where) ? (byte) 1 : 0);
            case INT8, UINT8 -> out.put((byte) integer(input, type, token, where));
            case INT16, UINT16 -> out.putShort((short) integer(input, type, token, where));
            case INT32, UINT32 -> out.putInt((int) integer(input, type, token, where));
            case INT64, UINT64 -> out.putLong(integer(input, type, token, where));
            default -> throw notA(input, token, where, type);
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
     * NaN, ±Inf, and a finite number beyond the type's largest value (which the type would store as ±Inf:
     * 1e999 as float32) are refused unless the rules allow non-finite values. Rounding is fine.
     */
    private static double inRange(String token, double max, ElementType type, ValueRules rules) {
        double v = parseDouble(token);
        if (Double.isNaN(v) || Double.isInfinite(v) && token.toLowerCase(Locale.ROOT).contains("inf")) {
            if (!rules.allowNonFinite()) {
                throw new ArithmeticException("is not a finite number; " + ValueRules.NON_FINITE_HINT);
            }
            return v;
        }
        if (Double.isInfinite(v) || Math.abs(v) > max) {
            if (!rules.allowNonFinite()) {
                throw new ArithmeticException(String.format(Locale.ROOT,
                        "is outside the range of %s (%s%.4g to %.4g); %s",
                        type.displayName(), "-", max, max, ValueRules.NON_FINITE_HINT));
            }
            return v > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        return v;
    }

    private static double parseDouble(String token) {
        String t = token.toLowerCase(Locale.ROOT);
        return switch (t) {
            case "nan", "+nan", "-nan" -> Double.NaN;
            case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> {
                // Double.parseDouble accepts "1f" and "0x1p3"; a form should not.
                if (!isDecimal(t)) {
                    throw new NumberFormatException(token);
                }
                yield Double.parseDouble(t);
            }
        };
    }

    /** [+-] digits [. digits] [e [+-] digits], at least one digit before the exponent; no regex: serve calls it per value. */
    private static boolean isDecimal(String t) {
        int i = 0;
        int n = t.length();
        if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(t.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && t.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(t.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && t.charAt(i) == 'e') {
            i++;
            if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
                i++;
            }
            int exponent = 0;
            while (i < n && isDigit(t.charAt(i))) {
                i++;
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean parseBool(String token) {
        return switch (token.toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new NumberFormatException(token);
        };
    }

    private static boolean isWhole(String token, boolean signed) {
        int i = 0;
        if (!token.isEmpty() && (token.charAt(0) == '+' || signed && token.charAt(0) == '-')) {
            i++;
        }
        if (i == token.length()) {
            return false;
        }
        for (; i < token.length(); i++) {
            if (!isDigit(token.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static long integer(String token, long min, long max, ElementType type) {
        if (!isWhole(token, true)) {
            throw new NumberFormatException(token);
        }
        if (token.length() < 18) { // fits a long: skip BigInteger on the common path
            long v = Long.parseLong(token);
            if (v < min || v > max) {
                throw new ArithmeticException("does not fit in " + type.displayName() + " (" + min + " to " + max + ")");
            }
            return v;
        }
        BigInteger v = new BigInteger(token);
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new ArithmeticException("does not fit in " + type.displayName() + " (" + min + " to " + max + ")");
        }
        return v.longValueExact();
    }

    private static long unsigned64(String token) {
        if (!isWhole(token, false)) {
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
