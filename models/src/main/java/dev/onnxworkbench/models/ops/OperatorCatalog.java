package dev.onnxworkbench.models.ops;

import dev.onnxworkbench.models.graph.Node;
import dev.onnxworkbench.models.graph.OpsetImport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every operator the workbench knows ({@code ai.onnx} through opset 24, {@code ai.onnx.ml} through 5,
 * {@code ai.onnx.preview.training}, and ONNX Runtime's {@code com.microsoft} contrib operators), with all
 * their versions. Immutable and thread-safe; load it once ({@link #loadBundled()}) and pass it around.
 */
public final class OperatorCatalog {

    /** The normalized name of ONNX's default domain (also spelled ""). */
    public static final String DEFAULT_DOMAIN = OpsetImport.DEFAULT_DOMAIN;

    static final String RESOURCE = "operators.json";

    /** Versions of each operator, ascending by since-version, keyed by {@link #key}. */
    private final Map<String, List<OperatorSchema>> versionsByOperator;
    private final List<OperatorSchema> latest;

    OperatorCatalog(Collection<List<OperatorSchema>> operators) {
        Map<String, List<OperatorSchema>> byOperator = new HashMap<>(operators.size() * 2);
        List<OperatorSchema> newest = new ArrayList<>(operators.size());
        for (List<OperatorSchema> versions : operators) {
            List<OperatorSchema> sorted = versions.stream()
                    .sorted(Comparator.comparingInt(OperatorSchema::sinceVersion)).toList();
            OperatorSchema last = sorted.getLast();
            if (byOperator.put(key(last.domain(), last.name()), sorted) != null) {
                throw new IllegalArgumentException("operator listed twice: " + last.qualifiedName());
            }
            newest.add(last);
        }
        this.versionsByOperator = Map.copyOf(byOperator);
        this.latest = List.copyOf(newest);
    }

    /** Parses the catalog shipped with the workbench (a few tens of milliseconds; keep the instance). */
    public static OperatorCatalog loadBundled() {
        try (InputStream in = OperatorCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the operator catalog resource " + RESOURCE + " is missing from the build");
            }
            return new OperatorCatalog(new CatalogJsonReader().read(in));
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled operator catalog cannot be read", e);
        }
    }

    /**
     * The version of an operator in effect for a model that imports {@code importedOpsetVersion} of its domain:
     * the greatest since-version not above it. A negative import version (domain not imported) gives the newest.
     * Empty when the catalog does not know the operator, or it did not exist yet at that opset.
     */
    public Optional<OperatorSchema> resolve(String domain, String opType, long importedOpsetVersion) {
        List<OperatorSchema> versions = versionsByOperator.get(key(domain, opType));
        if (versions == null) {
            return Optional.empty();
        }
        if (importedOpsetVersion < 0) {
            return Optional.of(versions.getLast());
        }
        OperatorSchema inEffect = null;
        for (OperatorSchema schema : versions) {
            if (schema.sinceVersion() > importedOpsetVersion) {
                break;
            }
            inEffect = schema;
        }
        return Optional.ofNullable(inEffect);
    }

    /** The version in effect for a node, from its domain and the opset its model imports for that domain. */
    public Optional<OperatorSchema> resolve(Node node) {
        return resolve(node.domain(), node.opType(), node.importedOpsetVersion());
    }

    /** All versions of an operator, ascending by since-version; empty when unknown. */
    public List<OperatorSchema> versions(String domain, String opType) {
        return versionsByOperator.getOrDefault(key(domain, opType), List.of());
    }

    /** Whether the catalog knows the operator in any version. */
    public boolean contains(String domain, String opType) {
        return versionsByOperator.containsKey(key(domain, opType));
    }

    /** The operator's category, {@link OperatorCategory#CUSTOM} when the catalog does not know it. */
    public OperatorCategory category(String domain, String opType) {
        List<OperatorSchema> versions = versionsByOperator.get(key(domain, opType));
        return versions == null ? OperatorCategory.CUSTOM : versions.getLast().category();
    }

    /** The newest version of each operator, sorted by domain and name. */
    public Collection<OperatorSchema> latest() {
        return Collections.unmodifiableList(latest);
    }

    private static String key(String domain, String opType) {
        return OpsetImport.normalizeDomain(domain) + '\u0000' + opType;
    }
}
