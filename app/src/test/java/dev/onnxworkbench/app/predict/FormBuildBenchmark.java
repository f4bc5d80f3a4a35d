package dev.onnxworkbench.app.predict;

import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.NativeLibraries;
import dev.onnxworkbench.models.runtime.ProviderOption;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.inputs.ImageEncoder;
import dev.onnxworkbench.models.runtime.inputs.ImageLayout;
import dev.onnxworkbench.models.runtime.inputs.PixelScaling;
import dev.onnxworkbench.models.runtime.inputs.ValueParser;
import dev.onnxworkbench.models.samples.SampleModels;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * What the prediction form adds before ONNX Runtime's run: turning the form's text into tensors (tabular
 * sample) and resizing + encoding a picture (image sample), next to the run itself on the same inputs.
 * Rounds of calls; each round's per-call median is one sample; prints the median of rounds and their range.
 *
 * <p>Not a unit test (surefire does not run it). After {@code ./mvnw -pl app -am test-compile} and
 * {@code ./mvnw -pl app dependency:build-classpath -Dmdep.outputFile=cp.txt}:
 * <pre>java -cp "$(cat app/cp.txt):models/target/classes:app/target/classes:app/target/test-classes"
 *      dev.onnxworkbench.app.predict.FormBuildBenchmark [rounds]</pre>
 */
public final class FormBuildBenchmark {
    private FormBuildBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 11;
        Path dir = Files.createTempDirectory("form-bench");
        SessionFactory factory = new SessionFactory(new NativeLibraries(Path.of("target", "ort-native")));
        ProviderSettings cpu = ProviderSettings.cpu().with(ProviderOption.INTRA_OP_THREADS, "1");
        System.out.printf(Locale.ROOT, "machine: %d cores, %s %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));

        Callable<Map<String, HostTensor>> tabularForm = () -> {
            Map<String, HostTensor> in = new LinkedHashMap<>();
            long[] shape = {1, 1};
            in.put("age", ValueParser.parse("age", "34", ElementType.FLOAT, shape));
            in.put("sex", ValueParser.parse("sex", "female", ElementType.STRING, shape));
            in.put("weight_kg", ValueParser.parse("weight_kg", "72.5", ElementType.FLOAT, shape));
            in.put("daily_kcal", ValueParser.parse("daily_kcal", "2600", ElementType.FLOAT, shape));
            in.put("activity_level", ValueParser.parse("activity_level", "light", ElementType.STRING, shape));
            in.put("sleep_quality", ValueParser.parse("sleep_quality", "poor", ElementType.STRING, shape));
            return in;
        };
        BufferedImage photo = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 480; y++) {
            for (int x = 0; x < 640; x++) {
                photo.setRGB(x, y, (x * 255 / 640) << 16 | (y * 255 / 480) << 8 | 90);
            }
        }
        ImageEncoder.Encoding encoding = new ImageEncoder.Encoding(ImageLayout.NCHW, false, 3, PixelScaling.ZERO_ONE,
                ElementType.FLOAT);
        Callable<Map<String, HostTensor>> imageForm = () -> {
            int[] argb = dev.onnxworkbench.models.runtime.inputs.ImagePreprocessor.resize(
                    dev.onnxworkbench.models.runtime.inputs.Picture.of(photo), 64, 64,
                    dev.onnxworkbench.models.runtime.inputs.ResizeMode.STRETCH).argb();
            return Map.of(SampleModels.COLOUR_INPUT, ImageEncoder.encode(argb, 64, 64, 1, encoding));
        };
        Callable<Map<String, HostTensor>> imagenetForm = () -> {
            int[] argb = dev.onnxworkbench.models.runtime.inputs.ImagePreprocessor.resize(
                    dev.onnxworkbench.models.runtime.inputs.Picture.of(photo), 224, 224,
                    dev.onnxworkbench.models.runtime.inputs.ResizeMode.STRETCH).argb();
            return Map.of("x", ImageEncoder.encode(argb, 224, 224, 1, new ImageEncoder.Encoding(ImageLayout.NCHW,
                    false, 3, PixelScaling.IMAGENET, ElementType.FLOAT)));
        };

        try (ModelSession tabular = factory.open(SampleModels.weightChange(dir), cpu);
             ModelSession colour = factory.open(SampleModels.dominantColour(dir), cpu)) {
            report("tabular sample", tabularForm, tabular, rounds, 2000);
            report("image sample (640×480 → 64×64)", imageForm, colour, rounds, 200);
            double[] big = rounds(imagenetForm, rounds, 50);
            System.out.printf(Locale.ROOT, "%-34s form %s%n", "640×480 → 224×224 ImageNet", describe(big));
        }
    }

    private static void report(String name, Callable<Map<String, HostTensor>> form, ModelSession session,
                               int rounds, int calls) throws Exception {
        Map<String, HostTensor> inputs = form.call();
        double[] build = rounds(form, rounds, calls);
        double[] run = rounds(() -> {
            session.run(inputs);
            return inputs;
        }, rounds, calls);
        System.out.printf(Locale.ROOT, "%-34s form %s | run %s | form/run %.1f%%%n", name, describe(build),
                describe(run), 100 * median(build) / median(run));
    }

    /** Per-call time in microseconds, one median per round, after a warm-up round. */
    private static double[] rounds(Callable<?> work, int rounds, int calls) throws Exception {
        double[] result = new double[rounds];
        for (int r = -1; r < rounds; r++) {
            double[] perCall = new double[calls];
            for (int i = 0; i < calls; i++) {
                long start = System.nanoTime();
                work.call();
                perCall[i] = (System.nanoTime() - start) / 1e3;
            }
            if (r >= 0) {
                result[r] = median(perCall);
            }
        }
        return result;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String describe(double[] roundMedians) {
        double[] sorted = roundMedians.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "median %.1f µs (rounds %.1f–%.1f)", median(sorted), sorted[0],
                sorted[sorted.length - 1]);
    }
}
