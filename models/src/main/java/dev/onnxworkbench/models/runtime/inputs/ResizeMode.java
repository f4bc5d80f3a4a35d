package dev.onnxworkbench.models.runtime.inputs;

import java.util.Locale;
import java.util.Optional;

/** How a picture meets the model's width and height. */
public enum ResizeMode {
    /** Scale each side to the target, aspect ratio not kept (torchvision's Resize((h, w)), PaddleOCR). */
    STRETCH("stretch"),
    /** Scale to fit inside, keep the aspect ratio, pad the rest with gray 114 (YOLO's letterbox). */
    LETTERBOX("letterbox"),
    /** Scale the shorter side to fit, keep the aspect ratio, cut the longer side's middle (ImageNet eval). */
    CENTER_CROP("crop");

    private final String key;

    ResizeMode(String key) {
        this.key = key;
    }

    /** The command line's and the input-set file's word: stretch, letterbox, crop. */
    public String key() {
        return key;
    }

    public static Optional<ResizeMode> parse(String text) {
        String k = text.strip().toLowerCase(Locale.ROOT);
        for (ResizeMode m : values()) {
            if (m.key.equals(k) || m.name().equalsIgnoreCase(k)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return key;
    }
}
