package dev.onnxworkbench.app.cli;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.diff.DiffJson;
import dev.onnxworkbench.models.diff.ModelDiff;
import dev.onnxworkbench.models.diff.ModelDiffReport;
import dev.onnxworkbench.models.diff.ModelDiffReport.NodeChange;
import dev.onnxworkbench.models.diff.ModelDiffReport.PropertyChange;
import dev.onnxworkbench.models.diff.ModelDiffReport.WeightChange;
import dev.onnxworkbench.models.onnx.OnnxReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code diff A B}: the structural diff of two models. Exits 0 whether or not they differ (a difference is a
 * result, not a failure); non-zero only when a file cannot be read.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Compare two models structurally: model properties and signature, added, removed and changed "
                + "nodes, and changed weights (initializers and Constant nodes) with their largest absolute "
                + "difference. Exits 0 whether or not they differ.")
final class DiffCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "A", description = "the first (original) .onnx file")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "the second (changed) .onnx file")
    Path b;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws WorkbenchException {
        OnnxReader reader = new OnnxReader();
        ModelDiffReport report = ModelDiff.compare(reader.read(a), reader.read(b));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(DiffJson.write(report));
        } else {
            printText(out, report);
        }
        out.flush();
        return 0;
    }

    private static void printText(PrintWriter out, ModelDiffReport r) {
        out.println(r.identical() ? "The models are the same." : r.summaryText());
        for (PropertyChange c : r.modelChanges()) {
            out.printf("model  %s%s: %s → %s%n", c.group(), c.key() == null ? "" : " " + c.key(), show(c.a()),
                    show(c.b()));
        }
        for (NodeChange n : r.nodes()) {
            String name = switch (n.status()) {
                case ADDED -> label(n.nameB(), n.outputB());
                case REMOVED, CHANGED -> label(n.nameA(), n.outputA());
            };
            out.printf("%-8s %s (%s)%s%n", n.status().jsonName(), name, n.opType(),
                    n.changes().isEmpty() ? "" : ": " + String.join("; ", n.changes()));
        }
        for (WeightChange w : r.weights()) {
            out.printf(Locale.ROOT, "weight %-7s %s%s (%s) %s%n", w.status().jsonName(), w.name(),
                    w.nameB() == null ? "" : " → " + w.nameB(), w.source(), weightText(w));
        }
    }

    private static String label(String name, String output) {
        return name == null || name.isEmpty() ? "→ " + output : name;
    }

    private static String show(String v) {
        return v == null ? "(none)" : v.isEmpty() ? "''" : v;
    }

    private static String weightText(WeightChange w) {
        return switch (w.status()) {
            case ADDED -> w.typeB() + w.shapeB();
            case REMOVED -> w.typeA() + w.shapeA();
            case CHANGED -> {
                StringBuilder s = new StringBuilder();
                if (!w.shapeA().equals(w.shapeB()) || !w.typeA().equals(w.typeB())) {
                    s.append(w.typeA()).append(w.shapeA()).append(" → ").append(w.typeB()).append(w.shapeB())
                            .append(' ');
                }
                if (!Double.isNaN(w.maxAbsDiff())) {
                    s.append(String.format(Locale.ROOT, "max abs diff %.6g, %d elements differ", w.maxAbsDiff(),
                            w.differing()));
                }
                yield s.toString().strip();
            }
        };
    }
}
