package dev.onnxworkbench.models.ops;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the catalog data file written by {@code tools/catalog/generate.py}. Uses Jackson's streaming parser
 * rather than data binding: the file is read at every start, and streaming avoids the reflection warm-up.
 */
final class CatalogJsonReader {

    private static final int SUPPORTED_FORMAT = 1;

    /** One list of versions per operator. */
    List<List<OperatorSchema>> read(InputStream in) throws IOException {
        try (JsonParser parser = new JsonFactory().createParser(in)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT, parser);
            List<List<OperatorSchema>> operators = null;
            int format = -1;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "format" -> format = parser.getIntValue();
                    case "operators" -> operators = readOperators(parser);
                    default -> parser.skipChildren();
                }
            }
            if (format != SUPPORTED_FORMAT || operators == null) {
                throw new IOException("operator catalog has format " + format + " (expected " + SUPPORTED_FORMAT
                        + ") or no operators");
            }
            return operators;
        }
    }

    private List<List<OperatorSchema>> readOperators(JsonParser parser) throws IOException {
        expect(parser.currentToken(), JsonToken.START_ARRAY, parser);
        List<List<OperatorSchema>> operators = new ArrayList<>(512);
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            operators.add(readOperator(parser));
        }
        return operators;
    }

    private List<OperatorSchema> readOperator(JsonParser parser) throws IOException {
        String domain = null;
        String name = null;
        OperatorCategory category = null;
        String description = null;
        List<OperatorSchema> versions = new ArrayList<>(4);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "domain" -> domain = parser.getText();
                case "name" -> name = parser.getText();
                case "category" -> category = OperatorCategory.fromId(parser.getText());
                case "description" -> description = parser.getText();
                case "versions" -> {
                    // The header fields come first in the file, so versions can be built as they stream by.
                    require(domain != null && name != null && category != null && description != null,
                            "operator header before its versions", parser);
                    expect(parser.currentToken(), JsonToken.START_ARRAY, parser);
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        versions.add(readVersion(parser, domain, name, category, description));
                    }
                }
                default -> parser.skipChildren();
            }
        }
        require(!versions.isEmpty(), "at least one version for " + domain + "/" + name, parser);
        return versions;
    }

    private OperatorSchema readVersion(JsonParser parser, String domain, String name, OperatorCategory category,
                                       String description) throws IOException {
        int since = -1;
        boolean deprecated = false;
        String url = null;
        List<FormalParameter> inputs = List.of();
        List<FormalParameter> outputs = List.of();
        List<AttributeSchema> attributes = List.of();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "since" -> since = parser.getIntValue();
                case "deprecated" -> deprecated = parser.getBooleanValue();
                case "url" -> url = parser.getText();
                case "inputs" -> inputs = readParameters(parser);
                case "outputs" -> outputs = readParameters(parser);
                case "attributes" -> attributes = readAttributes(parser);
                default -> parser.skipChildren();
            }
        }
        require(since >= 1 && url != null, "since and url of " + domain + "/" + name, parser);
        return new OperatorSchema(domain, name, since, category, description, url, inputs, outputs, attributes,
                deprecated);
    }

    private List<FormalParameter> readParameters(JsonParser parser) throws IOException {
        expect(parser.currentToken(), JsonToken.START_ARRAY, parser);
        List<FormalParameter> parameters = new ArrayList<>(4);
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            String name = null;
            String type = null;
            FormalParameter.Option option = FormalParameter.Option.SINGLE;
            String description = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "name" -> name = parser.getText();
                    case "type" -> type = parser.getText();
                    case "option" -> option = FormalParameter.Option.valueOf(parser.getText());
                    case "description" -> description = parser.getText();
                    default -> parser.skipChildren();
                }
            }
            require(name != null && type != null, "name and type of every parameter", parser);
            parameters.add(new FormalParameter(name, type, option, description));
        }
        return parameters;
    }

    private List<AttributeSchema> readAttributes(JsonParser parser) throws IOException {
        expect(parser.currentToken(), JsonToken.START_ARRAY, parser);
        List<AttributeSchema> attributes = new ArrayList<>(4);
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            String name = null;
            String type = null;
            boolean required = false;
            String defaultValue = null;
            String description = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "name" -> name = parser.getText();
                    case "type" -> type = parser.getText();
                    case "required" -> required = parser.getBooleanValue();
                    case "default" -> defaultValue = parser.getText();
                    case "description" -> description = parser.getText();
                    default -> parser.skipChildren();
                }
            }
            require(name != null && type != null, "name and type of every attribute", parser);
            attributes.add(new AttributeSchema(name, type, required, defaultValue, description));
        }
        return attributes;
    }

    private static void expect(JsonToken actual, JsonToken expected, JsonParser parser) throws IOException {
        require(actual == expected, expected + " (found " + actual + ")", parser);
    }

    private static void require(boolean condition, String what, JsonParser parser) throws IOException {
        if (!condition) {
            throw new IOException("operator catalog is malformed: expected " + what + " near "
                    + parser.currentLocation().offsetDescription());
        }
    }
}
