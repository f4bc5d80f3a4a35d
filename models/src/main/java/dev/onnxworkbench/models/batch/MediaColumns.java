package dev.onnxworkbench.models.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onnxworkbench.models.runtime.inputs.AudioSettings;
import dev.onnxworkbench.models.runtime.inputs.ImageSettings;
import dev.onnxworkbench.models.runtime.inputs.InputSpec;
import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import dev.onnxworkbench.models.runtime.inputs.MediaSettingsJson;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a column of picture or recording paths becomes an input's rows: the folder relative paths resolve against
 * (the source file's), and per input the picture or recording settings (those of {@code --input x=photo.png};
 * an input without them takes the defaults). Saved in a job as {@code "media": {"x": {"kind": "image", …}}}.
 */
public record MediaColumns(Path base, Map<String, ImageSettings> images, Map<String, AudioSettings> audio) {

    /** Defaults for every input, paths relative to the working folder. */
    public static final MediaColumns DEFAULTS = new MediaColumns(null, Map.of(), Map.of());

    public MediaColumns {
        images = Map.copyOf(images);
        audio = Map.copyOf(audio);
    }

    public MediaColumns withBase(Path folder) {
        return new MediaColumns(folder, images, audio);
    }

    /** The file a cell names: relative to {@link #base()} unless absolute. */
    Path resolve(String cell) {
        Path p = Path.of(cell.strip());
        return p.isAbsolute() || base == null ? p : base.resolve(p).normalize();
    }

    /** The settings as a job saves them, input → {"kind": "image"|"audio", settings…}. */
    public Map<String, JsonNode> toJson() {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        images.forEach((input, s) -> out.put(input,
                MediaSettingsJson.write(JsonNodeFactory.instance.objectNode().put("kind", "image"), s)));
        audio.forEach((input, s) -> out.put(input,
                MediaSettingsJson.write(JsonNodeFactory.instance.objectNode().put("kind", "audio"), s)));
        return out;
    }

    /** Reads what {@link #toJson()} wrote, against the model's inputs; throws naming the job and the input. */
    public static MediaColumns of(Map<String, JsonNode> saved, List<InputSpec> specs, Path base, String job)
            throws InvalidInputException {
        Map<String, ImageSettings> images = new LinkedHashMap<>();
        Map<String, AudioSettings> audio = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : saved.entrySet()) {
            String where = job + " (media of " + e.getKey() + ")";
            InputSpec spec = specs.stream().filter(s -> s.name().equals(e.getKey())).findFirst()
                    .orElseThrow(() -> new InvalidInputException(where + ": the model has no input '" + e.getKey()
                            + "'."));
            switch (e.getValue().path("kind").asText()) {
                case "image" -> images.put(spec.name(), MediaSettingsJson.image(e.getValue(), spec, where));
                case "audio" -> audio.put(spec.name(), MediaSettingsJson.audio(e.getValue(), where));
                default -> throw new InvalidInputException(where + ": \"kind\" must be image or audio.");
            }
        }
        return new MediaColumns(base, images, audio);
    }

    static ObjectNode copy(JsonNode n) {
        return n instanceof ObjectNode o ? o.deepCopy() : JsonNodeFactory.instance.objectNode();
    }
}
