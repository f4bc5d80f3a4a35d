package dev.onnxworkbench.models.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.TextFormat;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.samples.SampleModels;
import dev.onnxworkbench.models.testing.TestModels;
import inference.ModelConfigOuterClass.DataType;
import inference.ModelConfigOuterClass.ModelConfig;
import inference.ModelConfigOuterClass.ModelInstanceGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** config.pbtxt is parsed with Triton's own model_config.proto (a copy under src/test/proto). */
class TritonExportTest {
    @TempDir
    Path dir;

    private static ModelConfig parse(Path config) throws Exception {
        ModelConfig.Builder builder = ModelConfig.newBuilder();
        TextFormat.getParser().merge(Files.readString(config), builder);
        return builder.build();
    }

    @Test
    void tabularModelWithABatchDimensionGetsDynamicBatchingAndDimsWithoutTheBatch() throws Exception {
        Path model = SampleModels.weightChange(dir);
        TritonExport.Result result = TritonExport.export(model, dir.resolve("repo"),
                new TritonOptions("weights", null, 2, false, false, false));
        assertThat(dir.resolve("repo/weights/1/model.onnx")).hasSameBinaryContentAs(model);
        ModelConfig config = parse(result.config());
        assertThat(config.getName()).isEqualTo("weights");
        assertThat(config.getPlatform()).isEqualTo("onnxruntime_onnx");
        assertThat(config.getMaxBatchSize()).isEqualTo(8);
        assertThat(config.hasDynamicBatching()).isTrue();
        assertThat(config.getInputCount()).isEqualTo(6);
        assertThat(config.getInput(0).getName()).isEqualTo("age");
        assertThat(config.getInput(0).getDataType()).isEqualTo(DataType.TYPE_FP32);
        assertThat(config.getInput(0).getDimsList()).containsExactly(1L);
        assertThat(config.getInput(1).getDataType()).isEqualTo(DataType.TYPE_STRING);
        assertThat(config.getOutput(0).getName()).isEqualTo(SampleModels.WEIGHT_CHANGE_OUTPUT);
        assertThat(config.getInstanceGroup(0).getCount()).isEqualTo(2);
        assertThat(config.getInstanceGroup(0).getKind()).isEqualTo(ModelInstanceGroup.Kind.KIND_CPU);
        assertThat(config.hasOptimization()).isFalse();
    }

    @Test
    void tensorRtWithFp16OnTheGpuAndNoBatching() throws Exception {
        Path model = SampleModels.weightChange(dir);
        TritonExport.Result result = TritonExport.export(model, dir.resolve("repo"),
                new TritonOptions(null, 0, 1, true, true, true));
        ModelConfig config = parse(result.config());
        assertThat(config.getName()).isEqualTo("weekly-weight-change");
        assertThat(config.getMaxBatchSize()).isZero();
        assertThat(config.hasDynamicBatching()).isFalse();
        assertThat(config.getInput(0).getDimsList()).containsExactly(-1L, 1L);
        assertThat(config.getInstanceGroup(0).getKind()).isEqualTo(ModelInstanceGroup.Kind.KIND_GPU);
        var accelerator = config.getOptimization().getExecutionAccelerators().getGpuExecutionAccelerator(0);
        assertThat(accelerator.getName()).isEqualTo("tensorrt");
        assertThat(accelerator.getParametersMap()).containsEntry("precision_mode", "FP16");
    }

    @Test
    void externalDataIsCopiedAndFixedShapesRefuseBatching() throws Exception {
        Path model = TestModels.externalWeights(dir.resolve("src"), 2, 4, 4);
        TritonExport.Result result = TritonExport.export(model, dir.resolve("repo"),
                new TritonOptions("ext", 0, 1, false, false, false));
        assertThat(result.dataFiles()).isNotEmpty().allSatisfy(p -> assertThat(p).exists());
        ModelConfig config = parse(result.config());
        assertThat(config.getInput(0).getDimsCount()).isPositive();
        assertThatThrownBy(() -> TritonExport.export(model, dir.resolve("repo2"),
                new TritonOptions("ext", 4, 1, false, false, false)))
                .isInstanceOf(WorkbenchException.class).hasMessageContaining("--max-batch 0");
    }

    @Test
    void kserveManifestPointsAtTheRepositoryWithAPlaceholderToEdit() throws Exception {
        Path model = SampleModels.weightChange(dir);
        KServeExport.Result result = KServeExport.export(model, dir.resolve("kserve"), TritonOptions.defaults());
        assertThat(result.yaml()).contains("apiVersion: serving.kserve.io/v1beta1").contains("kind: InferenceService")
                .contains("name: onnx").contains("storageUri: \"" + KServeExport.STORAGE_PLACEHOLDER)
                .contains("name: weekly-weight-change");
        assertThat(parse(result.triton().config()).getMaxBatchSize()).isEqualTo(8);
    }
}
