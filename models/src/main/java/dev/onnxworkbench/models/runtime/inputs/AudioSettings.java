package dev.onnxworkbench.models.runtime.inputs;

import java.util.Locale;

/**
 * How a recording becomes a 1-D signal: the sample rate it is resampled to (null: the model's sample-rate
 * input if it has a value, else the file's own rate), which channel (null: all channels averaged), and the
 * part of the recording used ({@code offsetSeconds}, {@code lengthSeconds}; null length: to the end).
 */
public record AudioSettings(Integer sampleRate, Integer channel, double offsetSeconds, Double lengthSeconds) {

    public static final AudioSettings DEFAULT = new AudioSettings(null, null, 0, null);

    public AudioSettings {
        if (sampleRate != null && sampleRate < 1) {
            throw new IllegalArgumentException("a sample rate must be at least 1 Hz");
        }
        if (channel != null && channel < 0) {
            throw new IllegalArgumentException("channels are numbered from 0");
        }
        if (!(offsetSeconds >= 0) || (lengthSeconds != null && !(lengthSeconds > 0))) {
            throw new IllegalArgumentException("offset must be 0 or more and length more than 0 seconds");
        }
    }

    public AudioSettings withSampleRate(Integer rate) {
        return new AudioSettings(rate, channel, offsetSeconds, lengthSeconds);
    }

    /** "16000 Hz, mono mix, 0.000 s to the end". */
    public String describe() {
        return (sampleRate == null ? "file's rate" : sampleRate + " Hz") + ", "
                + (channel == null ? "mono mix" : "channel " + channel) + ", "
                + (lengthSeconds == null ? String.format(Locale.ROOT, "%.3f s to the end", offsetSeconds)
                : String.format(Locale.ROOT, "%.3f s for %.3f s", offsetSeconds, lengthSeconds));
    }
}
