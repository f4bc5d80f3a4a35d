package dev.onnxworkbench.app.diagram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.testing.TestModels;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GraphSearchTest {

    @Test
    void findsNodesByNameOperatorTypeAndTensorsByName() throws Exception {
        Model model = DiagramFixtures.read(TestModels.transformerBlock());
        MappedGraph mapped = DiagramFixtures.map(model);

        assertThat(GraphSearch.search(model, "softmax").listed()).extracting(GraphSearch.Match::kind)
                .contains(GraphSearch.Kind.NODE_NAME);
        assertThat(GraphSearch.search(model, "MATMUL").listed()).filteredOn(m -> m.kind() == GraphSearch.Kind.OPERATOR)
                .hasSize(6);

        var probs = GraphSearch.search(model, "probs").listed();
        assertThat(probs).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(GraphSearch.Kind.TENSOR);
            assertThat(m.path().isRoot()).isTrue();
            assertThat(mapped.nodesById().get(m.diagramId(mapped).orElseThrow()).name()).isEqualTo("softmax");
        });
        // A weight has no box: the match centres on the box it is folded into.
        var weight = GraphSearch.search(model, "attn.q.weight").listed();
        assertThat(weight).singleElement().satisfies(m -> {
            assertThat(m.detail()).isEqualTo("weight");
            assertThat(mapped.nodesById().get(m.diagramId(mapped).orElseThrow()).name()).isEqualTo("q_proj");
        });
        assertThat(GraphSearch.search(model, "  ").listed()).isEmpty();
        assertThat(GraphSearch.search(model, "  ").summary()).isEmpty();
        assertThat(GraphSearch.search(model, "no such thing").summary()).isEqualTo("0 matches");
    }

    /** Before: only the graph on screen was searched, and LSTMs inside If bodies gave "0 matches". */
    @Test
    void searchesEveryBodyAndShowsWhereTheMatchIs() throws Exception {
        Model model = DiagramFixtures.read(NestedModels.ifWithLoopBodies(3));
        var lstms = GraphSearch.search(model, "lstm");
        assertThat(lstms.listed()).filteredOn(m -> m.node() != null).extracting(GraphSearch.Match::where)
                .containsExactly("If_0 ▸ then_branch ▸ Loop_1 ▸ body ▸ LSTM_3", "If_0 ▸ else_branch ▸ LSTM_7");
        GraphSearch.Match lstm3 = lstms.listed().stream().filter(m -> m.text().equals("LSTM_3")).findFirst().orElseThrow();
        // The path leads to the Loop body, and the match is a box of that body's drawing.
        assertThat(lstm3.path().resolve(model).name()).isEqualTo("loop_body");
        MappedGraph body = DiagramFixtures.map(model, DiagramOptions.DEFAULT);
        assertThat(lstm3.diagramId(body)).isEmpty(); // not in the main graph...
        MappedGraph loopBody = new DiagramMapper(new CatalogOperatorLookup(DiagramFixtures.CATALOG))
                .map(lstm3.path().resolve(model), DiagramOptions.DEFAULT, n -> false);
        assertThat(loopBody.nodesById().get(lstm3.diagramId(loopBody).orElseThrow()).name()).isEqualTo("LSTM_3");
    }

    @Test
    void countsEveryMatchAndListsTheFirstFiveHundred() throws Exception {
        Model model = DiagramFixtures.read(NestedModels.ifWithLoopBodies(900));
        var result = GraphSearch.search(model, "Softmax");
        // 900 in the Loop body, 900 in the else branch, one at the top.
        assertThat(result.listed().stream().filter(m -> m.node() != null)).hasSize(500);
        long softmaxNodes = 1801;
        assertThat(result.total()).isEqualTo(softmaxNodes);
        assertThat(result.listed()).hasSize(GraphSearch.LIMIT);
        assertThat(result.summary()).isEqualTo("1,801 matches, first 500 listed");
        assertThat(GraphSearch.search(model, "top_softmax").summary()).isEqualTo("1 match");
    }

    @Test
    void stopsWhenANewerSearchSupersedesIt() throws Exception {
        Model model = DiagramFixtures.read(NestedModels.ifWithLoopBodies(50));
        AtomicInteger polls = new AtomicInteger();
        assertThatThrownBy(() -> GraphSearch.search(model, "softmax", 500, () -> polls.incrementAndGet() > 10))
                .isInstanceOf(CancellationException.class);
        assertThat(polls.get()).isEqualTo(11);
    }

    @Test
    void findsInsideIfAndLoopBodies() throws Exception {
        Model model = DiagramFixtures.read(TestModels.controlFlow());
        assertThat(GraphSearch.search(model, "then_add").listed()).extracting(GraphSearch.Match::where)
                .contains("branch ▸ then_branch ▸ then_add");
        assertThat(GraphSearch.search(model, "body_double").listed()).extracting(GraphSearch.Match::where)
                .contains("repeat ▸ body ▸ body_double");
    }
}
