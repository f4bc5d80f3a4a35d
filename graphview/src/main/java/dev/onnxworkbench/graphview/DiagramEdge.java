package dev.onnxworkbench.graphview;

/**
 * A directed edge between two nodes, optionally labelled (a tensor shape such as "1×64×56×56").
 * Several edges may join the same pair of nodes.
 *
 * @param id    unique within the diagram (for example the tensor name plus the consumer id)
 * @param value the name of what flows along the edge (for search and highlighting), may be ""
 */
public record DiagramEdge(String id, String from, String to, String label, String value) {}
