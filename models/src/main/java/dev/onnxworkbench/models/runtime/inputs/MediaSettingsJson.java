package dev.onnxworkbench.models.runtime.inputs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * Picture and recording settings as JSON fields ({@code "imageSize", "resize", "layout", "channels", "scaling",
 * "mean", "std"}; {@code "sampleRate", "channel", "offsetSeconds", "lengthSeconds"}): one spelling for an input
 * set's recipe and a batch job's media settings, so a job replays with the bytes a saved input set gives.
 */
public final class MediaSettingsJson {
    private MediaSettingsJson() {}

    public static ObjectNode write(ObjectNode o, ImageSettings s) {
        if (s.width() != null) {
            o.put("imageSize", s.width() + "x" + s.height());
        }
        o.put("resize", s.resize().key());
        o.put("layout", s.layout().name().toLowerCase(Locale.ROOT));
        o.put("channels", s.bgr() ? "bgr" : "rgb");
        o.put("scaling", s.scaling().key());
        if (s.scaling().key().equals("custom")) {
            ArrayNode mean = o.putArray("mean");
            ArrayNode std = o.putArray("std");
            for (int c = 0; c < 3; c++) {
                mean.add(s.scaling().mean()[c]);
                std.add(s.scaling().std()[c]);
            }
        }
        return o;
    }

    public static ObjectNode write(ObjectNode o, AudioSettings s) {
        if (s.sampleRate() != null) {
            o.put("sampleRate", s.sampleRate());
        }
        if (s.channel() != null) {
            o.put("channel", s.channel());
        } else {
            o.put("channel", "mix");
        }
        o.put("offsetSeconds", s.offsetSeconds());
        if (s.lengthSeconds() != null) {
            o.put("lengthSeconds", s.lengthSeconds());
        }
        return o;
    }

    /** Image settings from {@code s}; what it leaves out takes the input's defaults. {@code where} names it in messages. */
    public static ImageSettings image(JsonNode s, InputSpec spec, String where) throws InvalidInputException {
        return InputSetFile.imageSettings(s, spec, where);
    }

    public static AudioSettings audio(JsonNode s, String where) throws InvalidInputException {
        return InputSetFile.audioSettings(s, where);
    }
}
