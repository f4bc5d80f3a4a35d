package dev.onnxworkbench.app.diagram;

import dev.onnxworkbench.models.graph.Node;
import java.util.Optional;

/**
 * What the app needs to know about an operator: its category (the box colour) and its schema at
 * the version in effect (formal input names such as {@code X, W, B}, description, defaults).
 * The operator catalog provides it ({@link CatalogOperatorLookup}).
 */
public interface OperatorLookup {

    /** The category's CSS class ("layer", "activation", ...; "custom" when unknown). */
    String category(Node node);

    /** The operator's schema at the version in effect for this node, when the catalog knows it. */
    Optional<OperatorInfo> describe(Node node);
}
