package dev.onnxworkbench.models.runtime.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.testing.TestModels;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The input set on {@link TestModels#freeDims()}: audio[batch,?], state[2,batch,4], sr int64 scalar. */
class InputSetTest {

    private static List<InputSpec> specs() throws Exception {
        byte[] bytes = TestModels.freeDims().toByteArray();
        return InputSpecs.derive(new OnnxReader().read(bytes, Path.of("."), "free_dims.onnx"));
    }

    @Test
    void aNamedDimensionIsSharedByEveryInputThatUsesIt() throws Exception {
        InputSet set = InputSet.builder(specs()).shape("audio", 3, 512).randomFill(1).build();

        assertThat(set.shape("audio")).containsExactly(3, 512);
        assertThat(set.shape("state")).containsExactly(2, 3, 4);
        assertThat(set.shape("sr")).isEmpty();
        assertThat(set.sizes()).containsEntry("batch", 3L).containsEntry("audio[1]", 512L);
    }

    @Test
    void dimSetsANameWhereverItIsUsedAndShapeFillsTheUnnamedRest() throws Exception {
        InputSet set = InputSet.builder(specs()).dim("batch", 2).dim("audio[1]", 16).randomFill(1).build();

        assertThat(set.shape("audio")).containsExactly(2, 16);
        assertThat(set.shape("state")).containsExactly(2, 2, 4);
    }

    @Test
    void shapeAndDimMustAgreeAndShapesMustMatchFixedDimensions() throws Exception {
        assertThatThrownBy(() -> InputSet.builder(specs()).shape("audio", 3, 512).dim("batch", 1).randomFill(1).build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("The dimension batch is 3 by --shape audio but 1 by --dim batch=1; give it one size.");
        assertThatThrownBy(() -> InputSet.builder(specs()).shape("state", 2, 1, 5).dim("audio[1]", 4).randomFill(1).build())
                .hasMessageContaining("--shape state gives dimension 2 the size 5, but state fixes it at 4");
        assertThatThrownBy(() -> InputSet.builder(specs()).shape("audio", 1, 2, 3).randomFill(1).build())
                .hasMessageContaining("--shape audio has 3 dimensions [1,2,3], but audio has 2");
        // --shape and --dim agreeing is fine, and --shape on one input sizes the other's shared dimension
        InputSet agreed = InputSet.builder(specs()).shape("audio", 4, 8).dim("batch", 4).randomFill(1).build();
        assertThat(agreed.shape("state")).containsExactly(2, 4, 4);
    }

    @Test
    void aFreeDimensionWithoutASizeIsRefusedNamingTheInputTheDimensionAndTheFlags() throws Exception {
        assertThatThrownBy(() -> InputSet.builder(specs()).dim("batch", 1).randomFill(1).build())
                .isInstanceOfSatisfying(UnresolvedDimensionException.class, e -> {
                    assertThat(e.input()).isEqualTo("audio");
                    assertThat(e.axis()).isEqualTo(1);
                    assertThat(e.parameter()).isEqualTo("audio[1]");
                })
                .hasMessageContaining("The input audio (float32[batch,?]) has no size for dimension 1")
                .hasMessageContaining("--shape audio=1,D1");
        assertThatThrownBy(() -> InputSet.builder(specs()).randomFill(1).build())
                .hasMessageContaining("dimensions 0 (batch), 1").hasMessageContaining("--dim batch=SIZE");
    }

    @Test
    void unknownNamesAndMissingValuesAreRefused() throws Exception {
        assertThatThrownBy(() -> InputSet.builder(specs()).dim("seq", 1).build())
                .hasMessage("The model has no free dimension named 'seq'; its free dimensions are batch, audio[1].");
        assertThatThrownBy(() -> InputSet.builder(specs()).shape("x", 1).build())
                .hasMessage("The model has no input named 'x'; its inputs are audio, state, sr.");
        assertThatThrownBy(() -> InputSet.builder(specs()).shape("audio", 1, 4)
                        .source("sr", new InputSource.Typed("16000")).build())
                .hasMessageStartingWith("Give values for audio (float32[batch,?]), state (float32[2,batch,4]) with --input");
    }

    @Test
    void randomIsReproducibleAndFillsOnlyTheInputsLeftEmpty() throws Exception {
        InputSet a = InputSet.builder(specs()).shape("audio", 1, 8).randomFill(7)
                .source("sr", new InputSource.Typed("8000")).build();
        InputSet b = InputSet.builder(specs()).shape("audio", 1, 8).randomFill(7)
                .source("sr", new InputSource.Typed("8000")).build();
        Map<String, HostTensor> va = a.values();
        Map<String, HostTensor> vb = b.values();

        assertThat(va.get("sr").getLong(0)).isEqualTo(8000);
        assertThat(a.source("sr").description()).isEqualTo("typed: 8000");
        assertThat(a.source("audio").description()).isEqualTo("random, seed 7");
        for (int i = 0; i < 8; i++) {
            assertThat(va.get("audio").getDouble(i)).isEqualTo(vb.get("audio").getDouble(i)).isBetween(0.0, 1.0);
        }
        InputSet other = InputSet.builder(specs()).shape("audio", 1, 8).randomFill(8).build();
        assertThat(other.values().get("audio").getDouble(0)).isNotEqualTo(va.get("audio").getDouble(0));
        // a random sample-rate companion gets a sample rate, not noise
        assertThat(other.values().get("sr").getLong(0)).isEqualTo(RandomInputs.SAMPLE_RATE);
    }

    @Test
    void givenValuesFixTheirDimensionsAndAreDescribed() throws Exception {
        HostTensor audio = HostTensor.ofFloats(new long[] {1, 3}, 1, 2, 3);
        InputSet set = InputSet.builder(specs()).source("audio", InputSource.editor("from speech.wav, 16 kHz", audio))
                .randomFill(1).build();

        assertThat(set.shape("state")).containsExactly(2, 1, 4);
        assertThat(set.describe().getFirst().toString()).isEqualTo("audio float32[1,3] from speech.wav, 16 kHz");
        assertThat(set.describe().get(2).toString()).isEqualTo("sr int64[] random, seed 1");
        assertThat(set.values().get("audio")).isSameAs(audio);
        assertThatThrownBy(() -> InputSet.builder(specs()).source("audio", InputSource.editor("e", audio))
                        .shape("audio", 1, 4).randomFill(1).build())
                .hasMessage("The dimension audio[1] is 4 by --shape audio but 3 by the values e; give it one size.");
    }

    @Test
    void withBatchChangesOnlyTheBatchDimensionAndRepeatsGivenValues() throws Exception {
        HostTensor audio = HostTensor.ofFloats(new long[] {1, 2}, 5, 6);
        InputSet set = InputSet.builder(specs()).source("audio", InputSource.file(Path.of("a.npy"), audio))
                .randomFill(3).build();

        InputSet eight = set.withBatch(8);

        assertThat(set.batchParameters()).containsExactly("batch");
        assertThat(eight.batch()).hasValue(8);
        assertThat(eight.shape("audio")).containsExactly(8, 2);
        assertThat(eight.shape("state")).containsExactly(2, 8, 4);
        assertThat(eight.shape("sr")).isEmpty();
        HostTensor repeated = eight.values().get("audio");
        assertThat(repeated.getDouble(14)).isEqualTo(5.0);
        assertThat(repeated.getDouble(15)).isEqualTo(6.0);
        assertThat(eight.source("audio").description()).isEqualTo("from a.npy, repeated ×8");
        assertThat(eight.values().get("sr").getLong(0)).isEqualTo(set.values().get("sr").getLong(0));
        assertThat(set.withBatch(1)).isSameAs(set);
    }

    @Test
    void aShapeTooLargeIsASentenceNamingTheInputAndTheSize() throws Exception {
        assertThatThrownBy(() -> InputSet.builder(specs()).shape("audio", 100000, 100000).randomFill(1).build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("Input audio float32[100000,100000] needs 4.0e10 bytes (37.3 GiB)");
        assertThatThrownBy(() -> InputSet.builder(specs()).shape("audio", Long.MAX_VALUE, 3).randomFill(1).build())
                .hasMessageContaining("needs 1.1e20 bytes (more than 8 EiB)");
    }

    @Test
    void typedValuesAreRangeChecked() throws Exception {
        InputSet set = InputSet.builder(specs()).shape("audio", 1, 1).randomFill(1)
                .source("sr", new InputSource.Typed("1e999")).build();
        assertThatThrownBy(set::values).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("sr: '1e999' is not a whole number");
        assertThat(ValueParser.check(ElementType.FLOAT, "1e999"))
                .hasValue("1e999 is outside the range of float32 (-3.403e+38 to 3.403e+38); non-finite values are refused unless allowed (--allow-non-finite; in the window, Allow NaN/±Inf).");
    }
}
