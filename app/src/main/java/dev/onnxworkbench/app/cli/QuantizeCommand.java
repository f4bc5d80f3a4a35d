package dev.onnxworkbench.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.diverge.DivergenceReport;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.precision.AccuracyEvaluator;
import dev.onnxworkbench.models.precision.AccuracyReport;
import dev.onnxworkbench.models.precision.CalibrationMethod;
import dev.onnxworkbench.models.precision.DynamicQuantizer;
import dev.onnxworkbench.models.precision.LatencyComparison;
import dev.onnxworkbench.models.precision.LayerErrors;
import dev.onnxworkbench.models.precision.ModelVerifier;
import dev.onnxworkbench.models.precision.PrecisionJson;
import dev.onnxworkbench.models.precision.Progress;
import dev.onnxworkbench.models.precision.QuantizationReport;
import dev.onnxworkbench.models.precision.QuantizeOptions;
import dev.onnxworkbench.models.precision.SampleSet;
import dev.onnxworkbench.models.precision.StaticQuantizer;
import dev.onnxworkbench.models.precision.TaskLabels;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code quantize MODEL --int8 dynamic|static ... --out F.onnx}: an INT8 copy, what was quantized and kept and why,
 * sizes, accuracy against FP32 on an evaluation set, per-layer error and the latency ratio on this machine.
 */
@Command(name = "quantize", mixinStandardHelpOptions = true,
        description = "Write an INT8 copy of a model (dynamic, or static QDQ calibrated on your data), then measure "
                + "what it costs: accuracy against FP32 on an evaluation set, per-layer error, size and latency.")
final class QuantizeCommand extends PrecisionVerb {

    @Option(names = "--int8", required = true, paramLabel = "dynamic|static",
            description = "dynamic: int8 MatMul/Gemm weights, activations quantized per run; static: QDQ around "
                    + "Conv, MatMul, Gemm, Add, Mul, Concat, pools, Resize..., activations calibrated on --calibrate")
    String mode;

    @Option(names = "--method", paramLabel = "minmax|percentile|entropy|mse", description = "calibration (default minmax)")
    String method = "minmax";

    @Option(names = "--percentile", paramLabel = "P", description = "percentile of |x| for --method percentile "
            + "(default 99.999)")
    double percentile = 99.999;

    @Option(names = "--per-channel", description = "one weight scale per output channel (needs opset 13)")
    boolean perChannel;

    @Option(names = "--symmetric-activations", description = "int8 activations with zero point 0 (S8S8) instead of "
            + "uint8 (U8S8, x86's fast path)")
    boolean symmetric;

    @Option(names = "--exclude", paramLabel = "NODE|OP", split = ",",
            description = "node names (or output names) and operator types to keep in float; repeatable")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--layers", paramLabel = "N", description = "rows of the per-layer error table (default 10; "
            + "0 skips the per-layer comparison)")
    int layers = 10;

    @Override
    public Integer call() throws WorkbenchException {
        boolean isStatic = switch (mode.strip().toLowerCase(Locale.ROOT)) {
            case "static" -> true;
            case "dynamic" -> false;
            default -> throw new InvalidInputException("--int8 " + mode + ": choose dynamic or static.");
        };
        CalibrationMethod m = CalibrationMethod.parse(method).orElseThrow(() -> new InvalidInputException(
                "--method " + method + ": choose minmax, percentile, entropy or mse."));
        Set<String> excluded = new LinkedHashSet<>();
        exclude.forEach(e -> excluded.add(e.strip()));
        QuantizeOptions options = new QuantizeOptions(m, perChannel, symmetric, excluded, percentile);
        Model parsed = readModel();
        ProviderSettings settings = session.settings();
        ModelVerifier verifier = verifier(settings);
        PrintWriter err = spec.commandLine().getErr();
        Progress progress = json ? Progress.NONE : (message, done, total) -> {
            err.printf("\r[%d/%d] %s\u001b[K", done, total, message);
            err.flush();
        };
        SampleSet calibration = data.calibration(parsed, inputOptions);
        if (isStatic && calibration == null) {
            throw new InvalidInputException("--int8 static needs calibration data: --calibrate DIR or "
                    + "--calibrate NAME=FILE.npy (samples like the ones the model will see).");
        }
        SampleSet evaluation = evaluation(parsed, "; give --evaluate DATA to measure on your data");
        TaskLabels labels = data.taskLabels(); // a bad labels file fails before anything is written
        QuantizationReport report = isStatic
                ? new StaticQuantizer(verifier).quantize(model, out, options, calibration, progress)
                : new DynamicQuantizer(verifier).quantize(model, out, options, evaluation.sample(0));
        if (!report.check().ok()) {
            throw new WorkbenchException(report.check().message());
        }
        AccuracyReport accuracy = new AccuracyEvaluator(verifier).evaluate(model, out, evaluation, labels, progress);
        Map<String, HostTensor> first = evaluation.sample(0);
        DivergenceReport layerErrors = layers > 0
                ? new LayerErrors(verifier).measure(model, out, first, List.of(), progress) : null;
        LatencyComparison latency = latencyRuns > 0
                ? LatencyComparison.measure(verifier, model, out, first, 3, latencyRuns) : null;
        if (!json) {
            err.print("\r\u001b[K");
            err.flush();
        }
        String explanation = latency == null ? "" : latency.explanation(report);
        notes(calibration);
        notes(evaluation);
        print(() -> {
            ObjectNode root = PrecisionJson.quantization(report);
            PrecisionJson.accuracy(root, accuracy);
            PrecisionJson.latency(root, latency, explanation);
            PrecisionJson.layers(root, layerErrors, 0);
            return root;
        }, settings, o -> {
            print(o, report);
            PrecisionText.accuracy(o, accuracy, "INT8");
            if (layerErrors != null) {
                PrecisionText.layers(o, layerErrors, layers, evaluation.name(0));
            }
            if (latency != null) {
                PrecisionText.latency(o, latency, "INT8", settings.toString(), explanation);
            }
        });
        return 0;
    }

    private static void print(PrintWriter o, QuantizationReport r) {
        o.printf("%s → %s (INT8 %s%s%s)%n", r.source().getFileName(), r.out(), r.mode(),
                r.options().perChannel() ? ", per-channel weights" : ", per-tensor weights",
                r.options().symmetricActivations() ? ", S8S8" : ", U8S8");
        if (!r.calibration().isEmpty()) {
            o.println("calibration: " + r.calibration());
        }
        o.printf("quantized: %d nodes — %s%n", r.quantizedCount(), String.join(", ", r.quantized().entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .map(e -> e.getKey() + " " + e.getValue()).toList()));
        if (!r.kept().isEmpty()) {
            o.println("kept in float:");
            for (QuantizationReport.Kept k : r.kept()) {
                o.printf("  %-20s ×%-4d %s%n", k.opType(), k.count(), k.reason());
            }
        }
        if (!r.excludedNodes().isEmpty()) {
            o.println("excluded: " + String.join(", ", r.excludedNodes()));
        }
        o.printf("weights: %d int8%s%n", r.weights(), r.constantWeights() > 0
                ? " (" + r.constantWeights() + " from Constant nodes)" : "");
        PrecisionText.sizes(o, r.bytesBefore(), r.bytesAfter(), "INT8");
        o.println("check: " + r.check().message());
        for (String note : r.notes()) {
            o.println("note: " + note);
        }
    }
}
