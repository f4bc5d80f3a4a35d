package dev.onnxworkbench.app.insight;

import dev.onnxworkbench.app.diagram.MappedGraph;
import dev.onnxworkbench.graphview.Decorations;
import dev.onnxworkbench.graphview.render.Palette;

/** What the graph shows on top of the drawing after a run. */
enum Overlay {
    SHAPES("Actual shapes") {
        @Override
        Decorations decorations(MappedGraph graph, InsightResults results, Palette palette) {
            return results.inspection() == null ? Decorations.NONE
                    : InspectionOverlay.of(graph, results.inspection(), results.inputs());
        }
    },
    TIME("Time per node") {
        @Override
        Decorations decorations(MappedGraph graph, InsightResults results, Palette palette) {
            return results.profile() == null ? shapesOnly(graph, results)
                    : withShapes(ProfileOverlay.time(graph, results.profile().nodes(), palette), graph, results);
        }
    },
    PROVIDER("Execution provider") {
        @Override
        Decorations decorations(MappedGraph graph, InsightResults results, Palette palette) {
            return results.profile() == null ? shapesOnly(graph, results)
                    : withShapes(ProfileOverlay.provider(graph, results.profile().nodes(), palette), graph, results);
        }
    },
    FLOPS("FLOPs") {
        @Override
        Decorations decorations(MappedGraph graph, InsightResults results, Palette palette) {
            if (results.costs() != null) {
                return withShapes(ProfileOverlay.flops(graph, results.costs(), palette), graph, results);
            }
            return results.profile() == null ? Decorations.NONE : ProfileOverlay.flops(graph, results.profile().nodes(), palette);
        }
    },
    NONE("Nothing") {
        @Override
        Decorations decorations(MappedGraph graph, InsightResults results, Palette palette) {
            return Decorations.NONE;
        }
    };

    /** The actual shapes on the edges stay whatever the boxes show: they are what the run was. */
    private static Decorations withShapes(Decorations nodes, MappedGraph graph, InsightResults results) {
        if (results.inspection() == null) {
            return nodes;
        }
        Decorations.Builder b = nodes.toBuilder();
        InspectionOverlay.of(graph, results.inspection(), results.inputs()).edges().forEach(b::edge);
        return b.build();
    }

    private static Decorations shapesOnly(MappedGraph graph, InsightResults results) {
        return withShapes(Decorations.NONE, graph, results);
    }

    private final String text;

    Overlay(String text) {
        this.text = text;
    }

    abstract Decorations decorations(MappedGraph graph, InsightResults results, Palette palette);

    @Override
    public String toString() {
        return text;
    }
}
