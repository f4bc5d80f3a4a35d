package dev.onnxworkbench.app.insight;

import dev.onnxworkbench.app.diagram.MappedGraph;
import dev.onnxworkbench.graphview.Decorations;
import dev.onnxworkbench.graphview.DiagramEdge;
import dev.onnxworkbench.graphview.Outline;
import dev.onnxworkbench.models.inspect.Inspection;
import dev.onnxworkbench.models.inspect.TensorReport;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.tensor.TensorStatistics;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns an inspected run into graph decorations: every edge whose tensor was inspected shows the shape
 * the run actually produced (drawn in the overlay style, so it reads differently from the declared
 * shape), and every node whose output held NaN or ±Inf is outlined as an error with a badge. Ids that
 * the current graph level does not have (a subgraph is shown) are simply not decorated.
 */
final class InspectionOverlay {
    private InspectionOverlay() {}

    static Decorations of(MappedGraph graph, Inspection inspection, InputSet inputs) {
        Map<String, TensorReport> byName = new HashMap<>();
        for (TensorReport t : inspection.tensors()) {
            byName.put(t.name(), t);
        }
        Decorations.Builder b = Decorations.builder();
        for (DiagramEdge edge : graph.diagram().edges()) {
            TensorReport t = edge.value() == null ? null : byName.get(edge.value());
            if (t != null && t.shape() != null) {
                b.edgeLabel(edge.id(), shape(t.shape()));
                b.edgeTooltip(edge.id(), tooltip(t));
            } else if (inputs != null && edge.value() != null && inputs.names().contains(edge.value())) {
                // graph inputs are not produced by a node: their actual shape is the one the input set ran
                b.edgeLabel(edge.id(), shape(inputs.shape(edge.value())));
                b.edgeTooltip(edge.id(), edge.value() + " (graph input)\n" + inputs.source(edge.value()).description());
            }
        }
        for (TensorReport t : inspection.tensors()) {
            if (!t.hasNonFinite()) {
                continue;
            }
            graph.producerOf(t.name()).ifPresent(id -> b
                    .outline(id, Outline.ERROR, false)
                    .badge(id, nonFiniteBadge(t.stats()))
                    .nodeTooltip(id, t.name() + " holds " + nonFiniteText(t.stats())));
        }
        return b.build();
    }

    static String tooltip(TensorReport t) {
        StringBuilder s = new StringBuilder(t.name()).append("\n").append(t.type());
        if (t.shape() != null) {
            s.append('[').append(shape(t.shape())).append(']');
        }
        TensorStatistics stats = t.stats();
        if (stats != null && stats.count() > 0) {
            s.append("\nmin ").append(Numbers.format(stats.min()))
                    .append("  max ").append(Numbers.format(stats.max()))
                    .append("\nmean ").append(Numbers.format(stats.mean()))
                    .append("  std ").append(Numbers.format(stats.std()));
            if (t.hasNonFinite()) {
                s.append("\n").append(nonFiniteText(stats));
            }
        }
        return s.toString();
    }

    /** An actual shape in the drawing's notation: 1×3×640×640 ("scalar" for rank 0). */
    static String shape(long[] dims) {
        if (dims.length == 0) {
            return "scalar";
        }
        StringBuilder s = new StringBuilder();
        for (long d : dims) {
            s.append(s.isEmpty() ? "" : "×").append(d);
        }
        return s.toString();
    }

    static String nonFiniteBadge(TensorStatistics s) {
        return s.nanCount() > 0 ? "NaN" : "Inf";
    }

    static String nonFiniteText(TensorStatistics s) {
        StringBuilder text = new StringBuilder();
        if (s.nanCount() > 0) {
            text.append(String.format("%,d NaN", s.nanCount()));
        }
        long inf = s.positiveInfinityCount() + s.negativeInfinityCount();
        if (inf > 0) {
            text.append(text.isEmpty() ? "" : ", ").append(String.format("%,d ±Inf", inf));
        }
        return text.toString();
    }
}
