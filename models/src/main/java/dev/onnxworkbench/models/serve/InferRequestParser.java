package dev.onnxworkbench.models.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a v2 infer request with Jackson's streaming parser, straight into primitive arrays: no tree, no
 * boxing. Data that arrives before its tensor's datatype is kept as tokens and read once the type is known.
 * Every problem is an {@link HttpError} 400 naming the input.
 */
final class InferRequestParser {
    static final JsonFactory JSON = JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private InferRequestParser() {
    }

    static InferRequest parse(InputStream body) throws HttpError, IOException {
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new HttpError(400, "The request body must be a JSON object with \"inputs\".");
            }
            String id = null;
            List<RequestTensor> inputs = null;
            List<String> outputs = List.of();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "id" -> id = value == JsonToken.VALUE_NULL ? null : p.getValueAsString();
                    case "inputs" -> inputs = tensors(p);
                    case "outputs" -> outputs = outputNames(p);
                    default -> p.skipChildren(); // "parameters" and extensions
                }
            }
            if (p.nextToken() != null) {
                throw new HttpError(400, "bad JSON: unexpected content after the request object");
            }
            if (inputs == null || inputs.isEmpty()) {
                throw new HttpError(400, "The request has no \"inputs\".");
            }
            return new InferRequest(id, inputs, outputs);
        } catch (JsonProcessingException e) {
            throw new HttpError(400, "bad JSON: " + clean(e.getOriginalMessage()) + location(e));
        }
    }

    private static String clean(String message) {
        int source = message == null ? -1 : message.indexOf(" (start marker at");
        return message == null ? "unreadable" : (source < 0 ? message : message.substring(0, source)).strip();
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr();
    }

    private static List<RequestTensor> tensors(JsonParser p) throws IOException, HttpError {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new HttpError(400, "\"inputs\" must be an array of tensors.");
        }
        List<RequestTensor> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add(tensor(p, out.size()));
        }
        return out;
    }

    private static List<String> outputNames(JsonParser p) throws IOException, HttpError {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new HttpError(400, "\"outputs\" must be an array of {\"name\": …} objects.");
        }
        List<String> names = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw new HttpError(400, "\"outputs\" must be an array of {\"name\": …} objects.");
            }
            String name = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("name")) {
                    name = p.getValueAsString();
                } else {
                    p.skipChildren();
                }
            }
            if (name == null) {
                throw new HttpError(400, "outputs[" + names.size() + "] has no \"name\".");
            }
            names.add(name);
        }
        return names;
    }

    private static RequestTensor tensor(JsonParser p, int index) throws IOException, HttpError {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new HttpError(400, "inputs[" + index + "] must be an object with name, shape, datatype and data.");
        }
        String name = null;
        long[] shape = null;
        String datatypeText = null;
        TensorValues values = null;
        TokenBuffer early = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "name" -> name = p.getValueAsString();
                case "shape" -> shape = shape(p, name == null ? "inputs[" + index + "]" : name);
                case "datatype" -> datatypeText = p.getValueAsString();
                case "data" -> {
                    if (datatypeText == null) {
                        early = new TokenBuffer(p);
                        early.copyCurrentStructure(p);
                    } else {
                        values = data(p, label(name, index), datatype(datatypeText, label(name, index)));
                    }
                }
                default -> p.skipChildren();
            }
        }
        String label = label(name, index);
        if (name == null) {
            throw new HttpError(400, label + " has no \"name\".");
        }
        if (datatypeText == null) {
            throw new HttpError(400, "The input '" + name + "' has no \"datatype\".");
        }
        V2Datatype type = datatype(datatypeText, label);
        if (values == null && early != null) {
            try (JsonParser replay = early.asParser()) {
                replay.nextToken();
                values = data(replay, label, type);
            }
        }
        if (values == null) {
            throw new HttpError(400, "The input '" + name + "' has no \"data\".");
        }
        return new RequestTensor(name, shape, type, values);
    }

    private static String label(String name, int index) {
        return name == null ? "inputs[" + index + "]" : "The input '" + name + "'";
    }

    private static V2Datatype datatype(String text, String label) throws HttpError {
        return V2Datatype.parse(text).orElseThrow(() -> new HttpError(400, label + " has the unknown datatype '"
                + text + "'; use one of " + Arrays.toString(V2Datatype.values()) + "."));
    }

    private static long[] shape(JsonParser p, String label) throws IOException, HttpError {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new HttpError(400, label + ": \"shape\" must be an array of sizes.");
        }
        long[] dims = new long[8];
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getLongValue() < 0) {
                throw new HttpError(400, label + ": \"shape\" must hold sizes of 0 or more, not " + p.getText() + ".");
            }
            if (n == dims.length) {
                dims = Arrays.copyOf(dims, n * 2);
            }
            dims[n++] = p.getLongValue();
        }
        return Arrays.copyOf(dims, n);
    }

    private static TensorValues data(JsonParser p, String label, V2Datatype type) throws IOException, HttpError {
        TensorValues values = new TensorValues(type);
        if (p.currentToken() == JsonToken.START_ARRAY) {
            int depth = 0;
            JsonToken t = p.currentToken();
            while (true) {
                if (t == JsonToken.START_ARRAY) {
                    depth++;
                } else if (t == JsonToken.END_ARRAY) {
                    if (--depth == 0) {
                        break;
                    }
                } else {
                    value(p, t, label, values);
                }
                t = p.nextToken();
            }
        } else {
            value(p, p.currentToken(), label, values); // a scalar as the whole data
        }
        return values;
    }

    private static void value(JsonParser p, JsonToken t, String label, TensorValues values)
            throws IOException, HttpError {
        V2Datatype type = values.type();
        switch (type) {
            case BOOL -> {
                if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
                    values.addBoolean(t == JsonToken.VALUE_TRUE);
                } else if (t == JsonToken.VALUE_NUMBER_INT && (p.getLongValue() == 0 || p.getLongValue() == 1)) {
                    values.addBoolean(p.getLongValue() == 1);
                } else {
                    throw wrongValue(p, label, type, "true or false");
                }
            }
            case BYTES -> {
                if (t != JsonToken.VALUE_STRING) {
                    throw wrongValue(p, label, type, "strings");
                }
                values.addString(p.getText());
            }
            case FP16, FP32, FP64, BF16 -> {
                if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                    values.addDouble(p.getDoubleValue());
                } else if (t == JsonToken.VALUE_STRING && isNonFinite(p.getText())) {
                    values.addDouble(Double.parseDouble(p.getText().replace("inf", "Infinity")));
                } else {
                    throw wrongValue(p, label, type, "numbers");
                }
            }
            default -> {
                if (t != JsonToken.VALUE_NUMBER_INT) {
                    throw wrongValue(p, label, type, "whole numbers");
                }
                long v = integer(p, label, type);
                values.addLong(v);
            }
        }
    }

    private static long integer(JsonParser p, String label, V2Datatype type) throws IOException, HttpError {
        if (type == V2Datatype.UINT64) {
            java.math.BigInteger big = p.getBigIntegerValue();
            if (big.signum() < 0 || big.bitLength() > 64) {
                throw new HttpError(400, label + " (UINT64) holds " + big + ", outside 0…2^64−1.");
            }
            return big.longValue();
        }
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new HttpError(400, label + " (" + type + ") holds " + p.getText() + ", which is out of range.");
        }
        long v = p.getLongValue();
        long min = switch (type) {
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            case INT64 -> Long.MIN_VALUE;
            default -> 0;
        };
        long max = switch (type) {
            case INT8 -> Byte.MAX_VALUE;
            case INT16 -> Short.MAX_VALUE;
            case INT32 -> Integer.MAX_VALUE;
            case UINT8 -> 255;
            case UINT16 -> 65_535;
            case UINT32 -> 4_294_967_295L;
            default -> Long.MAX_VALUE;
        };
        if (v < min || v > max) {
            throw new HttpError(400, label + " (" + type + ") holds " + v + ", outside " + min + "…" + max + ".");
        }
        return v;
    }

    private static boolean isNonFinite(String s) {
        return switch (s) {
            case "NaN", "Infinity", "-Infinity", "inf", "-inf" -> true;
            default -> false;
        };
    }

    private static HttpError wrongValue(JsonParser p, String label, V2Datatype type, String expected)
            throws IOException {
        String got = p.currentToken() == JsonToken.VALUE_STRING ? "\"" + p.getText() + "\"" : p.getText();
        return new HttpError(400, label + " is " + type + ", so its data must be " + expected + ", not " + got + ".");
    }
}
