package dev.onnxworkbench.models.ops;

import dev.onnxworkbench.models.graph.Node;
import dev.onnxworkbench.models.graph.OpsetImport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every operator the workbench knows, with all their versions: {@code ai.onnx} through opset 26 and
 * {@code ai.onnx.ml} through 5 (the newest ONNX Runtime 1.29 runs), {@code ai.onnx.preview.training}, and
 * ONNX Runtime's {@code com.microsoft} contrib operators. Load it once ({@link #loadBundled()}) and pass it
 * around; thread-safe.
 *
 * <p>Loading reads only the small index (names, categories, since-versions). An operator's inputs, outputs and
 * attributes are parsed the first time someone asks for its schemas, then kept: start-up stays fast and a
 * model only pays for the operators it uses.
 */
public final class OperatorCatalog {

    /** The normalized name of ONNX's default domain (also spelled ""). */
    public static final String DEFAULT_DOMAIN = OpsetImport.DEFAULT_DOMAIN;

    static final String INDEX_RESOURCE = "operators.json";

    /** Domain, then operator type: two lookups and no key allocation, as resolution runs for every node. */
    private final Map<String, Map<String, OperatorEntry>> entries;
    private final List<OperatorEntry> ordered;
    private final CatalogDetails details;
    private final Map<OperatorEntry, List<OperatorSchema>> parsedVersions = new ConcurrentHashMap<>();
    private volatile List<OperatorSchema> latest;

    OperatorCatalog(List<OperatorEntry> operators, CatalogDetails details) {
        Map<String, Map<String, OperatorEntry>> byDomain = new HashMap<>();
        for (OperatorEntry entry : operators) {
            Map<String, OperatorEntry> domain = byDomain.get(entry.domain);
            if (domain == null) {
                domain = new HashMap<>(512);
                byDomain.put(entry.domain, domain);
            }
            if (domain.put(entry.name, entry) != null) {
                throw new IllegalArgumentException("operator listed twice: " + entry.domain + "/" + entry.name);
            }
        }
        this.entries = byDomain;
        this.ordered = List.copyOf(operators);
        this.details = details;
    }

    /** Reads the catalog shipped with the workbench (the index only; see the class comment). */
    public static OperatorCatalog loadBundled() {
        try (InputStream in = OperatorCatalog.class.getResourceAsStream(INDEX_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the operator catalog " + INDEX_RESOURCE + " is missing from the build");
            }
            CatalogJsonReader.Index index = new CatalogJsonReader().readIndex(in);
            return new OperatorCatalog(index.operators(), CatalogDetails.bundled(index.detailsResource()));
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled operator catalog cannot be read", e);
        }
    }

    /**
     * The version of an operator in effect for a model that imports {@code importedOpsetVersion} of its domain:
     * the greatest since-version not above it ("" and "ai.onnx" are the same domain). A negative import version
     * (domain not imported) gives the newest. Empty when the catalog does not know the operator (custom
     * domains) or it did not exist yet at that opset.
     */
    public Optional<OperatorSchema> resolve(String domain, String opType, long importedOpsetVersion) {
        OperatorEntry entry = entry(domain, opType);
        if (entry == null) {
            return Optional.empty();
        }
        int index = entry.versionIndexFor(importedOpsetVersion);
        return index < 0 ? Optional.empty() : Optional.of(versionsOf(entry).get(index));
    }

    /** The version in effect for a node, from its domain and the opset its model imports for that domain. */
    public Optional<OperatorSchema> resolve(Node node) {
        return resolve(node.domain(), node.opType(), node.importedOpsetVersion());
    }

    /** All versions of an operator, ascending by since-version; empty when unknown. */
    public List<OperatorSchema> versions(String domain, String opType) {
        OperatorEntry entry = entry(domain, opType);
        return entry == null ? List.of() : versionsOf(entry);
    }

    /** Whether the catalog knows the operator in any version. */
    public boolean contains(String domain, String opType) {
        return entry(domain, opType) != null;
    }

    /** The operator's category, {@link OperatorCategory#CUSTOM} when the catalog does not know it. */
    public OperatorCategory category(String domain, String opType) {
        OperatorEntry entry = entry(domain, opType);
        return entry == null ? OperatorCategory.CUSTOM : entry.category;
    }

    /** The newest version of each operator, sorted by domain and name (parses every operator once). */
    public Collection<OperatorSchema> latest() {
        List<OperatorSchema> result = latest;
        if (result == null) {
            List<OperatorSchema> newest = new ArrayList<>(ordered.size());
            for (OperatorEntry entry : ordered) {
                newest.add(versionsOf(entry).getLast());
            }
            result = List.copyOf(newest);
            latest = result;
        }
        return result;
    }

    /** Number of operators (not versions) in the catalog. */
    public int size() {
        return ordered.size();
    }

    private List<OperatorSchema> versionsOf(OperatorEntry entry) {
        List<OperatorSchema> versions = parsedVersions.get(entry);
        if (versions == null) {
            // Parsing twice in a race is harmless (same result); no method reference, to keep start-up lean.
            versions = details.parse(entry);
            List<OperatorSchema> earlier = parsedVersions.putIfAbsent(entry, versions);
            return earlier != null ? earlier : versions;
        }
        return versions;
    }

    private OperatorEntry entry(String domain, String opType) {
        Map<String, OperatorEntry> operators = entries.get(OpsetImport.normalizeDomain(domain));
        return operators == null ? null : operators.get(opType);
    }
}
