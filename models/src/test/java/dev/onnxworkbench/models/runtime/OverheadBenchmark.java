package dev.onnxworkbench.models.runtime;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.samples.SampleModels;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.OutputValue;
import dev.onnxworkbench.models.runtime.inputs.RandomInputs;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * The workbench's overhead around ONNX Runtime's run: {@link ModelSession#run} (checks the inputs,
 * wraps the HostTensor's buffer, runs, copies every output into a HostTensor) against a bare ORT Java
 * loop on the same session and inputs (wrap the same buffer, run, read the output buffer, close).
 * Rounds alternate bare and app loops so drift hits both; each round's per-call median is one sample.
 *
 * <p>Not a unit test (surefire does not run it). Run after {@code ./mvnw -pl models -am test-compile}:
 * <pre>java -cp "$(cat cp.txt):models/target/classes:models/target/test-classes"
 *      dev.onnxworkbench.models.runtime.OverheadBenchmark [rounds]</pre>
 */
public final class OverheadBenchmark {
    private OverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Path dir = Files.createTempDirectory("overhead");
        SessionFactory factory = new SessionFactory(new NativeLibraries(Path.of("target", "ort-native")));
        ProviderSettings cpu = ProviderSettings.cpu().with(ProviderOption.INTRA_OP_THREADS, "1");
        System.out.printf(Locale.ROOT, "machine: %d cores, %s %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));

        try (ModelSession tiny = factory.open(TinyModels.doubler(dir, 16), cpu)) {
            HostTensor input = RandomInputs.generate("x", ElementType.FLOAT, new long[] {1, 16}, 1);
            compare("tiny: Add on float32 1×16", tiny, "x", input, rounds, 20_000);
        }
        try (ModelSession colour = factory.open(SampleModels.dominantColour(dir), cpu)) {
            HostTensor input = RandomInputs.generate("x", ElementType.FLOAT, new long[] {8, 3, 64, 64}, 1);
            compare("image sample: dominant-colour, float32 8×3×64×64", colour, "image", input, rounds, 200);
        }
        try (ModelSession dense = factory.open(TinyModels.dense(dir, 128, 1792), cpu)) {
            // Sized so that one run takes roughly 10 ms on one thread of this machine; 896 KiB in and out.
            HostTensor input = RandomInputs.generate("x", ElementType.FLOAT, new long[] {128, 1792}, 1);
            compare("~10 ms: MatMul+Relu, float32 128×1792 · 1792×1792", dense, "x", input, rounds, 30);
        }
    }

    private static void compare(String label, ModelSession session, String inputName, HostTensor input, int rounds,
                                int callsPerRound) throws Exception {
        double[] bare = new double[rounds];
        double[] app = new double[rounds];
        double[] perCall = new double[callsPerRound];
        for (int warm = 0; warm < 2; warm++) {
            bareLoop(session, inputName, input, perCall);
            appLoop(session, inputName, input, perCall);
        }
        for (int r = 0; r < rounds; r++) {
            bare[r] = median(bareLoop(session, inputName, input, perCall));
            app[r] = median(appLoop(session, inputName, input, perCall));
        }
        // Independent of round-to-round noise: inside each app call, the time spent outside ORT's run
        // (input checks, tensor wrapping, output copies) — an upper bound on what the workbench adds.
        double[] around = new double[rounds * callsPerRound];
        double[] inside = new double[rounds * callsPerRound];
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < callsPerRound; i++) {
                PredictionResult result = session.run(Map.of(inputName, input));
                around[r * callsPerRound + i] = result.totalNanos() - result.runNanos();
                inside[r * callsPerRound + i] = result.runNanos();
            }
        }
        double[] overhead = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            overhead[r] = app[r] - bare[r];
        }
        double b = median(bare);
        double a = median(app);
        double o = median(overhead);
        System.out.printf(Locale.ROOT, "%s (%d rounds × %d calls, 1 intra-op thread)%n", label, rounds, callsPerRound);
        System.out.printf(Locale.ROOT, "  bare ORT loop  median %s  [%s .. %s]%n", us(b), us(min(bare)), us(max(bare)));
        System.out.printf(Locale.ROOT, "  workbench run  median %s  [%s .. %s]%n", us(a), us(min(app)), us(max(app)));
        System.out.printf(Locale.ROOT, "  overhead       median %s  [%s .. %s] = %.2f%% of the bare run%n", us(o),
                us(min(overhead)), us(max(overhead)), 100 * o / b);
        double[] sortedAround = around.clone();
        Arrays.sort(sortedAround);
        System.out.printf(Locale.ROOT, "  work around ORT's run inside each workbench call: median %s, p90 %s = %.2f%% "
                        + "of the median run (%s)%n", us(median(around)),
                us(sortedAround[(int) (0.9 * (sortedAround.length - 1))]), 100 * median(around) / median(inside),
                us(median(inside)));
    }

    /** Per-call nanoseconds of a bare loop: wrap the buffer, run, read the first output, close everything. */
    private static double[] bareLoop(ModelSession session, String inputName, HostTensor input, double[] out)
            throws Exception {
        OrtSession ort = session.ortSession();
        ByteBuffer buffer = input.directBuffer();
        long[] shape = input.shape();
        double sink = 0;
        for (int i = 0; i < out.length; i++) {
            long start = System.nanoTime();
            try (OnnxTensor t = OnnxTensor.createTensor(session.environment(), buffer, shape, OnnxJavaType.FLOAT);
                 OrtSession.Result result = ort.run(Map.of(inputName, t))) {
                sink += ((OnnxTensor) result.get(0)).getFloatBuffer().get(0);
            }
            out[i] = System.nanoTime() - start;
        }
        consume(sink);
        return out;
    }

    private static double[] appLoop(ModelSession session, String inputName, HostTensor input, double[] out)
            throws Exception {
        double sink = 0;
        Map<String, HostTensor> feeds = Map.of(inputName, input);
        for (int i = 0; i < out.length; i++) {
            long start = System.nanoTime();
            PredictionResult result = session.run(feeds);
            sink += ((OutputValue.TensorValue) result.outputs().values().iterator().next()).tensor().getDouble(0);
            out[i] = System.nanoTime() - start;
        }
        consume(sink);
        return out;
    }

    private static volatile double blackhole;

    private static void consume(double v) {
        blackhole = v;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElseThrow();
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElseThrow();
    }

    private static String us(double nanos) {
        return String.format(Locale.ROOT, "%.1f µs", nanos / 1000);
    }
}
