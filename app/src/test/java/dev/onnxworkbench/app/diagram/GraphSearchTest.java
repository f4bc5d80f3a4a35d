package dev.onnxworkbench.app.diagram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.models.testing.TestModels;
import org.junit.jupiter.api.Test;

class GraphSearchTest {

    @Test
    void findsNodesByNameOperatorTypeAndTensorsByName() throws Exception {
        MappedGraph mapped = DiagramFixtures.map(DiagramFixtures.read(TestModels.transformerBlock()));

        assertThat(GraphSearch.search(mapped, "softmax")).extracting(GraphSearch.Match::kind)
                .contains(GraphSearch.Kind.NODE_NAME);
        assertThat(GraphSearch.search(mapped, "MATMUL")).filteredOn(m -> m.kind() == GraphSearch.Kind.OPERATOR)
                .hasSize(6);

        var probs = GraphSearch.search(mapped, "probs");
        assertThat(probs).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(GraphSearch.Kind.TENSOR);
            assertThat(mapped.nodesById().get(m.diagramId()).name()).isEqualTo("softmax");
        });
        // A weight has no box: the match centres on the box it is folded into.
        var weight = GraphSearch.search(mapped, "attn.q.weight");
        assertThat(weight).singleElement().satisfies(m -> {
            assertThat(m.detail()).isEqualTo("weight");
            assertThat(mapped.nodesById().get(m.diagramId()).name()).isEqualTo("q_proj");
        });
        assertThat(GraphSearch.search(mapped, "  ")).isEmpty();
        assertThat(GraphSearch.search(mapped, "no such thing")).isEmpty();
    }
}
