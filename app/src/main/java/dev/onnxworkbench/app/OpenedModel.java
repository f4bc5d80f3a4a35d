package dev.onnxworkbench.app;

import dev.onnxworkbench.app.diagram.MappedGraph;
import dev.onnxworkbench.app.properties.ModelSummary;
import dev.onnxworkbench.models.graph.Model;

/**
 * A model read, its top-level graph mapped to a diagram and its counts for the model panel (50,000 nodes: over a
 * second when the panel counted them on the FX thread), all done off the FX thread, and how long reading and mapping took.
 */
record OpenedModel(Model model, MappedGraph topLevel, ModelSummary summary, long readMillis, long mapMillis) {}
