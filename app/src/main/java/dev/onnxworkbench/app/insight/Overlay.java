package dev.onnxworkbench.app.insight;

import dev.onnxworkbench.app.diagram.MappedGraph;
import dev.onnxworkbench.graphview.Decorations;

/** What the graph shows on top of the drawing after a run. */
enum Overlay {
    SHAPES("Actual shapes") {
        @Override
        Decorations decorations(MappedGraph graph, InsightResults results) {
            return results.inspection() == null ? Decorations.NONE
                    : InspectionOverlay.of(graph, results.inspection(), results.inputs());
        }
    },
    TIME("Time per node") {
        @Override
        Decorations decorations(MappedGraph graph, InsightResults results) {
            return results.profile() == null ? Decorations.NONE : ProfileOverlay.time(graph, results.profile().nodes());
        }
    },
    PROVIDER("Execution provider") {
        @Override
        Decorations decorations(MappedGraph graph, InsightResults results) {
            return results.profile() == null ? Decorations.NONE : ProfileOverlay.provider(graph, results.profile().nodes());
        }
    },
    FLOPS("FLOPs") {
        @Override
        Decorations decorations(MappedGraph graph, InsightResults results) {
            if (results.costs() != null) {
                return ProfileOverlay.flops(graph, results.costs());
            }
            return results.profile() == null ? Decorations.NONE : ProfileOverlay.flops(graph, results.profile().nodes());
        }
    },
    NONE("Nothing") {
        @Override
        Decorations decorations(MappedGraph graph, InsightResults results) {
            return Decorations.NONE;
        }
    };

    private final String text;

    Overlay(String text) {
        this.text = text;
    }

    abstract Decorations decorations(MappedGraph graph, InsightResults results);

    @Override
    public String toString() {
        return text;
    }
}
