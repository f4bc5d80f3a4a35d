package dev.onnxworkbench.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.precision.AccuracyEvaluator;
import dev.onnxworkbench.models.precision.AccuracyReport;
import dev.onnxworkbench.models.precision.Fp16Converter;
import dev.onnxworkbench.models.precision.Fp16Options;
import dev.onnxworkbench.models.precision.Fp16Report;
import dev.onnxworkbench.models.precision.LatencyComparison;
import dev.onnxworkbench.models.precision.ModelVerifier;
import dev.onnxworkbench.models.precision.PrecisionJson;
import dev.onnxworkbench.models.precision.Progress;
import dev.onnxworkbench.models.precision.SampleSet;
import dev.onnxworkbench.models.precision.TaskLabels;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code convert MODEL --fp16 [--keep-io-types] [--block-op OP...] --out F.onnx}: a float16 copy, checked and compared. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Write a float16 copy of a model (weights and Constant values in every graph, Casts around "
                + "blocked operators), check it in ONNX Runtime and compare it with the original.")
final class ConvertCommand extends PrecisionVerb {

    @Option(names = "--fp16", required = true, description = "convert float32 to float16")
    boolean fp16;

    @Option(names = "--keep-io-types", description = "the model's float inputs and outputs stay float32")
    boolean keepIoTypes;

    @Option(names = "--block-op", paramLabel = "OP|NODE", split = ",",
            description = "operator types or node names to keep in float32 (added to the default list); repeatable")
    List<String> blockOps = new ArrayList<>();

    @Override
    public Integer call() throws WorkbenchException {
        Model parsed = readModel();
        ProviderSettings settings = session.settings();
        ModelVerifier verifier = verifier(settings);
        if (!data.calibrate.isEmpty()) {
            throw new InvalidInputException("convert --fp16 needs no calibration data; give the data to compare on "
                    + "with --evaluate.");
        }
        if (!fp16) {
            throw new InvalidInputException("convert needs --fp16 (the only target precision).");
        }
        SampleSet evaluation = evaluation(parsed, "");
        TaskLabels labels = data.taskLabels(); // a bad labels file fails before anything is written
        Set<String> blocked = new LinkedHashSet<>();
        blockOps.forEach(b -> blocked.add(b.strip()));
        Fp16Report report = new Fp16Converter(verifier).convert(model, out, new Fp16Options(keepIoTypes, blocked),
                evaluation.sample(0));
        if (!report.check().ok()) {
            throw new WorkbenchException(report.check().message());
        }
        AccuracyReport accuracy = new AccuracyEvaluator(verifier).evaluate(model, out, evaluation, labels, Progress.NONE);
        LatencyComparison latency = latencyRuns > 0
                ? LatencyComparison.measure(verifier, model, out, evaluation.sample(0), 3, latencyRuns) : null;
        notes(evaluation);
        print(() -> {
            ObjectNode root = PrecisionJson.conversion(report);
            PrecisionJson.accuracy(root, accuracy);
            PrecisionJson.latency(root, latency, "");
            return root;
        }, settings, o -> {
            o.printf("%s → %s (FP16%s)%n", model.getFileName(), out, keepIoTypes ? ", inputs and outputs kept FP32" : "");
            o.printf("converted: %d initializers, %d Constant values; %d values clamped to ±65504, %d tiny values "
                    + "raised to ±1e-7%n", report.initializers(), report.constants(), report.clamped(), report.flushed());
            if (!report.blocked().isEmpty()) {
                o.println("kept in FP32 (Casts around them): " + String.join(", ", report.blocked().entrySet().stream()
                        .map((Map.Entry<String, Integer> e) -> e.getKey() + " ×" + e.getValue()).toList()));
            }
            if (!report.rangeBlocked().isEmpty()) {
                o.println("kept in FP32 because a weight they read exceeds float16's range: "
                        + String.join(", ", report.rangeBlocked()));
            }
            o.println("casts inserted: " + report.castsInserted());
            PrecisionText.sizes(o, report.bytesBefore(), report.bytesAfter(), "FP16");
            o.println("check: " + report.check().message());
            PrecisionText.accuracy(o, accuracy, "FP16");
            if (latency != null) {
                PrecisionText.latency(o, latency, "FP16", settings.toString(), latency.ratio() > 1
                        ? "ONNX Runtime's CPU provider computes most float16 operators by casting to float32; FP16 "
                        + "pays off on CUDA/TensorRT (--provider cuda), not on this CPU." : "");
            }
        });
        return 0;
    }
}
