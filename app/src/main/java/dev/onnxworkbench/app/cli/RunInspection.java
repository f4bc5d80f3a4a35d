package dev.onnxworkbench.app.cli;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.inspect.InspectOptions;
import dev.onnxworkbench.models.inspect.Inspection;
import dev.onnxworkbench.models.inspect.Inspector;
import dev.onnxworkbench.models.inspect.TensorReport;
import dev.onnxworkbench.models.rewrite.DerivedModel;
import dev.onnxworkbench.models.rewrite.ModelRewriter;
import dev.onnxworkbench.models.rewrite.UnpassableInputs;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.PredictionResult;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.Shapes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The parts of {@code run} that go through model rewriting: unpassable inputs as constants, and --inspect/--dump. */
final class RunInspection {
    private RunInspection() {
    }

    /**
     * Runs on the open session, or, when some values cannot be created by ONNX Runtime's Java API
     * (uint16/32/64), on a copy of the model with those inputs turned into constants.
     */
    static PredictionResult run(SessionFactory factory, ProviderSettings settings, Path model, ModelSession session,
                                Map<String, HostTensor> values) throws WorkbenchException {
        if (!UnpassableInputs.any(values)) {
            return session.run(values);
        }
        ModelRewriter rewriter = ModelRewriter.open(model);
        Map<String, HostTensor> feeds = UnpassableInputs.asConstants(rewriter, values);
        try (DerivedModel derived = rewriter.write(); ModelSession constants = factory.open(derived.path(), settings)) {
            return constants.run(feeds);
        }
    }

    static Inspection inspect(SessionFactory factory, ProviderSettings settings, Path model,
                              Map<String, HostTensor> values, String which, Path dump,
                              dev.onnxworkbench.models.memory.MemoryBudget budget) throws WorkbenchException {
        InspectOptions options = InspectOptions.all().withBudget(budget);
        if (which != null && !which.strip().equalsIgnoreCase("all")) {
            List<String> names = Arrays.stream(which.split(",")).map(String::strip).filter(n -> !n.isEmpty()).toList();
            if (names.isEmpty()) {
                throw new OptionValueException("--inspect takes 'all' or tensor names separated by commas.");
            }
            options = options.withTensors(names);
        }
        if (dump != null) {
            options = options.withDump(dump);
        }
        return new Inspector(factory, settings).inspect(model, values, options);
    }

    /**
     * Adds {@code costs{flops, parameters, activationBytes, opTypes{opType: {flops, parameters, activationBytes}}}}:
     * FLOPs from the inspected (actual) shapes, top-level nodes.
     */
    static void putCosts(com.fasterxml.jackson.databind.node.ObjectNode root, dev.onnxworkbench.models.graph.Graph graph,
                         Inspection inspection, Map<String, HostTensor> inputs) {
        Map<String, long[]> inputShapes = new java.util.HashMap<>();
        inputs.forEach((name, value) -> inputShapes.put(name, value.shape()));
        var costs = inspection.costs(graph, inputShapes);
        var o = root.putObject("costs");
        o.put("flops", costs.total().flops());
        o.put("parameters", costs.total().parameters());
        o.put("activationBytes", costs.total().activationBytes());
        var ops = o.putObject("opTypes");
        costs.byOpType().entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().flops(), a.getValue().flops()))
                .forEach(e -> {
                    var op = ops.putObject(e.getKey());
                    op.put("flops", e.getValue().flops());
                    op.put("parameters", e.getValue().parameters());
                    op.put("activationBytes", e.getValue().activationBytes());
                });
    }

    static void printText(PrintWriter out, Inspection inspection, Path dump) {
        out.printf(Locale.ROOT, "%n%d intermediate tensors (%s, %.0f ms):%n", inspection.tensors().size(),
                inspection.paging().describe(), inspection.totalMillis());
        for (TensorReport r : inspection.tensors()) {
            String shape = r.shape() == null ? "" : Shapes.format(r.shape());
            if (r.stats() == null || Double.isNaN(r.stats().mean())) {
                out.printf(Locale.ROOT, "  %-40s %-14s %-9s %s%n", r.name(), r.opType(), r.type(), shape);
            } else {
                out.printf(Locale.ROOT, "  %-40s %-14s %-9s %-18s min %.4g max %.4g mean %.4g std %.4g%s%n", r.name(),
                        r.opType(), r.type(), shape, r.stats().min(), r.stats().max(), r.stats().mean(), r.stats().std(),
                        r.hasNonFinite() ? "  NaN " + r.stats().nanCount() + " Inf "
                                + (r.stats().positiveInfinityCount() + r.stats().negativeInfinityCount()) : "");
            }
        }
        inspection.firstNonFinite().ifPresent(r -> out.println("first NaN/Inf (topological order): " + r.name()
                + " from " + r.opType() + " " + r.producer()));
        if (dump != null) {
            out.println("values written to " + dump + " (index.json lists the files)");
        }
    }
}
