package dev.onnxworkbench.app.properties;

import dev.onnxworkbench.models.graph.Node;

/** What the node properties panel asks of the window when the user follows a link. */
public interface NodeNavigator {

    /** Centres and selects a box or terminal of the current diagram. */
    void jumpTo(String diagramId);

    /** Opens a subgraph (If branch, Loop/Scan body) of {@code owner} as its own view. */
    void openSubgraph(Node owner, Node.NamedGraph subgraph);

    /** Opens the body of the model-local function that {@code caller} calls. */
    void openFunction(Node caller);

    /** Opens a documentation page in the browser. */
    void openLink(String url);
}
