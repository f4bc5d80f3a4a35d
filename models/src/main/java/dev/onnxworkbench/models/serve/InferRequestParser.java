package dev.onnxworkbench.models.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import dev.onnxworkbench.models.runtime.inputs.ValueParser;
import dev.onnxworkbench.models.runtime.inputs.ValueRules;
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

    static InferRequest parse(InputStream body, ValueRules rules) throws HttpError, IOException {
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
                    case "inputs" -> inputs = tensors(p, rules);
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

    private static List<RequestTensor> tensors(JsonParser p, ValueRules rules) throws IOException, HttpError {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new HttpError(400, "\"inputs\" must be an array of tensors.");
        }
        List<RequestTensor> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add(tensor(p, out.size(), rules));
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

    private static RequestTensor tensor(JsonParser p, int index, ValueRules rules) throws IOException, HttpError {
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
                        values = data(p, label(name, index), input(name, index),
                                datatype(datatypeText, label(name, index)), rules);
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
                values = data(replay, label, name, type, rules);
            }
        }
        if (values == null) {
            throw new HttpError(400, "The input '" + name + "' has no \"data\".");
        }
        return new RequestTensor(name, shape, type, values);
    }

    /** The input as value messages name it: its name, as every door does. */
    private static String input(String name, int index) {
        return name == null ? "inputs[" + index + "]" : name;
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

    /**
     * Reads a tensor's data. Each value goes through the one parser and validator ({@link ValueParser}) as the
     * text the client wrote ("1e999", "NaN", 300), so the request gets the refusal the form and the command
     * line give; the first bad value is reported once the count is known, to name it as they do ("(value 3)").
     */
    private static TensorValues data(JsonParser p, String label, String input, V2Datatype type, ValueRules rules)
            throws IOException, HttpError {
        TensorValues values = new TensorValues(type);
        Refused refused = new Refused();
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
                    value(p, t, label, input, values, rules, refused);
                }
                t = p.nextToken();
            }
        } else {
            value(p, p.currentToken(), label, input, values, rules, refused); // a scalar as the whole data
        }
        if (refused.token != null) {
            try {
                parseValue(input, type, refused.token, rules, ValueParser.where(refused.index, refused.count));
            } catch (InvalidInputException e) {
                throw new HttpError(400, e.getMessage());
            }
        }
        return values;
    }

    /** The first value the validator refused, and how many values the tensor has. */
    private static final class Refused {
        String token;
        int index;
        int count;
    }

    private static void value(JsonParser p, JsonToken t, String label, String input, TensorValues values,
                              ValueRules rules, Refused refused) throws IOException, HttpError {
        V2Datatype type = values.type();
        if (refused.token != null) {
            refused.count++;
            return;
        }
        if (type == V2Datatype.BYTES) {
            if (t != JsonToken.VALUE_STRING) {
                throw wrongValue(p, label, type, "strings");
            }
            values.addString(p.getText());
            return;
        }
        String token;
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            if (type != V2Datatype.BOOL) {
                throw wrongValue(p, label, type, type.isFloatingPoint() ? "numbers" : "whole numbers");
            }
            token = t == JsonToken.VALUE_TRUE ? "true" : "false";
        } else if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT
                || t == JsonToken.VALUE_STRING) {
            token = p.getText();
        } else {
            throw wrongValue(p, label, type, type == V2Datatype.BOOL ? "true or false"
                    : type.isFloatingPoint() ? "numbers" : "whole numbers");
        }
        try {
            switch (type) {
                case BOOL -> values.addBoolean(ValueParser.bool(input, token, ""));
                case FP16, FP32, FP64, BF16 -> values.addDouble(ValueParser.floating(input, type.elementType(), token,
                        rules, ""));
                default -> values.addLong(ValueParser.integer(input, type.elementType(), token, ""));
            }
        } catch (InvalidInputException e) {
            refused.token = token;
            refused.index = values.size();
            refused.count = values.size() + 1;
        }
    }

    /** The refused value again, now that the count is known, for the message every door gives. */
    private static void parseValue(String input, V2Datatype type, String token, ValueRules rules, String where)
            throws InvalidInputException {
        switch (type) {
            case BOOL -> ValueParser.bool(input, token, where);
            case FP16, FP32, FP64, BF16 -> ValueParser.floating(input, type.elementType(), token, rules, where);
            default -> ValueParser.integer(input, type.elementType(), token, where);
        }
    }

    private static HttpError wrongValue(JsonParser p, String label, V2Datatype type, String expected)
            throws IOException {
        String got = p.currentToken() == JsonToken.VALUE_STRING ? "\"" + p.getText() + "\"" : p.getText();
        return new HttpError(400, label + " is " + type + ", so its data must be " + expected + ", not " + got + ".");
    }
}
