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

    /**
     * Where a {@code w}×{@code h} picture lands in the {@code width}×{@code height} input: its scaled size and the
     * offset of its top-left corner (negative where a crop cuts it). A point (x, y) of the picture is
     * (x·scaledWidth/w + dx, y·scaledHeight/h + dy) in the input: how labelled boxes follow the picture.
     */
    public record Placement(int scaledWidth, int scaledHeight, int dx, int dy) {
    }

    public Placement placement(int w, int h, int width, int height) {
        if (this == STRETCH) {
            return new Placement(width, height, 0, 0);
        }
        double sx = (double) width / w;
        double sy = (double) height / h;
        double s = this == LETTERBOX ? Math.min(sx, sy) : Math.max(sx, sy);
        int rw = Math.max(1, (int) Math.round(w * s));
        int rh = Math.max(1, (int) Math.round(h * s));
        if (this == LETTERBOX) {
            rw = Math.min(rw, width);
            rh = Math.min(rh, height);
        } else {
            rw = Math.max(rw, width);
            rh = Math.max(rh, height);
        }
        return new Placement(rw, rh, (width - rw) / 2, (height - rh) / 2);
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
