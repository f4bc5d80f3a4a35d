package dev.onnxworkbench.models.ops;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reader on small hand-made catalogs: the format it accepts, and what it refuses. */
class CatalogJsonReaderTest {

    private static final String DETAILS = """
            [
            {"description":"Adds.","versions":[{"since":1,"url":"https://example.org/Add","inputs":[\
            {"name":"A","type":"T"},{"name":"B","type":"T","option":"OPTIONAL","description":"Second."}],\
            "outputs":[{"name":"C","type":"T"}],"attributes":[{"name":"k","type":"INT","required":true},\
            {"name":"mode","type":"STRING","default":"x"}]},{"since":7,"deprecated":true,\
            "url":"https://example.org/Add7","inputs":[],"outputs":[{"name":"C","type":"T","option":"VARIADIC"}],\
            "attributes":[]}]}
            ]
            """;

    @Test
    void readsTheIndexAndParsesDetailsPerOperator() throws IOException {
        byte[] details = DETAILS.getBytes(StandardCharsets.UTF_8);
        int length = DETAILS.indexOf("\n]") - 2;
        String index = "{\"format\":2,\"details\":\"d.json\",\"domains\":[{\"domain\":\"ai.onnx\",\"operators\":"
                + "[[\"Add\",\"logic\",[1,7],2," + length + "]]}]}";

        CatalogJsonReader.Index parsed = new CatalogJsonReader().readIndex(stream(index));
        OperatorCatalog catalog = new OperatorCatalog(parsed.operators(), new CatalogDetails(() -> details));

        assertThat(parsed.detailsResource()).isEqualTo("d.json");
        assertThat(catalog.category("", "Add")).isEqualTo(OperatorCategory.LOGIC);
        OperatorSchema v1 = catalog.resolve("", "Add", 6).orElseThrow();
        assertThat(v1.description()).isEqualTo("Adds.");
        assertThat(v1.inputs()).containsExactly(
                new FormalParameter("A", "T", FormalParameter.Option.SINGLE, null),
                new FormalParameter("B", "T", FormalParameter.Option.OPTIONAL, "Second."));
        assertThat(v1.attributes()).containsExactly(
                new AttributeSchema("k", "INT", true, null, null),
                new AttributeSchema("mode", "STRING", false, "x", null));
        OperatorSchema v7 = catalog.resolve("ai.onnx", "Add", 100).orElseThrow();
        assertThat(v7.deprecated()).isTrue();
        assertThat(v7.outputs().getFirst().option()).isEqualTo(FormalParameter.Option.VARIADIC);
        assertThat(catalog.versions("", "Add")).containsExactly(v1, v7);
        assertThat(catalog.latest()).containsExactly(v7);
    }

    @Test
    void refusesAnotherFormatVersion() {
        String index = "{\"format\":1,\"details\":\"d.json\",\"domains\":[{\"domain\":\"ai.onnx\",\"operators\":"
                + "[[\"Add\",\"logic\",[1],2,10]]}]}";
        assertThatThrownBy(() -> new CatalogJsonReader().readIndex(stream(index)))
                .isInstanceOf(IOException.class).hasMessageContaining("format 2 (found 1)");
    }

    @Test
    void refusesAnUnknownCategory() {
        String index = "{\"format\":2,\"details\":\"d.json\",\"domains\":[{\"domain\":\"ai.onnx\",\"operators\":"
                + "[[\"Add\",\"arithmetic\",[1],2,10]]}]}";
        assertThatThrownBy(() -> new CatalogJsonReader().readIndex(stream(index)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("arithmetic");
    }

    @Test
    void refusesDetailsThatDisagreeWithTheIndex() throws IOException {
        byte[] details = DETAILS.getBytes(StandardCharsets.UTF_8);
        int length = DETAILS.indexOf("\n]") - 2;
        String index = "{\"format\":2,\"details\":\"d.json\",\"domains\":[{\"domain\":\"ai.onnx\",\"operators\":"
                + "[[\"Add\",\"logic\",[1,8],2," + length + "]]}]}";
        List<OperatorEntry> entries = new CatalogJsonReader().readIndex(stream(index)).operators();
        OperatorCatalog catalog = new OperatorCatalog(entries, new CatalogDetails(() -> details));

        assertThatThrownBy(() -> catalog.versions("", "Add"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("disagree");
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
