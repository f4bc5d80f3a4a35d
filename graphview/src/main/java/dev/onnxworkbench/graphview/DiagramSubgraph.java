package dev.onnxworkbench.graphview;

/**
 * A body a node can show inline (an If branch, a Loop or Scan body): a name ("then_branch") and its
 * diagram. Node and edge ids in the body must be unique across the whole drawing (prefix them with
 * the owner's id). An edge of the body whose {@code from} is not a node of the body but of an
 * enclosing diagram is an outer-scope value: the view draws it dashed from that producer outside
 * into the consumer inside.
 */
public record DiagramSubgraph(String name, Diagram diagram) {}
