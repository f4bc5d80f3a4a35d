package dev.onnxworkbench.models.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.onnx.proto.NodeProto;
import dev.onnxworkbench.models.onnx.proto.ValueInfoProto;
import dev.onnxworkbench.models.opset.OrtRuns;
import dev.onnxworkbench.models.runtime.ProviderOption;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.TestSessions;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.NpyWriter;
import dev.onnxworkbench.models.testing.Protos;
import dev.onnxworkbench.models.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every edit on the generated conv net, undone and redone, refused with the model unchanged, validated in ORT. */
class EditSessionTest {
    private static final ProviderSettings CPU = ProviderSettings.cpu().with(ProviderOption.INTRA_OP_THREADS, "1");

    @TempDir
    Path dir;
    Path model;
    byte[] originalBytes;

    @BeforeEach
    void writeModel() throws Exception {
        ModelProto at11 = TestModels.convNet().toBuilder() // an older opset, so that converting it changes something
                .setOpsetImport(0, TestModels.convNet().getOpsetImport(0).toBuilder().setVersion(11)).build();
        model = Protos.write(at11, dir.resolve("in/conv.onnx"));
        originalBytes = Files.readAllBytes(model);
    }


    private EditValidation validate(EditSession session) throws Exception {
        return new EditValidator(TestSessions.factory(), CPU)
                .validate(session, Map.of("input", OrtRuns.ramp(1, 3, 32, 32)), "input float32 [1,3,32,32] (ramp)");
    }

    /** Applies, checks the change, undoes to the exact original structure, redoes to the exact edited one. */
    private ModelProto applyUndoRedo(EditSession session, Edit edit) throws Exception {
        ModelProto before = session.structure();
        session.apply(edit);
        ModelProto after = session.structure();
        assertThat(after).as(edit.describe()).isNotEqualTo(before);
        assertThat(session.undo()).isTrue();
        assertThat(session.structure()).as("undo of " + edit.describe()).isEqualTo(before);
        assertThat(session.redo()).isTrue();
        assertThat(session.structure()).as("redo of " + edit.describe()).isEqualTo(after);
        return after;
    }

    @Test
    void eachEditHasAnInverseThatRestoresTheStructureExactly() throws Exception {
        EditSession session = EditSession.open(model);
        Path weight = dir.resolve("bias.npy");
        NpyWriter.write(HostTensor.ofFloats(new long[] {8}, 1, 2, 3, 4, 5, 6, 7, 8), weight);
        ModelProto p;
        p = applyUndoRedo(session, new Edit.Rename("input", "image"));
        assertThat(p.getGraph().getInput(0).getName()).isEqualTo("image");
        assertThat(p.getGraph().getNode(0).getInput(0)).isEqualTo("image");
        p = applyUndoRedo(session, new Edit.SetInputShape("image", List.of("N", "3", "32", "32")));
        assertThat(Structures.dimsOf(p.getGraph().getInput(0))).containsExactly("N", "3", "32", "32");
        p = applyUndoRedo(session, new Edit.SetDimension("image", 0, "1"));
        assertThat(Structures.dimsOf(p.getGraph().getInput(0))).containsExactly("1", "3", "32", "32");
        p = applyUndoRedo(session, new Edit.AddOutput("relu1_out"));
        assertThat(p.getGraph().getOutputList()).extracting(ValueInfoProto::getName).containsExactly("logits", "relu1_out");
        p = applyUndoRedo(session, new Edit.SetAttribute("pool1", "strides", "1,1"));
        assertThat(p.getGraph().getNode(2).getAttributeList()).anyMatch(a -> a.getName().equals("strides")
                && a.getIntsList().equals(List.of(1L, 1L)));
        session.undo(); // the model keeps its strides for what follows
        p = applyUndoRedo(session, new Edit.ReplaceTensor("conv1.bias", weight));
        p = applyUndoRedo(session, new Edit.RemoveOutput("relu1_out"));
        session.undo();
        p = applyUndoRedo(session, new Edit.ConvertOpset(17));
        assertThat(p.getOpsetImport(0).getVersion()).isEqualTo(17);
        p = applyUndoRedo(session, new Edit.Extract(List.of("image"), List.of("relu1_out")));
        assertThat(p.getGraph().getNodeList()).extracting(NodeProto::getOpType).containsExactly("Conv", "Relu");
        session.undo();
        p = applyUndoRedo(session, new Edit.DeleteNode("fc"));
        assertThat(p.getGraph().getNodeList()).extracting(NodeProto::getOpType).containsExactly("Conv", "Relu");
        assertThat(p.getGraph().getInitializerList()).extracting(t -> t.getName()).doesNotContain("fc.weight", "fc.bias");
        session.undo();
        assertThat(session.pending()).extracting(Edit::describe).hasSize(6);
        assertThat(Files.readAllBytes(model)).isEqualTo(originalBytes);
    }

    @Test
    void cleanUpSortsNodesAndDropsDeadOnes() throws Exception {
        var g = TestModels.convNet().getGraph().toBuilder();
        NodeProto fc = g.getNode(4);
        g.removeNode(4).addNode(0, fc); // out of order
        g.addNode(Protos.node("Relu", "dead", List.of("flat"), List.of("unused")).build());
        g.addInitializer(Protos.floats("orphan", 9, 4));
        Path messy = Protos.write(TestModels.convNet().toBuilder().setGraph(g).build(), dir.resolve("messy.onnx"));
        EditSession session = EditSession.open(messy);
        assertThat(StructureCheck.problems(session.structure()))
                .anyMatch(p -> p.contains("'flat'") && p.contains("topological order"));
        session.apply(new Edit.CleanUp());
        assertThat(StructureCheck.problems(session.structure())).isEmpty();
        assertThat(session.structure().getGraph().getNodeList()).extracting(NodeProto::getName)
                .containsExactly("conv1", "relu1", "pool1", "flatten", "fc");
        assertThat(session.structure().getGraph().getInitializerList()).extracting(t -> t.getName()).doesNotContain("orphan");
        assertThat(validate(session).valid()).isTrue();
    }

    @Test
    void badEditsAreRefusedWithOneMessageAndTheModelUnchanged() throws Exception {
        EditSession session = EditSession.open(model);
        ModelProto before = session.structure();
        Path wrongType = dir.resolve("int.npy");
        NpyWriter.write(HostTensor.ofLongs(new long[] {8}, 1, 2, 3, 4, 5, 6, 7, 8), wrongType);
        Path wrongShape = dir.resolve("short.npy");
        NpyWriter.write(HostTensor.ofFloats(new long[] {4}, 1, 2, 3, 4), wrongShape);
        Map<Edit, String> refusals = new java.util.LinkedHashMap<>();
        refusals.put(new Edit.Rename("nope", "x"), "'nope'");
        refusals.put(new Edit.Rename("input", "conv1_out"), "already used");
        refusals.put(new Edit.SetInputShape("nope", List.of("1")), "no input named 'nope'");
        refusals.put(new Edit.SetDimension("input", 7, "1"), "no dimension 7");
        refusals.put(new Edit.AddOutput("nope"), "'nope'");
        refusals.put(new Edit.DeleteNode("relu1"), "feeds pool1");
        refusals.put(new Edit.SetAttribute("pool1", "strides", "x,y"), "not a valid ints");
        refusals.put(new Edit.SetAttribute("pool1", "nope", "1"), "no attribute 'nope'");
        refusals.put(new Edit.ReplaceTensor("conv1.bias", wrongType), "int64");
        refusals.put(new Edit.ReplaceTensor("conv1.bias", wrongShape), "has shape 4,");
        refusals.put(new Edit.ReplaceTensor("nope", wrongShape), "'nope'");
        refusals.put(new Edit.ConvertOpset(5), "down from opset");
        for (var e : refusals.entrySet()) {
            assertThatThrownBy(() -> session.apply(e.getKey())).as(e.getKey().describe())
                    .hasMessageContaining(e.getValue());
            assertThat(session.structure()).as("unchanged after " + e.getKey().describe()).isEqualTo(before);
        }
        assertThat(session.pending()).isEmpty();
    }

    @Test
    void validationTellsIdenticalChangedAndBroken() throws Exception {
        EditSession session = EditSession.open(model);
        EditValidation untouched = validate(session);
        assertThat(untouched.verdict()).isEqualTo(EditValidation.Verdict.IDENTICAL);

        session.apply(new Edit.ConvertOpset(17));
        assertThat(validate(session).verdict()).isEqualTo(EditValidation.Verdict.IDENTICAL);

        session.apply(new Edit.Rename("input", "image"));
        session.apply(new Edit.Rename("logits", "scores"));
        session.apply(new Edit.AddOutput("relu1_out"));
        EditValidation renamed = validate(session);
        assertThat(renamed.verdict()).isEqualTo(EditValidation.Verdict.CHANGED_AS_INTENDED);
        assertThat(renamed.outputs()).singleElement().satisfies(o -> {
            assertThat(o.nameNow()).isEqualTo("scores");
            assertThat(o.agrees()).isTrue();
        });

        session.apply(new Edit.SetAttribute("pool1", "strides", "2,2"));
        session.apply(new Edit.SetAttribute("flatten", "axis", "1"));
        Path bias = dir.resolve("bias.npy");
        NpyWriter.write(HostTensor.ofFloats(new long[] {10}, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10), bias);
        session.apply(new Edit.ReplaceTensor("fc.bias", bias));
        EditValidation changed = validate(session);
        assertThat(changed.verdict()).isEqualTo(EditValidation.Verdict.CHANGED_AS_INTENDED);
        assertThat(changed.message()).contains("logits differ");
        assertThat(changed.valid()).isTrue();
    }

    @Test
    void anUnintendedChangeIsBrokenAndNamesTheFirstTensorThatDiffers() throws Exception {
        EditSession session = EditSession.open(model);
        // A restore edit is never meant to change values; give it a structure whose Relu became a Sigmoid.
        ModelProto p = session.structure();
        var g = p.getGraph().toBuilder();
        g.setNode(1, g.getNode(1).toBuilder().setOpType("Sigmoid"));
        session.apply(new Edit.Restore("swap an operator", new Snapshot(g.build(), p.toBuilder().clearGraph().build())));
        EditValidation broken = validate(session);
        assertThat(broken.verdict()).isEqualTo(EditValidation.Verdict.BROKEN);
        assertThat(broken.valid()).isFalse();
        assertThat(broken.firstDifferent()).isEqualTo("relu1_out");
        assertThat(broken.message()).contains("'relu1_out'");
    }

    @Test
    void aShapeThatContradictsAWeightIsRefused() throws Exception {
        EditSession session = EditSession.open(model);
        assertThatThrownBy(() -> session.apply(new Edit.SetInputShape("input", List.of("1", "4", "32", "32"))))
                .hasMessageContaining("contradicts the weight 'conv1.weight' 8×3×3×3 of Conv node 'conv1', which needs 3");
        assertThatThrownBy(() -> session.apply(new Edit.SetDimension("input", 1, "5"))).hasMessageContaining("needs 3");
        assertThat(session.pending()).isEmpty();
    }

    @Test
    void whatOnnxRuntimeRefusesMakesTheResultInvalid() throws Exception {
        EditSession session = EditSession.open(model);
        session.apply(new Edit.SetAttribute("conv1", "kernel_shape", "5,5")); // the weight is 3×3
        EditValidation v = validate(session);
        assertThat(v.valid()).as(v.message()).isFalse();
        assertThat(v.message()).containsAnyOf("refuses", "does not run");
    }

    @Test
    void savingWritesANewFileAndNeverTheOriginal() throws Exception {
        EditSession session = EditSession.open(model);
        session.apply(new Edit.Rename("logits", "scores"));
        assertThatThrownBy(() -> session.save(model)).hasMessageContaining("is the model being edited");
        Path saved = session.save(dir.resolve("in/conv.edited.onnx"));
        Model m = new OnnxReader().read(saved);
        assertThat(m.graph().outputs()).extracting(v -> v.name()).containsExactly("scores");
        Map<String, HostTensor> in = Map.of("input", OrtRuns.ramp(1, 3, 32, 32));
        OrtRuns.assertClose("scores", OrtRuns.run(saved, in).get("scores"), OrtRuns.run(model, in).get("logits"), 0);
        assertThat(Files.readAllBytes(model)).isEqualTo(originalBytes);
        try (var files = Files.list(dir.resolve("in"))) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
                    .containsExactly("conv.edited.onnx", "conv.onnx");
        }
    }

    @Test
    void externalDataStaysExternalAndUntouched() throws Exception {
        Path ext = TestModels.externalWeights(dir.resolve("ext"), 2, 8, 4);
        byte[] data = Files.readAllBytes(dir.resolve("ext/weights.bin"));
        EditSession session = EditSession.open(ext);
        session.apply(new Edit.Rename("y", "sum"));
        Path saved = session.save(dir.resolve("out/edited.onnx"));
        assertThat(dir.resolve("out/weights.bin")).exists();
        ModelProto written = ModelProto.parseFrom(Files.readAllBytes(saved));
        assertThat(written.getGraph().getInitializerList()).isNotEmpty().allMatch(t -> t.getDataLocation()
                == dev.onnxworkbench.models.onnx.proto.TensorProto.DataLocation.EXTERNAL);
        assertThat(Files.readAllBytes(dir.resolve("ext/weights.bin"))).isEqualTo(data);
        HostTensor x = HostTensor.ofFloats(new long[] {1, 8}, 1, 1, 1, 1, 1, 1, 1, 1);
        OrtRuns.assertClose("sum", OrtRuns.run(saved, Map.of("x", x)).get("sum"), OrtRuns.run(ext, Map.of("x", x)).get("y"), 0);
    }

    @Test
    void scriptsRoundTripAndReplay() throws Exception {
        Path weight = dir.resolve("w/bias.npy");
        Files.createDirectories(weight.getParent());
        NpyWriter.write(HostTensor.ofFloats(new long[] {8}, 1, 2, 3, 4, 5, 6, 7, 8), weight);
        List<Edit> edits = List.of(new Edit.Rename("input", "image"), new Edit.SetInputShape("image", List.of("N", "3", "32", "32")),
                new Edit.SetDimension("image", 0, "1"), new Edit.AddOutput("relu1_out"), new Edit.RemoveOutput("relu1_out"),
                new Edit.SetAttribute("pool1", "strides", "2,2"), new Edit.ReplaceTensor("conv1.bias", weight),
                new Edit.ConvertOpset(17), new Edit.Extract(List.of("image"), List.of("pool1_out")), new Edit.CleanUp());
        Path script = dir.resolve("w/edits.json");
        EditScript.write(edits, script);
        assertThat(Files.readString(script)).contains("\"file\" : \"bias.npy\"");
        assertThat(EditScript.read(script)).isEqualTo(edits);
        EditSession session = EditSession.open(model);
        for (Edit e : EditScript.read(script)) {
            session.apply(e);
        }
        assertThat(session.structure().getGraph().getOutputList()).extracting(ValueInfoProto::getName).containsExactly("pool1_out");
        assertThat(validate(session).problems()).isEmpty();
    }
}
