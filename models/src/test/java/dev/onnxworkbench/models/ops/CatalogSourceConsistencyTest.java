package dev.onnxworkbench.models.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled catalog agrees with its hand-written source, tools/catalog/additions.json: a description or
 * category edited in only one of them (instead of re-running tools/catalog/generate.py) fails here.
 */
class CatalogSourceConsistencyTest {

    /** Surefire runs in the module folder; the generator's files sit beside it at the repository root. */
    private static final Path ADDITIONS = Path.of("..", "tools", "catalog", "additions.json");

    @Test
    void everyOperatorHasTheCategoryAndDescriptionWrittenForIt() throws IOException {
        OperatorCatalog catalog = OperatorCatalog.loadBundled();
        JsonNode operators = new ObjectMapper().readTree(Files.readAllBytes(ADDITIONS)).get("operators");

        Set<String> written = new HashSet<>();
        for (Map.Entry<String, JsonNode> entry : operators.properties()) {
            String domain = entry.getKey().substring(0, entry.getKey().indexOf('/'));
            String name = entry.getKey().substring(entry.getKey().indexOf('/') + 1);
            written.add(entry.getKey());
            OperatorSchema newest = catalog.resolve(domain, name, -1).orElse(null);
            assertThat(newest).as(entry.getKey() + " is in additions.json but not in the catalog").isNotNull();
            assertThat(newest.category().cssClass()).as(entry.getKey()).isEqualTo(entry.getValue().get(0).asText());
            assertThat(newest.description()).as(entry.getKey()).isEqualTo(entry.getValue().get(1).asText());
        }
        Set<String> catalogued = new HashSet<>();
        catalog.latest().forEach(s -> catalogued.add(s.domain() + "/" + s.name()));
        assertThat(catalogued).isEqualTo(written);
    }
}
