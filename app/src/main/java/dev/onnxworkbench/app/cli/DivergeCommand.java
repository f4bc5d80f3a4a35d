package dev.onnxworkbench.app.cli;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.diverge.DivergenceFinder;
import dev.onnxworkbench.models.diverge.DivergenceJson;
import dev.onnxworkbench.models.diverge.DivergenceOptions;
import dev.onnxworkbench.models.diverge.DivergenceReport;
import dev.onnxworkbench.models.diverge.Metric;
import dev.onnxworkbench.models.diverge.RunSpec;
import dev.onnxworkbench.models.diverge.TensorDivergence;
import dev.onnxworkbench.models.diverge.TensorError;
import dev.onnxworkbench.models.memory.MemoryBudget;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.tensor.Tolerance;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code diverge MODEL}: the first tensor where two runs part ways. Run A is MODEL on {@code --provider} with
 * {@code --option}s; run B, the reference, is {@code --against} (default: MODEL) on {@code --reference-provider}
 * with {@code --reference-option}s. Exits 0 whether or not they diverge; non-zero when a run cannot happen.
 */
@Command(name = "diverge", mixinStandardHelpOptions = true,
        description = "Find the first tensor where two runs diverge (CPU vs CUDA, optimizations off vs all, model v1 vs "
                + "v2): marks the tensors both models share as outputs, runs both on the same inputs and compares "
                + "them with Polygraphy's semantics (an element fails when |a-b| > atol and |a-b| > rtol*|b|). "
                + "Exits 0 whether or not they diverge.")
final class DivergeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "the .onnx file of run A")
    Path model;

    @Option(names = "--against", paramLabel = "MODEL2", description = "the model of run B, the reference (default: MODEL)")
    Path against;

    /** Run A's session: --provider, --option, --config, as every verb that opens a session takes them. */
    @Mixin
    SessionOptions sessionOptions = new SessionOptions();

    @Option(names = "--reference-provider", paramLabel = "P", defaultValue = "cpu",
            description = "run B's provider (default: cpu)")
    String referenceProvider;


    @Option(names = "--reference-option", paramLabel = "KEY=VALUE", description = "an option of run B; repeatable")
    List<String> referenceOptions = new ArrayList<>();

    @Mixin
    InputOptions inputs;

    @Option(names = "--rtol", paramLabel = "R", defaultValue = "1e-5", description = "relative tolerance (default: 1e-5)")
    double rtol;

    @Option(names = "--atol", paramLabel = "A", defaultValue = "1e-5", description = "absolute tolerance (default: 1e-5)")
    double atol;

    @Option(names = "--tolerance", paramLabel = "NAME=RTOL,ATOL",
            description = "tolerances for one tensor (by its name in MODEL); repeatable")
    List<String> tolerances = new ArrayList<>();

    @Option(names = "--metric", paramLabel = "M", defaultValue = "elementwise",
            description = "elementwise, max, mean or median (default: elementwise)")
    String metric;

    @Option(names = "--bisect", description = "find the first divergent tensor in O(log N) runs, marking few tensors "
            + "per run (marking every tensor changes what TensorRT fuses)")
    boolean bisect;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "0",
            description = "mark at most N tensors per run (default: as many as --memory-budget allows)")
    int batch;

    @Option(names = "--memory-budget", paramLabel = "SIZE", defaultValue = "1g",
            converter = MemoryBudgetConverter.class, description = MemoryBudgetConverter.DESCRIPTION)
    MemoryBudget memoryBudget;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws WorkbenchException {
        Metric m = Metric.parse(metric).orElseThrow(() -> new WorkbenchException(
                "Unknown metric '" + metric + "'; use elementwise, max, mean or median."));
        if (!(rtol >= 0) || !(atol >= 0)) {
            throw new OptionValueException("Tolerances must be 0 or more (--rtol " + rtol + ", --atol " + atol + ").");
        }
        if (batch < 0) {
            throw new OptionValueException("--batch needs 0 (as many as the budget allows) or more, not " + batch + ".");
        }
        ProviderSettings settingsA = sessionOptions.settings();
        ProviderSettings settingsB = RunCommand.settings(referenceProvider, referenceOptions);
        InputSet set = inputs.inputSet(model, new OnnxReader().read(model), null, null);
        DivergenceOptions opts = new DivergenceOptions(new Tolerance(rtol, atol), m, perTensor(), bisect, batch,
                memoryBudget);
        RunSpec a = new RunSpec(model, settingsA);
        RunSpec b = new RunSpec(against == null ? model : against, settingsB);
        DivergenceReport report = new DivergenceFinder(SessionFactory.withDefaults())
                .find(a, b, set.values(), set.describe(), opts, DivergenceFinder.Progress.NONE);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(DivergenceJson.write(report));
        } else {
            printText(out, report);
        }
        out.flush();
        return 0;
    }

    private Map<String, Tolerance> perTensor() throws WorkbenchException {
        Map<String, Tolerance> map = new LinkedHashMap<>();
        for (String t : tolerances) {
            int eq = t.lastIndexOf('=');
            String[] parts = eq <= 0 ? new String[0] : t.substring(eq + 1).split(",");
            try {
                if (parts.length != 2) {
                    throw new NumberFormatException();
                }
                map.put(t.substring(0, eq).strip(), new Tolerance(Double.parseDouble(parts[0].strip()),
                        Double.parseDouble(parts[1].strip())));
            } catch (IllegalArgumentException e) { // not a number, or negative
                throw new WorkbenchException("Write per-tensor tolerances as NAME=RTOL,ATOL (e.g. logits=1e-3,1e-4), "
                        + "not '" + t + "'.");
            }
        }
        return map;
    }

    private static void printText(PrintWriter out, DivergenceReport r) {
        out.printf("A: %s%nB: %s (reference)%n", r.runA().describe(), r.runB().describe());
        r.inputs().forEach(d -> out.println("input  " + d));
        out.printf(Locale.ROOT, "%d shared tensors, %d compared in %d run%s of each model (%s, rtol %g, atol %g)%n",
                r.shared(), r.tensors().size(), r.runs(), r.runs() == 1 ? "" : "s", r.options().metric().jsonName(), r.options().tolerance().rtol(),
                r.options().tolerance().atol());
        if (r.paging() != null) {
            out.println("memory: " + r.paging().describe());
        }
        r.firstDivergent().ifPresentOrElse(
                t -> out.printf(Locale.ROOT, "First divergent tensor: %s, output of %s (%s): max abs error %s, "
                        + "max rel error %s, %d of %d elements fail%n", t.name(), t.node(), t.opType(),
                        num(t.error().maxAbsError()), num(t.error().maxRelError()), t.error().failing(),
                        t.error().elements()),
                () -> out.println("No tensor diverges: the runs agree within the tolerances."));
        out.printf("%-4s %-40s %-18s %12s %12s %12s %10s%n", "", "tensor", "op", "max abs", "max rel", "mean abs",
                "failing");
        long hidden = 0;
        for (TensorDivergence t : r.tensors()) {
            TensorError e = t.error();
            if (t.pass() && t.opType().equals("Constant")) {
                hidden++; // weights that agree are noise in a terminal; --json lists them
                continue;
            }
            out.printf(Locale.ROOT, "%-4s %-40s %-18s %12s %12s %12s %10d%s%n", t.pass() ? "ok" : "FAIL",
                    t.name(), t.opType(), num(e.maxAbsError()), num(e.maxRelError()), num(e.meanAbsError()),
                    e.failing(), e.message().isEmpty() ? "" : "  " + e.message());
        }
        if (hidden > 0) {
            out.printf("(%d Constant outputs that agree are not shown; --json lists every tensor)%n", hidden);
        }
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "-" : Double.isInfinite(v) ? "inf" : String.format(Locale.ROOT, "%.4g", v);
    }
}
