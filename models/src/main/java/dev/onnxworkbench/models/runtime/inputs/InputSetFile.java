package dev.onnxworkbench.models.runtime.inputs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * An {@link InputSet} saved as JSON and replayed: File ▸ Save Input Set… / Load Input Set… in the window,
 * {@code --inputs set.json} on the command line. Each input keeps where its values come from and how they were
 * made — a picture with its image settings, a recording with its audio settings, a tensor file, a test-data
 * set, typed text, a random seed, or (for values built in an editor) the values themselves — and the sizes of
 * the free dimensions, so replaying gives the same tensors. Relative paths are relative to the JSON file.
 * The format is in the README ("Input sets").
 */
public final class InputSetFile {
    public static final String FORMAT = "onnx-workbench input set";
    /** Values built in an editor are stored inline up to this many elements; larger ones belong in a .npy. */
    static final long INLINE_LIMIT = 1_000_000;

    private InputSetFile() {}

    /** What a file holds: sizes of free dimensions and a source per input (files already read). */
    public record Saved(Map<String, Long> sizes, Map<String, InputSource> sources) {}

    // ---- writing ----

    public static void write(Path file, InputSet set, Path model) throws WorkbenchException {
        ObjectNode root = toJson(set, file.toAbsolutePath().getParent(), model);
        try {
            Files.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(root) + System.lineSeparator());
        } catch (IOException e) {
            throw new WorkbenchException("Cannot write " + file.getFileName() + ": " + e.getMessage());
        }
    }

    static ObjectNode toJson(InputSet set, Path base, Path model) throws InvalidInputException {
        ObjectNode root = InputSetJson.object();
        root.put("format", FORMAT);
        root.put("version", 1);
        if (model != null) {
            root.put("model", model.getFileName().toString());
        }
        ObjectNode sizes = root.putObject("sizes");
        set.sizes().forEach(sizes::put);
        ArrayNode inputs = root.putArray("inputs");
        for (InputSpec spec : set.specs()) {
            ObjectNode o = inputs.addObject();
            o.put("name", spec.name());
            o.put("type", spec.elementType().displayName());
            ArrayNode shape = o.putArray("shape");
            for (long d : set.shape(spec.name())) {
                shape.add(d);
            }
            source(o.putObject("source"), spec, set.source(spec.name()), base);
        }
        return root;
    }

    private static void source(ObjectNode o, InputSpec spec, InputSource source, Path base)
            throws InvalidInputException {
        switch (source) {
            case InputSource.Random r -> o.put("kind", "random").put("seed", r.seed());
            case InputSource.Typed t -> o.put("kind", "typed").put("text", t.text());
            case InputSource.Values v when v.recipe() != null -> recipe(o, v.recipe(), base);
            case InputSource.Values v -> inline(o, spec, v);
        }
    }

    static void recipe(ObjectNode o, InputRecipe recipe, Path base) {
        String path = relative(recipe.path(), base);
        switch (recipe) {
            case InputRecipe.ImageFile i -> MediaSettingsJson.write(o.put("kind", "image").put("path", path),
                    i.settings());
            case InputRecipe.AudioFile a -> MediaSettingsJson.write(o.put("kind", "audio").put("path", path),
                    a.settings());
            case InputRecipe.DataFile d -> o.put("kind", "file").put("path", path);
            case InputRecipe.TestData t -> o.put("kind", "testData").put("path", path);
        }
    }

    private static void inline(ObjectNode o, InputSpec spec, InputSource.Values v) throws InvalidInputException {
        HostTensor t = v.tensor();
        if (t.elementCount() > INLINE_LIMIT) {
            throw new InvalidInputException("The values of " + spec.name() + " (" + v.description() + ", "
                    + t.elementCount() + " elements) are too many to keep in an input set; save them as a .npy file "
                    + "and load that file into the input first.");
        }
        o.put("kind", "values");
        o.put("description", v.description());
        if (t.isString()) {
            ArrayNode data = o.putArray("strings");
            for (String s : t.strings()) {
                data.add(s);
            }
        } else {
            StringJoiner text = new StringJoiner(" ");
            for (long i = 0; i < t.elementCount(); i++) {
                text.add(t.format(i));
            }
            o.put("text", text.toString());
        }
    }

    private static String relative(Path path, Path base) {
        Path abs = path.toAbsolutePath().normalize();
        if (base != null && abs.startsWith(base.toAbsolutePath().normalize())) {
            return base.toAbsolutePath().normalize().relativize(abs).toString();
        }
        return abs.toString();
    }

    // ---- reading ----

    /**
     * Reads a saved set for {@code model} and makes every source again (pictures and recordings preprocessed with
     * their saved settings, files read).
     */
    public static Saved read(Path file, Model model) throws WorkbenchException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read the input set " + file.getFileName() + ": " + e.getMessage());
        }
        if (root == null || !FORMAT.equals(root.path("format").asText()) || !root.path("inputs").isArray()) {
            throw new InvalidInputException(file.getFileName() + " is not an input set (it needs \"format\": \""
                    + FORMAT + "\" and an \"inputs\" array).");
        }
        Path base = file.toAbsolutePath().getParent();
        List<InputSpec> specs = InputSpecs.derive(model);
        Map<String, InputSpec> byName = new LinkedHashMap<>();
        specs.forEach(s -> byName.put(s.name(), s));
        Map<String, Long> sizes = new LinkedHashMap<>();
        root.path("sizes").properties().forEach(e -> sizes.put(e.getKey(), e.getValue().asLong()));
        Map<String, InputSource> sources = new LinkedHashMap<>();
        for (JsonNode input : root.path("inputs")) {
            String name = input.path("name").asText();
            InputSpec spec = byName.get(name);
            if (spec == null) {
                throw new InvalidInputException(file.getFileName() + " gives values for '" + name + "', but the model "
                        + "has no such input; its inputs are " + String.join(", ", byName.keySet()) + ".");
            }
            sources.put(name, source(file, base, model, spec, input, sizes));
        }
        return new Saved(sizes, sources);
    }

    private static InputSource source(Path file, Path base, Model model, InputSpec spec, JsonNode input,
                                      Map<String, Long> sizes) throws WorkbenchException {
        JsonNode s = input.path("source");
        String kind = s.path("kind").asText();
        String where = file.getFileName() + " (input " + spec.name() + ")";
        Path path = s.hasNonNull("path") ? base.resolve(s.path("path").asText()) : null;
        if (List.of("image", "audio", "file", "testData").contains(kind) && path == null) {
            throw new InvalidInputException(where + ": a " + kind + " source needs a \"path\".");
        }
        return switch (kind) {
            case "random" -> new InputSource.Random(s.path("seed").asLong());
            case "typed" -> new InputSource.Typed(s.path("text").asText());
            case "image" -> MediaInputs.image(path, spec, imageSettings(s, spec, where), sizes,
                    ModelStride.of(model.graph(), spec.name()));
            case "audio" -> MediaInputs.source(path, MediaInputs.audio(path, spec, audioSettings(s, where), null, sizes));
            case "file" -> InputSource.file(path, InputFiles.read(path, spec));
            case "testData" -> {
                HostTensor t = TestDataInputs.load(path, model.graph()).inputs().get(spec.name());
                if (t == null) {
                    throw new InvalidInputException(where + ": " + path.getFileName() + " has no value for "
                            + spec.name() + ".");
                }
                yield InputSource.testData(path, t);
            }
            case "values" -> new InputSource.Values(inlineValues(spec, input, s),
                    s.path("description").asText("values saved in " + file.getFileName()));
            default -> throw new InvalidInputException(where + ": unknown source kind '" + kind + "'; use image, "
                    + "audio, file, testData, typed, random or values.");
        };
    }

    private static HostTensor inlineValues(InputSpec spec, JsonNode input, JsonNode s) throws WorkbenchException {
        long[] shape = new long[input.path("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = input.path("shape").get(i).asLong();
        }
        if (spec.elementType() == ElementType.STRING) {
            String[] values = new String[s.path("strings").size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = s.path("strings").get(i).asText();
            }
            return HostTensor.ofStrings(shape, values);
        }
        return ValueParser.parse(spec.name(), s.path("text").asText(), spec.elementType(), shape);
    }

    /** Image settings from a saved source or from defaults for what is left out. */
    static ImageSettings imageSettings(JsonNode s, InputSpec spec, String where) throws InvalidInputException {
        ImageSettings d = ImageSettings.defaults(spec);
        try {
            int[] size = s.hasNonNull("imageSize") ? ImageSettings.parseSize(s.path("imageSize").asText()) : null;
            ResizeMode resize = s.hasNonNull("resize") ? ResizeMode.parse(s.path("resize").asText())
                    .orElseThrow(() -> new IllegalArgumentException("resize must be stretch, letterbox or crop"))
                    : d.resize();
            ImageLayout layout = s.hasNonNull("layout")
                    ? ImageLayout.valueOf(s.path("layout").asText().toUpperCase(Locale.ROOT)) : d.layout();
            String channels = s.path("channels").asText("rgb").toLowerCase(Locale.ROOT);
            if (!channels.equals("rgb") && !channels.equals("bgr")) {
                throw new IllegalArgumentException("channels must be rgb or bgr");
            }
            PixelScaling scaling = d.scaling();
            if (s.hasNonNull("scaling")) {
                String key = s.path("scaling").asText();
                scaling = key.equalsIgnoreCase("custom") ? PixelScaling.custom(three(s.path("mean")), three(s.path("std")))
                        : PixelScaling.preset(key).orElseThrow(() -> new IllegalArgumentException(
                        "scaling must be 0-1, 0-255, imagenet, -1-1 or custom (with mean and std)"));
            }
            return new ImageSettings(size == null ? null : size[0], size == null ? null : size[1], resize, layout,
                    channels.equals("bgr"), scaling);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(where + ": " + e.getMessage() + ".");
        }
    }

    private static float[] three(JsonNode array) {
        if (!array.isArray() || array.size() != 3) {
            throw new IllegalArgumentException("custom scaling needs \"mean\" and \"std\" with 3 numbers each");
        }
        return new float[] {(float) array.get(0).asDouble(), (float) array.get(1).asDouble(), (float) array.get(2).asDouble()};
    }

    static AudioSettings audioSettings(JsonNode s, String where) throws InvalidInputException {
        try {
            JsonNode channel = s.path("channel");
            return new AudioSettings(s.hasNonNull("sampleRate") ? s.path("sampleRate").asInt() : null,
                    channel.isNumber() ? channel.asInt() : null, s.path("offsetSeconds").asDouble(0),
                    s.hasNonNull("lengthSeconds") ? s.path("lengthSeconds").asDouble() : null);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(where + ": " + e.getMessage() + ".");
        }
    }
}
