package dev.onnxworkbench.app.diagram;

import dev.onnxworkbench.models.graph.Node;
import dev.onnxworkbench.models.ops.AttributeSchema;
import dev.onnxworkbench.models.ops.FormalParameter;
import dev.onnxworkbench.models.ops.OperatorCatalog;
import dev.onnxworkbench.models.ops.OperatorSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;

/** {@link OperatorLookup} over the bundled operator catalog. */
public final class CatalogOperatorLookup implements OperatorLookup {
    private final OperatorCatalog catalog;
    /** Big graphs repeat a few dozen operators thousands of times: convert each schema once. */
    private final Map<String, Optional<OperatorInfo>> infoCache = new ConcurrentHashMap<>();
    private final Map<String, String> categoryCache = new ConcurrentHashMap<>();

    public CatalogOperatorLookup(OperatorCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public String category(Node node) {
        return categoryCache.computeIfAbsent(node.domain() + '\u0000' + node.opType(),
                k -> catalog.category(node.domain(), node.opType()).cssClass());
    }

    @Override
    public Optional<OperatorInfo> describe(Node node) {
        return infoCache.computeIfAbsent(node.domain() + '\u0000' + node.opType() + '\u0000' + node.importedOpsetVersion(),
                k -> catalog.resolve(node).map(CatalogOperatorLookup::toInfo));
    }

    private static OperatorInfo toInfo(OperatorSchema s) {
        return new OperatorInfo(s.domain(), s.name(), s.sinceVersion(), s.category().cssClass(), s.description(),
                s.documentationUrl(), formals(s.inputs()), formals(s.outputs()),
                s.attributes().stream().map(CatalogOperatorLookup::attribute).toList());
    }

    private static List<OperatorInfo.Formal> formals(List<FormalParameter> params) {
        return params.stream().map(p -> new OperatorInfo.Formal(p.name(), p.typeConstraint(),
                p.option() == FormalParameter.Option.OPTIONAL, p.option() == FormalParameter.Option.VARIADIC)).toList();
    }

    private static OperatorInfo.AttributeInfo attribute(AttributeSchema a) {
        return new OperatorInfo.AttributeInfo(a.name(), a.type(), a.required(),
                a.defaultValue() == null ? "" : a.defaultValue());
    }
}
