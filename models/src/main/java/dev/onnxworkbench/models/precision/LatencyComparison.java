package dev.onnxworkbench.models.precision;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.bench.LatencyStats;
import dev.onnxworkbench.models.runtime.InferenceException;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.OrtMessages;
import dev.onnxworkbench.models.runtime.OrtValues;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The derived model's latency against the original's on this machine: both sessions with the same settings
 * (provider, threads), the same sample, warm-up, then timed runs interleaved (one of each in turn) so that load
 * from other processes hits both alike. Only {@code session.run} is timed. A quick figure for the quantize and
 * convert reports; {@code bench} is the measurement to quote.
 *
 * @param original  the original's latency
 * @param derived   the derived model's latency
 * @param ratio     derived p50 / original p50
 * @param cpu       what the CPU offers int8 code ("AVX-512 VNNI", "AVX2 without VNNI")
 */
public record LatencyComparison(LatencyStats original, LatencyStats derived, double ratio, String cpu) {

    public static LatencyComparison measure(ModelVerifier runner, Path original, Path derived,
                                            Map<String, HostTensor> sample, int warmup, int runs)
            throws WorkbenchException {
        try (ModelSession a = runner.factory().open(original, runner.settings());
             ModelSession b = runner.factory().open(derived, runner.settings())) {
            Map<String, OnnxTensor> feedA = feeds(a, sample);
            Map<String, OnnxTensor> feedB = feeds(b, sample);
            try {
                long[] ta = new long[runs];
                long[] tb = new long[runs];
                for (int i = 0; i < warmup; i++) {
                    time(a, feedA);
                    time(b, feedB);
                }
                for (int i = 0; i < runs; i++) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new WorkbenchException("The latency measurement was cancelled.");
                    }
                    ta[i] = time(a, feedA);
                    tb[i] = time(b, feedB);
                }
                LatencyStats sa = LatencyStats.ofNanos(ta, runs);
                LatencyStats sb = LatencyStats.ofNanos(tb, runs);
                return new LatencyComparison(sa, sb, sb.p50() / sa.p50(), cpuInt8Support());
            } finally {
                feedA.values().forEach(OnnxTensor::close);
                feedB.values().forEach(OnnxTensor::close);
            }
        }
    }

    private static Map<String, OnnxTensor> feeds(ModelSession s, Map<String, HostTensor> sample)
            throws WorkbenchException {
        Map<String, OnnxTensor> feeds = new HashMap<>();
        for (Map.Entry<String, HostTensor> e : ModelVerifier.adapt(s, sample).entrySet()) {
            feeds.put(e.getKey(), OrtValues.toOnnxTensor(s.environment(), e.getValue()));
        }
        return feeds;
    }

    @SuppressWarnings("try")
    private static long time(ModelSession s, Map<String, OnnxTensor> feeds) throws WorkbenchException {
        long t0 = System.nanoTime();
        try (OrtSession.Result r = s.ortSession().run(feeds)) {
            return System.nanoTime() - t0;
        } catch (OrtException e) {
            throw new InferenceException("ONNX Runtime could not run " + s.modelPath().getFileName() + ": "
                    + OrtMessages.clean(e.getMessage()));
        }
    }

    /** The int8 dot-product instructions this CPU has, from /proc/cpuinfo (Linux); "unknown" elsewhere. */
    public static String cpuInt8Support() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            String flags = lines.stream().filter(l -> l.startsWith("flags") || l.startsWith("Features")).findFirst()
                    .orElse("").toLowerCase(Locale.ROOT);
            List<String> words = List.of(flags.split("\\s+"));
            if (words.contains("avx512_vnni")) {
                return "AVX-512 VNNI";
            }
            if (words.contains("avx_vnni")) {
                return "AVX-VNNI";
            }
            if (words.contains("asimddp")) {
                return "Arm dot product (asimddp)";
            }
            if (words.contains("avx2")) {
                return "AVX2 without VNNI";
            }
            return "no VNNI or dot-product instructions";
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    public boolean hasVnni() {
        return cpu.contains("VNNI") && !cpu.contains("without") || cpu.contains("asimddp");
    }

    /** Why INT8 may not pay off here, in words; empty when it is faster. */
    public String explanation(QuantizationReport report) {
        if (ratio < 1) {
            return "";
        }
        StringBuilder why = new StringBuilder("The quantized model is slower than the original on this machine ("
                + String.format(Locale.ROOT, "%.2f×", ratio) + "). ");
        if (!hasVnni()) {
            why.append("This CPU has ").append(cpu).append(": int8 kernels cannot use VNNI dot products and often "
                    + "lose to float32. ");
        } else {
            why.append("This CPU has ").append(cpu).append(", so the int8 kernels themselves are fast; ");
        }
        int kept = report == null ? 0 : report.kept().stream()
                .filter(k -> !k.reason().startsWith("computes shapes")).mapToInt(QuantizationReport.Kept::count).sum();
        boolean dynamic = report != null && report.mode().startsWith("dynamic");
        if (kept > 0 && dynamic) {
            why.append(kept).append(" operators stay float32 (dynamic mode gives int8 weights only to MatMul, Gemm "
                    + "and LSTM), so most of the work is unchanged. ");
        } else if (kept > 0) {
            why.append(kept).append(" float operators stay between DequantizeLinear and QuantizeLinear (each a round "
                    + "trip through float that ONNX Runtime cannot fuse); exclude fewer nodes or quantize more types. ");
        }
        if (dynamic) {
            why.append("Dynamic quantization computes each activation's scale at run time (DynamicQuantizeLinear); "
                    + "for convolutional models static QDQ is faster. ");
        }
        return why.toString().strip();
    }
}
