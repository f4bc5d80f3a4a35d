package dev.onnxworkbench.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.optimize.Fusion;
import dev.onnxworkbench.models.optimize.GraphOptimizer;
import dev.onnxworkbench.models.optimize.OptimizationJson;
import dev.onnxworkbench.models.optimize.OptimizedModel;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.runtime.inputs.UnresolvedDimensionException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code optimize MODEL --level L --out F.onnx}: the graph as ONNX Runtime runs it, saved and explained. */
@Command(name = "optimize", mixinStandardHelpOptions = true,
        description = "Save the graph as ONNX Runtime optimizes it (basic, extended or all, on a provider), list what "
                + "was fused, folded and removed, and run the saved file against the original.")
final class OptimizeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "the .onnx file")
    Path model;

    @Option(names = "--level", required = true, paramLabel = "basic|extended|all",
            description = "ONNX Runtime's graph optimization level")
    String level;

    @Mixin
    SessionOptions sessionOptions = new SessionOptions();

    @Option(names = "--out", required = true, paramLabel = "FILE.onnx", description = "where to write the optimized model")
    Path out;

    @Mixin
    InputOptions inputOptions = new InputOptions();

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws WorkbenchException {
        if (!Files.isRegularFile(model)) {
            throw new WorkbenchException("The model file " + model + " does not exist or is not a file.");
        }
        ProviderSettings settings = sessionOptions.settings();
        Model parsed = new OnnxReader().read(model);
        InputSet inputs = null;
        String whyNot = null;
        try {
            inputs = inputOptions.inputSet(model, parsed, BenchCommand.DEFAULT_SEED, 1L);
        } catch (UnresolvedDimensionException e) {
            whyNot = e.getMessage();
        }
        OptimizedModel result = new GraphOptimizer(SessionFactory.withDefaults())
                .optimize(model, level, settings, out, inputs, whyNot);
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            try {
                o.println(new ObjectMapper().writeValueAsString(OptimizationJson.write(result)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            print(o, result);
        }
        o.flush();
        if (result.check() != null && result.check().ran() && !result.check().agrees()) {
            spec.commandLine().getErr().println("onnx-workbench: " + result.check().message());
            return 1;
        }
        if (result.check() != null && !result.check().ran() && result.check().message().contains("cannot load")) {
            spec.commandLine().getErr().println("onnx-workbench: " + result.check().message());
            return 1;
        }
        return 0;
    }

    private static void print(PrintWriter o, OptimizedModel m) {
        var s = m.summary();
        o.printf("%s → %s (%s, level %s)%n", m.source().getFileName(), m.out(), m.settings().provider().displayName(),
                m.level());
        o.printf("nodes: %d → %d%n", s.nodesBefore(), s.nodesAfter());
        if (!s.fused().isEmpty()) {
            o.println("fused:");
            for (Fusion f : s.fused()) {
                o.printf("  %3d × %s → %s%n", f.count(), f.opType(), f.into());
            }
        }
        counts(o, "folded into constants", s.folded());
        counts(o, "removed otherwise", s.eliminated());
        if (s.levelAll() != null && !s.levelAll().added().isEmpty()) {
            o.println("level all's last step (layouts, provider-specific):");
            counts(o, "  replaced", s.levelAll().removed());
            counts(o, "  by", s.levelAll().added());
        }
        counts(o, "removed in all", s.removed());
        counts(o, "added in all", s.added());
        if (m.check() != null) {
            o.println("check: " + m.check().message());
        }
        o.println("note: " + m.note());
    }

    private static void counts(PrintWriter o, String title, Map<String, Integer> counts) {
        if (!counts.isEmpty()) {
            o.println(title + ": " + String.join(", ", counts.entrySet().stream()
                    .map(e -> e.getValue() + " " + e.getKey()).toList()));
        }
    }
}
