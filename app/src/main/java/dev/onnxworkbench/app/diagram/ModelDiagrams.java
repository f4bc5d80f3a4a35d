package dev.onnxworkbench.app.diagram;

import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.ops.OperatorCatalog;

/** The one-liner the command line and tests use: a model's top-level graph as a diagram, with the catalog. */
public final class ModelDiagrams {
    private ModelDiagrams() {}

    public static MappedGraph topLevel(Model model, OperatorCatalog catalog, DiagramOptions options) {
        return new DiagramMapper(new CatalogOperatorLookup(catalog))
                .map(model.graph(), options, FunctionGraphs.callsFunction(model));
    }
}
