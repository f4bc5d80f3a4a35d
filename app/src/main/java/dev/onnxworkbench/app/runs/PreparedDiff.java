package dev.onnxworkbench.app.runs;

import dev.onnxworkbench.app.diagram.DiagramMapper;
import dev.onnxworkbench.app.diagram.DiagramOptions;
import dev.onnxworkbench.app.diagram.MappedGraph;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.diff.ModelDiff;
import dev.onnxworkbench.models.diff.ModelDiffReport;
import dev.onnxworkbench.models.graph.Model;

/**
 * A diff ready to draw: the report and both diagrams, built off the FX thread by {@link #of}. Other tools
 * (Run ▸ Optimized Graph…) prepare one inside their own background work and hand it to the Model Diff pane.
 */
public final class PreparedDiff {
    private final ModelDiffReport report;
    final NodeIds a;
    final NodeIds b;

    private PreparedDiff(ModelDiffReport report, NodeIds a, NodeIds b) {
        this.report = report;
        this.a = a;
        this.b = b;
    }

    /** Diffs two models and maps both graphs; parsing-free but not cheap, so call it off the FX thread. */
    public static PreparedDiff of(Model a, Model b, DiagramMapper mapper) throws WorkbenchException {
        ModelDiffReport r = ModelDiff.compare(a, b);
        return new PreparedDiff(r, new NodeIds(mapper.map(a.graph(), DiagramOptions.DEFAULT, n -> false)),
                new NodeIds(mapper.map(b.graph(), DiagramOptions.DEFAULT, n -> false)));
    }

    public ModelDiffReport report() {
        return report;
    }

    public MappedGraph mappedA() {
        return a.mapped();
    }

    public MappedGraph mappedB() {
        return b.mapped();
    }

    /** The box on side A that shows top-level node {@code index} of model A (or null). */
    public String idOfNodeA(int index) {
        return a.idOfNode(index);
    }

    /** The top-level node of model A behind a box on side A, or -1. */
    public int indexOfA(String diagramId) {
        return a.indexOf(diagramId);
    }

    /** The box on side B that shows top-level node {@code index} of model B (or null). */
    public String idOfNodeB(int index) {
        return b.idOfNode(index);
    }
}
