package dev.onnxworkbench.app;

import dev.onnxworkbench.app.diagram.MappedGraph;
import dev.onnxworkbench.models.graph.Model;

/** A model read and its top-level graph mapped to a diagram, both done off the FX thread (and how long each took). */
record OpenedModel(Model model, MappedGraph topLevel, long readMillis, long mapMillis) {}
