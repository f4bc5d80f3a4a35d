package dev.onnxworkbench.models.runtime.inputs;

import dev.onnxworkbench.models.tensor.HostTensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Pictures and recordings as input values, with their preprocessing kept as an {@link InputRecipe}: what the
 * command line's {@code --input x=photo.png}, a saved input set, the window's editors and a batch job's column
 * of paths all call, so they all make the same bytes from the same file and settings. Blocking I/O.
 */
public final class MediaInputs {

    public static final List<String> IMAGE_EXTENSIONS = List.of("png", "jpg", "jpeg", "bmp", "gif");
    public static final List<String> AUDIO_EXTENSIONS = List.of("wav");

    private MediaInputs() {}

    public static boolean isImage(Path file) {
        return hasExtension(file, IMAGE_EXTENSIONS);
    }

    public static boolean isAudio(Path file) {
        return hasExtension(file, AUDIO_EXTENSIONS);
    }

    private static boolean hasExtension(Path file, List<String> extensions) {
        return file.getFileName() != null && hasExtension(file.getFileName().toString(), extensions);
    }

    /**
     * Whether a text names a picture or a recording by its extension. Allocation-free: a batch job asks it of
     * every cell of a million rows, nearly all of them plain values.
     */
    public static boolean namesMedia(String text) {
        return hasExtension(text, IMAGE_EXTENSIONS) || hasExtension(text, AUDIO_EXTENSIONS);
    }

    private static boolean hasExtension(String name, List<String> extensions) {
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return false;
        }
        int length = name.length() - dot - 1;
        for (int i = 0; i < extensions.size(); i++) {
            String e = extensions.get(i);
            if (e.length() == length && name.regionMatches(true, dot + 1, e, 0, length)) {
                return true;
            }
        }
        return false;
    }

    /** A picture as the input's values ({@link ImagePreprocessor}), described and with its recipe. */
    public static InputSource.Values image(Path file, InputSpec spec, ImageSettings settings, Map<String, Long> sizes,
                                           ModelStride stride) throws InvalidInputException {
        ImagePreprocessor.Prepared p = ImagePreprocessor.prepare(Picture.read(file), file.getFileName().toString(),
                spec, settings, sizes, stride);
        return new InputSource.Values(p.tensor(), p.description(), new InputRecipe.ImageFile(file, p.settings()));
    }

    /** A recording as the input's values ({@link AudioPreprocessor}); {@link AudioPreprocessor.Prepared#cut()} says what did not fit. */
    public static AudioPreprocessor.Prepared audio(Path file, InputSpec spec, AudioSettings settings, Integer modelRate,
                                                   Map<String, Long> sizes) throws InvalidInputException {
        AudioPreprocessor.Signal signal = AudioPreprocessor.signal(Recording.read(file), file.getFileName().toString(),
                settings, modelRate);
        return AudioPreprocessor.prepare(signal, spec, settings, sizes);
    }

    /** The source for a prepared recording. */
    public static InputSource.Values source(Path file, AudioPreprocessor.Prepared p) {
        return new InputSource.Values(p.tensor(), p.description(), new InputRecipe.AudioFile(file, p.settings()));
    }

    /**
     * One path with its settings into the input's tensor: a picture with {@code image}, a recording with
     * {@code audio} (what a batch row with a path in a column does). Settings that are null take the defaults.
     */
    public static HostTensor tensor(Path file, InputSpec spec, ImageSettings image, AudioSettings audio,
                                    Map<String, Long> sizes, ModelStride stride) throws InvalidInputException {
        if (isImage(file)) {
            return image(file, spec, image != null ? image : ImageSettings.defaults(spec), sizes, stride).tensor();
        }
        if (isAudio(file)) {
            return audio(file, spec, audio != null ? audio : AudioSettings.DEFAULT, null, sizes).tensor();
        }
        throw new InvalidInputException(file.getFileName() + " is neither a picture (" + String.join(", ",
                IMAGE_EXTENSIONS) + ") nor a recording (.wav).");
    }
}
