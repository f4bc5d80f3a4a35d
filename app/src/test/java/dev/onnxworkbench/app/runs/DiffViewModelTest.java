package dev.onnxworkbench.app.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.app.diagram.DiagramFixtures;
import dev.onnxworkbench.app.diagram.DiagramMapper;
import dev.onnxworkbench.app.diagram.CatalogOperatorLookup;
import dev.onnxworkbench.app.task.CurrentThreadTaskExecutor;
import dev.onnxworkbench.app.task.RunState.Phase;
import dev.onnxworkbench.graphview.Outline;
import dev.onnxworkbench.models.diff.ModelDiffReport;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.testing.Protos;
import dev.onnxworkbench.models.testing.TestModels;
import dev.onnxworkbench.models.testing.WeightScaler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.onnx.proto.NodeProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Model Diff tab's states as plain unit tests: real diffs of a small ConvNet and an edited copy, no toolkit. */
class DiffViewModelTest {
    @TempDir
    Path tmp;

    private final CurrentThreadTaskExecutor now = new CurrentThreadTaskExecutor();
    private final DiffViewModel vm = new DiffViewModel(now,
            new DiagramMapper(new CatalogOperatorLookup(DiagramFixtures.CATALOG)));

    private Model original() throws Exception {
        return new OnnxReader().read(Protos.write(TestModels.convNet(), tmp.resolve("v1.onnx")));
    }

    /** The ConvNet with an Identity added before the Gemm, MaxPool turned AveragePool and a Conv weight ×1.05. */
    static ModelProto editedConvNet() {
        ModelProto.Builder edited = TestModels.convNet().toBuilder();
        GraphProto.Builder g = edited.getGraphBuilder();
        List<NodeProto> nodes = List.copyOf(g.getNodeList());
        g.clearNode();
        for (NodeProto n : nodes) {
            NodeProto.Builder nb = n.toBuilder();
            if (n.getOpType().equals("Gemm")) {
                g.addNode(Protos.node("Identity", "copy", List.of("flat"), List.of("flat_copy")));
                nb.setInput(0, "flat_copy");
            }
            if (n.getOpType().equals("MaxPool")) {
                nb.setOpType("AveragePool");
            }
            g.addNode(nb);
        }
        WeightScaler.scaleConvWeight(edited, 0, 1.05f);
        return edited.build();
    }

    private Path edited() throws Exception {
        return Protos.write(editedConvNet(), tmp.resolve("v2.onnx"));
    }

    @Test
    void idleThenRunningThenDoneWithOutlinesAndTheChangeList() throws Exception {
        assertThat(vm.state().phase()).isEqualTo(Phase.IDLE);
        assertThat(vm.state().message()).isEqualTo(DiffViewModel.IDLE);
        assertThat(vm.placeholderProperty().get()).as("not 'No differences.' before anything ran")
                .isEqualTo("Nothing compared yet.");
        List<Phase> during = new ArrayList<>();
        List<String> placeholders = new ArrayList<>();
        vm.state().progressProperty().addListener((obs, was, p) -> {
            during.add(vm.state().phase());
            placeholders.add(vm.placeholderProperty().get());
        });
        Model a = original();
        Path b = edited();
        vm.compare(a, b);

        assertThat(during).contains(Phase.RUNNING);
        assertThat(placeholders).contains("Comparing…");
        assertThat(vm.state().phase()).as(vm.state().message()).isEqualTo(Phase.DONE);
        assertThat(vm.titleAProperty().get()).isEqualTo("A: " + a.path());
        assertThat(vm.titleBProperty().get()).isEqualTo("B: " + b);
        DiffViewModel.Drawing d = vm.drawingProperty().get();
        assertThat(d.report().count(ModelDiffReport.Status.ADDED)).isEqualTo(1);
        assertThat(vm.state().message()).isEqualTo(d.report().summaryText() + ".");
        assertThat(d.decorationsB().nodes().values()).extracting(n -> n.outline())
                .contains(Outline.ADDED, Outline.CHANGED);
        assertThat(d.decorationsA().nodes().values()).extracting(n -> n.outline())
                .contains(Outline.CHANGED).doesNotContain(Outline.ADDED);
        assertThat(d.items()).extracting(DiffViewModel.ChangeItem::text)
                .anySatisfy(t -> assertThat(t).startsWith("weight changed  conv1.weight").contains("max abs diff"))
                .anySatisfy(t -> assertThat(t).contains("operator: MaxPool → AveragePool"))
                .anySatisfy(t -> assertThat(t).startsWith("added  copy (Identity)"));

        // A click on the pool on side A leads to the pool on side B and to its line.
        DiffViewModel.ChangeItem pool = d.items().stream().filter(i -> i.text().contains("AveragePool"))
                .findFirst().orElseThrow();
        DiffViewModel.Counterpart c = vm.counterpart(pool.idA(), true);
        assertThat(c.otherId()).isEqualTo(pool.idB()).isNotNull();
        assertThat(c.item()).isEqualTo(pool);
        assertThat(vm.counterpart(pool.idB(), false).otherId()).isEqualTo(pool.idA());
    }

    @Test
    void aModelAgainstItselfIsTheSameAndOnlyThenSaysNoDifferences() throws Exception {
        Model a = original();
        vm.compare(a, a.path());
        assertThat(vm.state().phase()).isEqualTo(Phase.DONE);
        assertThat(vm.state().message()).isEqualTo("The models are the same.");
        assertThat(vm.drawingProperty().get().items()).isEmpty();
        assertThat(vm.placeholderProperty().get()).isEqualTo("No differences.");
    }

    @Test
    void aFileThatIsNotAModelFailsNamingIt() throws Exception {
        Path bad = Files.writeString(tmp.resolve("notes.onnx"), "not a model");
        vm.compare(original(), bad);
        assertThat(vm.state().phase()).isEqualTo(Phase.FAILED);
        assertThat(vm.state().message()).contains("notes.onnx");
        assertThat(vm.drawingProperty().get()).isNull();
        assertThat(vm.placeholderProperty().get()).doesNotContain("No differences");
    }

    @Test
    void withoutAnOpenModelItSaysWhyInsteadOfDoingNothing() throws Exception {
        vm.compare(null, edited());
        assertThat(vm.state().phase()).isEqualTo(Phase.FAILED);
        assertThat(vm.state().message()).isEqualTo(DiffViewModel.NO_MODEL);
    }

    @Test
    void cancelledMidComparison() throws Exception {
        vm.state().progressProperty().addListener((obs, was, p) -> {
            if (p.doubleValue() >= 0 && vm.state().phase() == Phase.RUNNING) { // inside the work
                vm.cancel();
            }
        });
        vm.compare(original(), edited());
        assertThat(vm.state().phase()).isEqualTo(Phase.CANCELLED);
        assertThat(vm.state().message()).isEqualTo("Cancelled.");
        assertThat(vm.drawingProperty().get()).isNull();
    }

    @Test
    void aNewerComparisonSupersedesTheRunningOne() throws Exception {
        Model a = original();
        Path b = edited();
        boolean[] started = {false};
        vm.state().progressProperty().addListener((obs, was, p) -> {
            if (!started[0] && p.doubleValue() >= 0 && vm.state().phase() == Phase.RUNNING) { // inside the work
                started[0] = true;
                vm.compare(a, a.path()); // the user picked another file while the first one was being read
            }
        });
        vm.compare(a, b);
        assertThat(vm.state().phase()).isEqualTo(Phase.DONE);
        assertThat(vm.state().message()).as("the older diff (with changes) never shows").isEqualTo("The models are the same.");
        assertThat(vm.drawingProperty().get().items()).isEmpty();
        assertThat(vm.titleBProperty().get()).isEqualTo("B: " + a.path());
    }

    @Test
    void clearingMidComparisonDropsItAndShowsWhy() throws Exception {
        vm.state().progressProperty().addListener((obs, was, p) -> {
            if (p.doubleValue() >= 0 && vm.state().phase() == Phase.RUNNING) { // inside the work
                vm.clear("Open a model first.");
            }
        });
        vm.compare(original(), edited());
        assertThat(vm.state().phase()).isEqualTo(Phase.IDLE);
        assertThat(vm.state().message()).isEqualTo("Open a model first.");
        assertThat(vm.drawingProperty().get()).isNull();
        assertThat(vm.titleAProperty().get()).isEqualTo("A");
    }

    @Test
    void aDiffPreparedElsewhereShowsAsDone() throws Exception {
        Model a = original();
        Model b = new OnnxReader().read(edited());
        vm.show(PreparedDiff.of(a, b, new DiagramMapper(new CatalogOperatorLookup(DiagramFixtures.CATALOG))),
                "Original: v1.onnx", "Optimized");
        assertThat(vm.state().phase()).isEqualTo(Phase.DONE);
        assertThat(vm.titleAProperty().get()).isEqualTo("Original: v1.onnx");
        assertThat(vm.drawingProperty().get().items()).isNotEmpty();
    }
}
