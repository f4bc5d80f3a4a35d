package dev.onnxworkbench.models.runtime.inputs;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.Dimension;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a recording into a signal input's tensor with {@link AudioSettings}: one channel or the average of all,
 * resampled (windowed-sinc, band-limited), the chosen part; then met to the input's length. The one
 * implementation behind the window's audio editor, {@code --input input=speech.wav}, saved input sets, batch
 * rows and streaming runs. Nothing is cut silently: when the input is shorter than the signal the description
 * says which part runs and {@link Prepared#cut()} says how to run all of it.
 */
public final class AudioPreprocessor {
    /** Zero crossings of the sinc on each side: a 32-tap filter at equal bandwidth. */
    private static final int ZERO_CROSSINGS = 16;

    private AudioPreprocessor() {}

    /** A mono signal at its final rate: the part of the recording the settings chose. */
    public record Signal(float[] samples, int sampleRate, String description) {
        public double seconds() {
            return samples.length / (double) sampleRate;
        }
    }

    /**
     * The tensor, the settings with the rate it ran at, a sentence that says how it was made, and (when only
     * part of the signal fits the input) a sentence saying what was cut and how to run it all; null otherwise.
     */
    public record Prepared(HostTensor tensor, AudioSettings settings, String description, String cut) {}

    /**
     * The signal the settings describe.
     *
     * @param modelRate the value of the model's sample-rate input when it has one, used when the settings name no
     *                  rate; null otherwise
     */
    public static Signal signal(Recording r, String name, AudioSettings s, Integer modelRate)
            throws InvalidInputException {
        int channels = r.channels().length;
        if (s.channel() != null && s.channel() >= channels) {
            throw new InvalidInputException(name + " has " + channels + " channel" + (channels == 1 ? "" : "s")
                    + " (0–" + (channels - 1) + "), not channel " + s.channel() + ".");
        }
        float[] mono;
        if (s.channel() != null) {
            mono = r.channels()[s.channel()];
        } else if (channels == 1) {
            mono = r.channels()[0];
        } else {
            mono = new float[r.frames()];
            for (int i = 0; i < mono.length; i++) {
                float sum = 0;
                for (float[] c : r.channels()) {
                    sum += c[i];
                }
                mono[i] = sum / channels;
            }
        }
        int rate = s.sampleRate() != null ? s.sampleRate() : modelRate != null ? modelRate : r.sampleRate();
        int from = (int) Math.round(s.offsetSeconds() * r.sampleRate());
        if (from >= r.frames() && r.frames() > 0) {
            throw new InvalidInputException(String.format(Locale.ROOT, "%s is %.3f s long; an offset of %.3f s "
                    + "leaves nothing.", name, r.seconds(), s.offsetSeconds()));
        }
        int to = s.lengthSeconds() == null ? r.frames()
                : (int) Math.min(r.frames(), from + Math.round(s.lengthSeconds() * r.sampleRate()));
        float[] part = java.util.Arrays.copyOfRange(mono, Math.min(from, mono.length), Math.max(Math.min(from, mono.length), to));
        float[] resampled = resample(part, r.sampleRate(), rate);
        String what = String.format(Locale.ROOT, "from %s (%.3f s, %d Hz, %s)", name, r.seconds(), r.sampleRate(),
                channels == 1 ? "mono" : channels + " channels");
        String how = (rate == r.sampleRate() ? "" : ", resampled to " + rate + " Hz")
                + (channels == 1 ? "" : s.channel() == null ? ", channels averaged" : ", channel " + s.channel());
        String range = from == 0 && to == r.frames() ? "" : String.format(Locale.ROOT, ", %.3f–%.3f s",
                from / (double) r.sampleRate(), to / (double) r.sampleRate());
        return new Signal(resampled, rate, what + how + range);
    }

    /**
     * The signal as the input's tensor. A free length takes a size already chosen for it, else the whole signal;
     * a fixed or chosen length shorter than the signal keeps its beginning (and says so), a longer one is padded
     * with silence (and says so). Every row of a batch holds the same signal.
     */
    public static Prepared prepare(Signal signal, InputSpec spec, AudioSettings settings, Map<String, Long> sizes)
            throws InvalidInputException {
        return prepare(signal, spec, settings, sizes, false);
    }

    /**
     * The whole signal in the input's layout, its last axis as long as the signal whatever the model declares:
     * what a streaming run cuts its windows from.
     */
    public static HostTensor whole(Signal signal, InputSpec spec, Map<String, Long> sizes) throws InvalidInputException {
        return prepare(signal, spec, AudioSettings.DEFAULT, sizes, true).tensor();
    }

    private static Prepared prepare(Signal signal, InputSpec spec, AudioSettings settings, Map<String, Long> sizes,
                                    boolean whole) throws InvalidInputException {
        long[] shape = spec.shape().rankKnown() ? new long[spec.shape().rank()] : new long[] {1, -1};
        if (shape.length == 0) {
            throw new InvalidInputException("The input '" + spec.name() + "' is a scalar; a recording needs a signal "
                    + "axis.");
        }
        int last = shape.length - 1;
        for (int axis = 0; axis < shape.length; axis++) {
            Dimension d = spec.shape().rankKnown() ? spec.shape().dims().get(axis) : null;
            if (whole && axis == last) {
                shape[axis] = signal.samples().length;
            } else if (d instanceof Dimension.Fixed f) {
                shape[axis] = f.value();
            } else {
                Long chosen = d == null ? null : sizes.get(spec.sizeParameter(axis));
                shape[axis] = chosen != null && chosen > 0 ? chosen : axis == last ? signal.samples().length : 1;
            }
        }
        ElementType type = spec.elementType() == ElementType.UNDEFINED ? ElementType.FLOAT : spec.elementType();
        if (!type.isFloatingPoint()) {
            throw new InvalidInputException("The input '" + spec.name() + "' takes " + type.displayName()
                    + " values; a recording gives floating-point samples.");
        }
        InputSetBuilder.checkSize(spec.name(), type, shape);
        int length = (int) shape[last];
        long rows = 1;
        for (int axis = 0; axis < last; axis++) {
            rows *= shape[axis];
        }
        double[] values = new double[(int) (rows * length)];
        float[] samples = signal.samples();
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < Math.min(length, samples.length); i++) {
                values[r * length + i] = samples[i];
            }
        }
        HostTensor tensor;
        try {
            tensor = HostTensor.ofDoubles(type, shape, values);
        } catch (WorkbenchException e) {
            throw new InvalidInputException(e.getMessage());
        }
        int rate = signal.sampleRate();
        String description = signal.description();
        String cut = null;
        if (length < samples.length) {
            description += String.format(Locale.ROOT, ", cut to its first %d samples (%.3f of %.3f s)", length,
                    length / (double) rate, signal.seconds());
            cut = String.format(Locale.ROOT, "%s takes %d samples but the signal has %d (%.3f s at %d Hz): only the "
                            + "first %.3f s runs. Run all of it window by window with --window %s=%d[:HOP], or choose "
                            + "the part with --audio-offset/--audio-length.", spec.name(), length, samples.length,
                    signal.seconds(), rate, length / (double) rate, spec.name(), length);
        } else if (length > samples.length) {
            description += String.format(Locale.ROOT, ", padded with %.3f s of silence to %d samples",
                    (length - samples.length) / (double) rate, length);
        }
        return new Prepared(tensor, settings.withSampleRate(rate), description, cut);
    }

    /**
     * Band-limited resampling: a Hann-windowed sinc with {@value #ZERO_CROSSINGS} zero crossings each side, its
     * cut-off at the lower of the two Nyquist frequencies (no aliasing when going down).
     */
    public static float[] resample(float[] x, int from, int to) {
        if (from == to || x.length == 0) {
            return x.clone();
        }
        double ratio = (double) to / from;
        int n = (int) Math.max(1, Math.round(x.length * ratio));
        double cutoff = Math.min(1.0, ratio);
        int half = (int) Math.ceil(ZERO_CROSSINGS / cutoff);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            double t = i / ratio;
            int center = (int) Math.floor(t);
            double sum = 0;
            for (int k = center - half + 1; k <= center + half; k++) {
                if (k < 0 || k >= x.length) {
                    continue;
                }
                double d = t - k;
                double window = Math.abs(d) >= half ? 0 : 0.5 * (1 + Math.cos(Math.PI * d / half));
                sum += x[k] * cutoff * sinc(cutoff * d) * window;
            }
            out[i] = (float) sum;
        }
        return out;
    }

    private static double sinc(double x) {
        return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    }
}
