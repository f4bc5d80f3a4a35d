package dev.onnxworkbench.models.runtime;

import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.OutputValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs a model many times through {@link ModelSession#run} and prints the process's resident memory
 * after every 1,000 runs ("rss KIB"). Started by {@link NativeMemoryTest} in its own JVM with a fixed,
 * pre-touched heap, so that what grows can only be native memory.
 */
public final class NativeMemoryProbe {
    private NativeMemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        Path nativeCache = Path.of(args[1]);
        int width = Integer.parseInt(args[2]);
        int checkpoints = Integer.parseInt(args[3]);
        // Control for the test itself: "leak" runs ORT directly and never closes the results.
        boolean leak = args.length > 4 && args[4].equals("leak");
        float[] values = new float[width];
        for (int i = 0; i < width; i++) {
            values[i] = i;
        }
        HostTensor input = HostTensor.ofFloats(new long[] {1, width}, values);
        SessionFactory factory = new SessionFactory(new NativeLibraries(nativeCache));
        try (ModelSession session = factory.open(model,
                ProviderSettings.cpu().with(ProviderOption.INTRA_OP_THREADS, "1"))) {
            for (int c = -3; c < checkpoints; c++) { // three unreported rounds of warm-up
                double check = 0;
                for (int i = 0; i < 1000; i++) {
                    if (leak) {
                        var feed = ai.onnxruntime.OnnxTensor.createTensor(session.environment(), input.directBuffer(),
                                input.shape(), ai.onnxruntime.OnnxJavaType.FLOAT);
                        var result = session.ortSession().run(Map.of("x", feed));
                        check += ((ai.onnxruntime.OnnxTensor) result.get(0)).getFloatBuffer().get(3);
                        continue;
                    }
                    var result = session.run(Map.of("x", input));
                    check += ((OutputValue.TensorValue) result.outputs().get("y")).tensor().getDouble(3);
                }
                if (check != 6000.0) {
                    throw new IllegalStateException("wrong outputs: " + check);
                }
                System.gc();
                if (c >= 0) {
                    System.out.println("rss " + residentKiB());
                }
            }
        }
    }

    static long residentKiB() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
