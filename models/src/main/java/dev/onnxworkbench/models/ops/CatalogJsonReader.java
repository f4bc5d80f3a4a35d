package dev.onnxworkbench.models.ops;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the two catalog files written by {@code tools/catalog/generate.py}: the index ({@code operators.json}:
 * per domain, {@code [name, category, [since-versions], offset, length]} for each operator) and one operator's
 * slice of the details file ({@code {"description": ..., "versions": [...]}}). Uses Jackson's streaming parser rather than data binding:
 * the index is read at every start, and streaming avoids the reflection warm-up.
 */
final class CatalogJsonReader {

    private static final int SUPPORTED_FORMAT = 2;
    private static final JsonFactory JSON = new JsonFactory();

    /** The parsed index: where the details are, and one entry per operator in file order. */
    record Index(String detailsResource, List<OperatorEntry> operators) {}

    Index readIndex(InputStream in) throws IOException {
        try (JsonParser parser = JSON.createParser(in)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT, parser);
            List<OperatorEntry> operators = new ArrayList<>(512);
            String detailsResource = null;
            int format = -1;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "format" -> format = parser.getIntValue();
                    case "details" -> detailsResource = parser.getText();
                    case "domains" -> readDomains(parser, operators);
                    default -> parser.skipChildren();
                }
            }
            if (format != SUPPORTED_FORMAT) {
                throw malformed("format " + SUPPORTED_FORMAT + " (found " + format + ")", parser);
            }
            require(!operators.isEmpty() && detailsResource != null, "domains and details", parser);
            return new Index(detailsResource, operators);
        }
    }

    private static void readDomains(JsonParser parser, List<OperatorEntry> operators) throws IOException {
        expect(parser.currentToken(), JsonToken.START_ARRAY, parser);
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            String domain = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "domain" -> domain = parser.getText();
                    case "operators" -> {
                        require(domain != null, "the domain name before its operators", parser);
                        readEntries(parser, domain, operators);
                    }
                    default -> parser.skipChildren();
                }
            }
        }
    }

    /** Entries are arrays {@code [name, category, [since...], offset, length]}: compact, so start-up is quick. */
    private static void readEntries(JsonParser parser, String domain, List<OperatorEntry> operators)
            throws IOException {
        expect(parser.currentToken(), JsonToken.START_ARRAY, parser);
        while (parser.nextToken() == JsonToken.START_ARRAY) {
            expect(parser.nextToken(), JsonToken.VALUE_STRING, parser);
            String name = parser.getText();
            expect(parser.nextToken(), JsonToken.VALUE_STRING, parser);
            OperatorCategory category = OperatorCategory.fromId(parser.getText());
            parser.nextToken();
            int[] since = readInts(parser);
            expect(parser.nextToken(), JsonToken.VALUE_NUMBER_INT, parser);
            int offset = parser.getIntValue();
            expect(parser.nextToken(), JsonToken.VALUE_NUMBER_INT, parser);
            int length = parser.getIntValue();
            expect(parser.nextToken(), JsonToken.END_ARRAY, parser);
            if (since.length == 0) {
                throw malformed("at least one version of " + domain + "/" + name, parser);
            }
            operators.add(new OperatorEntry(domain, name, category, since, offset, length));
        }
    }

    private static int[] readInts(JsonParser parser) throws IOException {
        expect(parser.currentToken(), JsonToken.START_ARRAY, parser);
        int[] values = new int[4];
        int count = 0;
        while (parser.nextToken() == JsonToken.VALUE_NUMBER_INT) {
            if (count == values.length) {
                values = Arrays.copyOf(values, count * 2);
            }
            values[count++] = parser.getIntValue();
        }
        return Arrays.copyOf(values, count);
    }

    /** The versions of one operator from its byte range of the details file. */
    List<OperatorSchema> readVersions(byte[] details, OperatorEntry entry) throws IOException {
        try (JsonParser parser = JSON.createParser(details, entry.offset, entry.length)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT, parser);
            String description = null;
            List<OperatorSchema> versions = new ArrayList<>(entry.sinceVersions.length);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "description" -> description = parser.getText();
                    case "versions" -> {
                        require(description != null, "the description before the versions", parser);
                        expect(parser.currentToken(), JsonToken.START_ARRAY, parser);
                        while (parser.nextToken() == JsonToken.START_OBJECT) {
                            versions.add(readVersion(parser, entry, description));
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            return List.copyOf(versions);
        }
    }

    private OperatorSchema readVersion(JsonParser parser, OperatorEntry entry, String description)
            throws IOException {
        int since = -1;
        boolean deprecated = false;
        String url = null;
        List<FormalParameter> inputs = List.of();
        List<FormalParameter> outputs = List.of();
        List<AttributeSchema> attributes = List.of();
        List<TypeConstraint> typeConstraints = List.of();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "since" -> since = parser.getIntValue();
                case "typeConstraints" -> typeConstraints = readTypeConstraints(parser);
                case "deprecated" -> deprecated = parser.getBooleanValue();
                case "url" -> url = parser.getText();
                case "inputs" -> inputs = readParameters(parser);
                case "outputs" -> outputs = readParameters(parser);
                case "attributes" -> attributes = readAttributes(parser);
                default -> parser.skipChildren();
            }
        }
        if (since < 1 || url == null) {
            throw malformed("since and url of " + entry.domain + "/" + entry.name, parser);
        }
        return new OperatorSchema(entry.domain, entry.name, since, entry.category, description, url,
                inputs, outputs, attributes, deprecated, typeConstraints);
    }

    private List<TypeConstraint> readTypeConstraints(JsonParser parser) throws IOException {
        expect(parser.currentToken(), JsonToken.START_ARRAY, parser);
        List<TypeConstraint> constraints = new ArrayList<>(2);
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            String name = null;
            List<String> types = new ArrayList<>(8);
            String description = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "name" -> name = parser.getText();
                    case "types" -> {
                        expect(parser.currentToken(), JsonToken.START_ARRAY, parser);
                        while (parser.nextToken() == JsonToken.VALUE_STRING) {
                            types.add(parser.getText());
                        }
                    }
                    case "description" -> description = parser.getText();
                    default -> parser.skipChildren();
                }
            }
            require(name != null && !types.isEmpty(), "name and types of every type constraint", parser);
            constraints.add(new TypeConstraint(name, types, description));
        }
        return constraints;
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

    // The message is built only on failure: string concatenation per token would slow start-up noticeably.
    private static void expect(JsonToken actual, JsonToken expected, JsonParser parser) throws IOException {
        if (actual != expected) {
            throw malformed(expected + " (found " + actual + ")", parser);
        }
    }

    private static void require(boolean condition, String what, JsonParser parser) throws IOException {
        if (!condition) {
            throw malformed(what, parser);
        }
    }

    private static IOException malformed(String what, JsonParser parser) {
        return new IOException("operator catalog is malformed: expected " + what + " near "
                + parser.currentLocation().offsetDescription());
    }
}
