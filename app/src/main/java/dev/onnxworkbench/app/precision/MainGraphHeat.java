package dev.onnxworkbench.app.precision;

import dev.onnxworkbench.app.diagram.MappedGraph;
import dev.onnxworkbench.app.runs.NodeIds;
import dev.onnxworkbench.graphview.Decorations;
import dev.onnxworkbench.graphview.GraphView;
import dev.onnxworkbench.models.graph.Model;
import java.nio.file.Path;
import java.util.Set;
import javafx.beans.property.ReadOnlyObjectProperty;

/**
 * The Quantize result on the main window's graph of the original model: the same marks and heat as the Quantize
 * window's graph ({@link PrecisionMarks}), drawn only while the main window shows that model's top-level graph.
 * Kept up to date with new runs and clicks until cleared. FX thread only.
 */
public final class MainGraphHeat {
    private final GraphView view;
    private final ReadOnlyObjectProperty<MappedGraph> current;
    private final ReadOnlyObjectProperty<Model> model;
    /** What this put on the main graph, so that Clear leaves another overlay alone. */
    private Decorations drawn;

    /**
     * @param view    the main window's graph view
     * @param current the graph level it shows (top level or a body)
     * @param model   the model open in the main window
     */
    public MainGraphHeat(GraphView view, ReadOnlyObjectProperty<MappedGraph> current,
                         ReadOnlyObjectProperty<Model> model) {
        this.view = view;
        this.current = current;
        this.model = model;
    }

    public boolean isShown() {
        return drawn != null;
    }

    /** Draws {@code r}; returns a sentence saying what happened (or why not). */
    public String show(PrecisionResult r, Set<String> pending) {
        if (r == null) {
            return "Nothing to show yet: Start first.";
        }
        Model m = model.get();
        MappedGraph g = current.get();
        if (m == null || m.path() == null || g == null
                || !m.path().toAbsolutePath().normalize().equals(r.source().toAbsolutePath().normalize())) {
            return "The main window does not show " + r.source().getFileName() + "; open it there first.";
        }
        if (g.graph() != m.graph()) {
            return "The main window shows a subgraph; go back to the top level (Alt+←) to see the heat.";
        }
        view.applyCss(); // the heat colours come from the palette of the theme applied now
        drawn = PrecisionMarks.of(r, pending, new NodeIds(g), view.getPalette());
        view.setDecorations(drawn);
        return "Shown on the main window's graph of " + fileName(r.source()) + ".";
    }

    /** Redraws after a new run or click, while shown. */
    public void refresh(PrecisionResult r, Set<String> pending) {
        if (drawn != null && view.getDecorations() == drawn) {
            show(r, pending);
        }
    }

    /** Takes the heat off the main graph (not another tool's overlay drawn since). */
    public String clear() {
        if (drawn != null && view.getDecorations() == drawn) {
            view.setDecorations(Decorations.NONE);
        }
        drawn = null;
        return "Cleared from the main window's graph.";
    }

    private static String fileName(Path p) {
        return p.getFileName().toString();
    }
}
