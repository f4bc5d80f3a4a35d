package dev.onnxworkbench.app.edit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.app.task.CurrentThreadTaskExecutor;
import dev.onnxworkbench.models.edit.Edit;
import dev.onnxworkbench.models.edit.EditScript;
import dev.onnxworkbench.models.edit.EditValidation.Verdict;
import dev.onnxworkbench.models.edit.Snapshot;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.runtime.ProviderOption;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.TestSessions;
import dev.onnxworkbench.models.testing.Protos;
import dev.onnxworkbench.models.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edit mode's ViewModel on the generated conv net: edits, undo/redo, verdicts, saves that never overwrite. */
class EditViewModelTest {
    @TempDir
    Path dir;
    Path model;
    byte[] originalBytes;
    EditViewModel vm;

    @BeforeEach
    void start() throws Exception {
        model = Protos.write(TestModels.convNet(), dir.resolve("conv.onnx"));
        originalBytes = Files.readAllBytes(model);
        vm = new EditViewModel(new CurrentThreadTaskExecutor(), TestSessions.factory(),
                ProviderSettings.cpu().with(ProviderOption.INTRA_OP_THREADS, "1"));
        vm.start(model);
        assertThat(vm.sourceProperty().get()).isEqualTo(model);
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void inputsMadeStaticOneDimensionAtATimeAreRunAtThatSizeRenamesFollowed() throws Exception {
        Path block = Protos.write(TestModels.transformerBlock(), dir.resolve("block.onnx"));
        var session = dev.onnxworkbench.models.edit.EditSession.open(block);
        var original = new OnnxReader().read(block);
        session.apply(new Edit.SetDimension("x", 0, "2"));
        assertThat(EditViewModel.staticShapes(session, original)).as("seq still free").isEmpty();
        session.apply(new Edit.Rename("x", "tokens"));
        session.apply(new Edit.SetDimension("tokens", 1, "7"));
        assertThat(EditViewModel.staticShapes(session, original)).hasSize(1)
                .hasEntrySatisfying("x", dims -> assertThat(dims).containsExactly(2, 7, 64));
    }

    @Test
    void anUnsavedEditIsMarkedUntilSavedAndDiscardDropsTheSession() throws Exception {
        vm.apply(new Edit.AddOutput("pool1_out"));
        assertThat(vm.unsavedProperty().get()).isTrue();
        assertThat(vm.changesProperty().get().nodes()).as("the draft's changes against the original").isEmpty();
        assertThat(vm.changesProperty().get().modelChanges()).extracting(c -> c.group() + " " + c.key())
                .contains("outputs pool1_out");
        List<Path> saved = new ArrayList<>();
        vm.saveScript(dir.resolve("edits.json"), saved::add);
        assertThat(saved).containsExactly(dir.resolve("edits.json"));
        assertThat(vm.unsavedProperty().get()).isFalse();
        vm.apply(new Edit.Rename("logits", "scores"));
        assertThat(vm.unsavedProperty().get()).isTrue();
        vm.discard();
        assertThat(vm.pending()).isEmpty();
        assertThat(vm.sourceProperty().get()).isNull();
        assertThat(vm.unsavedProperty().get()).isFalse();
        assertThat(Files.readAllBytes(model)).isEqualTo(originalBytes);
    }

    @Test
    void deleteUndoRedoRevalidateAndShowTheEditedModel() throws Exception {
        vm.apply(new Edit.AddOutput("pool1_out"));
        assertThat(vm.validationProperty().get().verdict()).isEqualTo(Verdict.CHANGED_AS_INTENDED);
        vm.apply(new Edit.DeleteNode("fc"));
        assertThat(vm.pending()).containsExactly("add output 'pool1_out'", "delete node 'fc' and what only it used");
        assertThat(vm.validationProperty().get().verdict()).isEqualTo(Verdict.CHANGED_AS_INTENDED);
        assertThat(vm.validationProperty().get().inputs()).contains("input").contains("random");
        Path draft = vm.draftProperty().get();
        assertThat(vm.isDraft(draft)).isTrue();
        var shown = new OnnxReader().read(draft).graph();
        assertThat(shown.nodes()).extracting(n -> n.name()).doesNotContain("fc", "flatten");
        assertThat(shown.outputs()).extracting(o -> o.name()).containsExactly("pool1_out");

        vm.undo();
        assertThat(vm.pending()).containsExactly("add output 'pool1_out'");
        assertThat(vm.canRedoProperty().get()).isTrue();
        assertThat(new OnnxReader().read(vm.draftProperty().get()).graph().nodes()).extracting(n -> n.name()).contains("fc");
        vm.redo();
        assertThat(vm.pending()).hasSize(2);
        assertThat(vm.canRedoProperty().get()).isFalse();
        assertThat(new OnnxReader().read(vm.draftProperty().get()).graph().nodes()).extracting(n -> n.name())
                .doesNotContain("fc");
        assertThat(Files.readAllBytes(model)).as("the original is never written").isEqualTo(originalBytes);
    }

    @Test
    void verdictsIdenticalBrokenAndRefused() throws Exception {
        vm.apply(new Edit.ConvertOpset(17));
        assertThat(vm.validationProperty().get().verdict()).isEqualTo(Verdict.IDENTICAL);
        assertThat(EditView.verdictLine(vm.validationProperty().get())).startsWith("Identical to the original on input");

        ModelProto p = vm.structure(); // a Relu turned Sigmoid by an edit that claims to change nothing
        var g = p.getGraph().toBuilder();
        g.setNode(1, g.getNode(1).toBuilder().setOpType("Sigmoid"));
        vm.apply(new Edit.Restore("swap an operator", new Snapshot(g.build(), p.toBuilder().clearGraph().build())));
        assertThat(vm.validationProperty().get().verdict()).isEqualTo(Verdict.BROKEN);
        assertThat(EditView.verdictLine(vm.validationProperty().get())).contains("'relu1_out'");

        vm.undo();
        vm.apply(new Edit.DeleteNode("relu1"));
        assertThat(vm.failedProperty().get()).isTrue();
        assertThat(vm.messageProperty().get()).contains("feeds pool1");
        assertThat(vm.pending()).as("a refused edit changes nothing").hasSize(1);
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void anInvalidEditSaysWhy() {
        vm.apply(new Edit.SetInputShape("input", List.of("1", "3")));
        var v = vm.validationProperty().get();
        assertThat(v.valid()).isFalse();
        assertThat(EditView.verdictLine(v)).startsWith("Invalid: ");
    }

    @Test
    void saveAsRefusesToOverwriteTheOriginalAndSavesElsewhere() throws Exception {
        vm.apply(new Edit.Rename("logits", "scores"));
        List<Path> saved = new ArrayList<>();
        vm.saveAs(model, false, saved::add);
        assertThat(saved).isEmpty();
        assertThat(vm.failedProperty().get()).isTrue();
        assertThat(vm.messageProperty().get()).contains("is the original model").contains("not overwritten");
        assertThat(Files.readAllBytes(model)).isEqualTo(originalBytes);

        Path out = dir.resolve("out/conv.edited.onnx");
        vm.saveAs(out, false, saved::add);
        assertThat(saved).containsExactly(out);
        assertThat(new OnnxReader().read(out).graph().outputs()).extracting(o -> o.name()).containsExactly("scores");
        assertThat(Files.readAllBytes(model)).isEqualTo(originalBytes);

        Path script = dir.resolve("edits.json");
        vm.saveScript(script);
        assertThat(EditScript.read(script)).containsExactly(new Edit.Rename("logits", "scores"));
        assertThat(vm.messageProperty().get()).contains("--script edits.json");
    }
}
