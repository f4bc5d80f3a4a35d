package dev.onnxworkbench.app.predict;

import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/** Reads a WAV file into mono float samples in [−1, 1] (channels averaged) with its sample rate. */
final class WavDecoder {

    record Audio(float[] samples, int sampleRate) {}

    private WavDecoder() {}

    static Audio read(Path file) throws InvalidInputException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            AudioFormat source = in.getFormat();
            // Java Sound converts any PCM/μ-law WAV to 16-bit signed little-endian for us.
            AudioFormat pcm16 = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, source.getSampleRate(), 16,
                    source.getChannels(), source.getChannels() * 2, source.getSampleRate(), false);
            try (AudioInputStream converted = AudioSystem.getAudioInputStream(pcm16, in)) {
                ByteBuffer bytes = ByteBuffer.wrap(converted.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
                int channels = source.getChannels();
                int frames = bytes.remaining() / (2 * channels);
                float[] samples = new float[frames];
                for (int f = 0; f < frames; f++) {
                    float sum = 0;
                    for (int c = 0; c < channels; c++) {
                        sum += bytes.getShort() / 32768f;
                    }
                    samples[f] = sum / channels;
                }
                return new Audio(samples, Math.round(source.getSampleRate()));
            }
        } catch (UnsupportedAudioFileException | IllegalArgumentException e) {
            throw new InvalidInputException(file.getFileName() + " is not a WAV file Java can decode (PCM or μ-law).");
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read " + file.getFileName() + ": " + e.getMessage());
        }
    }
}
