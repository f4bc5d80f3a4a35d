package dev.onnxworkbench.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onnxworkbench.models.IoReasons;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.profile.NodeProfile;
import dev.onnxworkbench.models.profile.OpTypeProfile;
import dev.onnxworkbench.models.profile.ProfileExport;
import dev.onnxworkbench.models.profile.ProfileReport;
import dev.onnxworkbench.models.profile.Profiler;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code profile MODEL}: ONNX Runtime's per-node profile over N runs after warm-up. */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "Profile a model with ONNX Runtime's profiler: time per node, operator type and provider over "
                + "N runs after warm-up; export the Chrome trace (opens in Perfetto) and CSV.")
final class ProfileCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "the .onnx file")
    Path model;

    @Mixin
    InputOptions inputOptions = new InputOptions();

    @Option(names = "--runs", paramLabel = "N", defaultValue = "10", description = "profiled runs (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "2",
            description = "runs before the profiled ones, left out of the numbers (default: ${DEFAULT-VALUE})")
    int warmup;

    @Mixin
    SessionOptions sessionOptions = new SessionOptions();

    @Option(names = "--trace", paramLabel = "FILE", description = "keep ONNX Runtime's Chrome trace JSON here")
    Path trace;

    @Option(names = "--csv", paramLabel = "FILE", description = "write one CSV row per node here")
    Path csv;

    @Option(names = "--top", paramLabel = "N", defaultValue = "20",
            description = "nodes listed in the text output (default: ${DEFAULT-VALUE}; --json lists all)")
    int top;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws WorkbenchException {
        ProviderSettings settings = sessionOptions.settings();
        SessionFactory factory = SessionFactory.withDefaults();
        var parsed = new OnnxReader().read(model);
        InputSet inputSet = inputOptions.inputSet(model, parsed, null, null);
        ProfileReport report = new Profiler(factory, settings).profile(model, inputSet.values(), warmup, runs, trace);
        try {
            if (csv != null) {
                ProfileExport.csv(report, csv);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode root = ProfileExport.json(report);
                ObjectNode ordered = new ObjectMapper().createObjectNode();
                ordered.put("model", model.toString());
                ordered.put("provider", settings.provider().displayName());
                ordered.setAll(root);
                InputOptions.putJson(ordered, inputSet);
                if (trace != null) {
                    ordered.put("trace", trace.toString());
                }
                out.println(new ObjectMapper().writeValueAsString(ordered));
            } else {
                printText(out, report, settings, inputSet);
            }
            out.flush();
        } catch (IOException e) {
            throw new WorkbenchException("Could not write the profile: " + IoReasons.of(e), e);
        } finally {
            if (trace == null) {
                deleteQuietly(report.trace());
            }
        }
        return 0;
    }

    private void printText(PrintWriter out, ProfileReport report, ProviderSettings settings, InputSet inputSet) {
        out.printf(Locale.ROOT, "%s on %s: %d profiled runs after %d warm-up, %.1f ms in all (%.2f ms per run)%n",
                model.getFileName(), settings.provider().displayName(), report.runs(), warmup, report.totalMs(),
                report.totalMs() / Math.max(1, report.runs()));
        inputSet.describe().forEach(d -> out.println("input  " + d));
        out.printf(Locale.ROOT, "%n%-48s %-18s %-9s %7s %10s %9s %7s%n", "node", "op", "provider", "calls", "total ms",
                "mean ms", "share");
        for (NodeProfile n : report.nodes().subList(0, Math.min(top, report.nodes().size()))) {
            out.printf(Locale.ROOT, "%-48s %-18s %-9s %7d %10.3f %9.4f %6.1f%%%n", n.name(), n.opType(), n.provider(),
                    n.calls(), n.totalMs(), n.meanMs(), n.share() * 100);
        }
        out.printf(Locale.ROOT, "%n%-18s %7s %10s %7s%n", "op type", "calls", "total ms", "share");
        for (OpTypeProfile op : report.opTypes()) {
            out.printf(Locale.ROOT, "%-18s %7d %10.3f %6.1f%%%n", op.opType(), op.calls(), op.totalMs(), op.share() * 100);
        }
        out.println();
        for (Map.Entry<String, Double> e : report.providers().entrySet()) {
            out.printf(Locale.ROOT, "%s: %.3f ms of node time%n", e.getKey(), e.getValue());
        }
        if (trace != null) {
            out.println("trace written to " + trace + " (open it in https://ui.perfetto.dev)");
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent());
        } catch (IOException e) {
            // a leftover temporary trace is harmless
        }
    }
}
