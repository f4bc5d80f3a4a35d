package dev.onnxworkbench.models.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.samples.SampleModels;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.OutputValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSessionTest {
    @TempDir
    Path dir;

    @Test
    void describesInputsAndOutputsWithSymbolicDims() throws Exception {
        try (ModelSession session = TestSessions.factory().open(SampleModels.dominantColour(dir),
                ProviderSettings.cpu())) {
            ValueDescriptor image = session.inputs().getFirst();
            assertThat(image.name()).isEqualTo("image");
            assertThat(image.elementType()).isEqualTo(ElementType.FLOAT);
            assertThat(image.shape()).containsExactly(-1, 3, 64, 64);
            assertThat(image.typeText()).isEqualTo("float32 [N,3,64,64]");
            assertThat(session.outputs()).extracting(ValueDescriptor::name).containsExactly("probabilities");
            assertThat(session.creationTime()).isPositive();
        }
    }

    @Test
    void readsZipMapOutputsAsListsOfMaps() throws Exception {
        try (ModelSession session = TestSessions.factory().open(TinyModels.zipMapClassifier(dir),
                ProviderSettings.cpu())) {
            assertThat(session.outputs().get(1).kind()).isEqualTo(ValueDescriptor.Kind.SEQUENCE);
            assertThat(session.outputs().get(1).typeText()).isEqualTo("sequence<map<string,float32>>");
            var result = session.run(Map.of("x", HostTensor.ofFloats(new long[] {2, 2}, 3, 0, 0, 3)));
            HostTensor labels = ((OutputValue.TensorValue) result.outputs().get("label")).tensor();
            assertThat(labels.strings()).containsExactly("cat", "dog");
            List<Map<Object, Object>> maps =
                    ((OutputValue.SequenceValue) result.outputs().get("probabilities")).asMaps();
            assertThat(maps).hasSize(2);
            // softmax(3, 0) = e³ / (e³ + 1)
            assertThat((Float) maps.get(0).get("cat")).isCloseTo(0.952574f, org.assertj.core.data.Offset.offset(1e-5f));
            assertThat((Float) maps.get(1).get("dog")).isCloseTo(0.952574f, org.assertj.core.data.Offset.offset(1e-5f));
            assertThat((Float) maps.get(1).get("cat")).isCloseTo(0.047426f, org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    @Test
    void inputsThatDoNotMatchAreRefusedWithTheReason() throws Exception {
        try (ModelSession session = TestSessions.factory().open(SampleModels.dominantColour(dir),
                ProviderSettings.cpu())) {
            assertThatThrownBy(() -> session.run(Map.of())).isInstanceOf(InferenceException.class)
                    .hasMessageContaining("needs the input image (float32 [N,3,64,64])");
            assertThatThrownBy(() -> session.run(Map.of("image", HostTensor.ofDoubles(ElementType.DOUBLE,
                    new long[] {1, 3, 64, 64}, new double[3 * 64 * 64]))))
                    .hasMessageContaining("needs float32 values, but float64 were given");
            assertThatThrownBy(() -> session.run(Map.of("image", HostTensor.ofFloats(new long[] {1, 3, 32, 32},
                    new float[3 * 32 * 32])))).hasMessageContaining("needs size 64 in dimension 2");
            assertThatThrownBy(() -> session.run(Map.of("image", HostTensor.ofFloats(new long[] {1, 3, 64, 64},
                    new float[3 * 64 * 64]), "extra", HostTensor.ofFloats(new long[] {1}, 1))))
                    .hasMessageContaining("no input named extra");
        }
    }

    @Test
    void badModelFilesAndOptionsGiveTypedErrors() throws Exception {
        Path notAModel = Files.writeString(dir.resolve("bad.onnx"), "not a model");
        assertThatThrownBy(() -> TestSessions.factory().open(notAModel, ProviderSettings.cpu()))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("could not load bad.onnx")
                .hasMessageNotContaining(".cc:");
        assertThatThrownBy(() -> TestSessions.factory().open(dir.resolve("missing.onnx"), ProviderSettings.cpu()))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> TestSessions.factory().open(SampleModels.dominantColour(dir),
                ProviderSettings.cpu().with("graph_optimization_level", "max")))
                .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("disable, basic, extended, all");
        assertThatThrownBy(() -> ProviderSettings.cpu().with("device_id", "0").validated())
                .hasMessageContaining("CPU has no option 'device_id'");
    }

    @Test
    void providerOptionsApply() throws Exception {
        ProviderSettings settings = ProviderSettings.cpu().with(ProviderOption.INTRA_OP_THREADS, "1")
                .with(ProviderOption.GRAPH_OPTIMIZATION, "disable").with(ProviderOption.EXECUTION_MODE, "parallel");
        try (ModelSession session = TestSessions.factory().open(TinyModels.doubler(dir, 4), settings)) {
            var out = session.run(Map.of("x", HostTensor.ofFloats(new long[] {1, 4}, 1, 2, 3, 4)));
            assertThat(((OutputValue.TensorValue) out.outputs().get("y")).tensor().firstValues(4))
                    .containsExactly("2.0", "4.0", "6.0", "8.0");
        }
    }

    @Test
    void aCustomizerAddsSessionOptionsSuchAsProfiling() throws Exception {
        String prefix = dir.resolve("profile").toString();
        try (ModelSession session = TestSessions.factory().open(TinyModels.doubler(dir, 4), ProviderSettings.cpu(),
                options -> options.enableProfiling(prefix))) {
            session.run(Map.of("x", HostTensor.ofFloats(new long[] {1, 4}, 1, 2, 3, 4)));
            Path profile = Path.of(session.ortSession().endProfiling());
            assertThat(Files.readString(profile)).contains("\"provider\"", "CPUExecutionProvider");
        }
    }

    @Test
    void cudaEitherRunsOrIsUnavailableWithTheLoadersReason() throws Exception {
        Path model = TinyModels.doubler(dir, 4);
        try (ModelSession session = TestSessions.factory().open(model, ProviderSettings.defaults(ExecutionProvider.CUDA))) {
            var out = session.run(Map.of("x", HostTensor.ofFloats(new long[] {1, 4}, 1, 2, 3, 4)));
            assertThat(((OutputValue.TensorValue) out.outputs().get("y")).tensor().getDouble(3)).isEqualTo(8.0);
        } catch (ProviderUnavailableException e) {
            assertThat(e.provider()).isEqualTo(ExecutionProvider.CUDA);
            assertThat(e.loaderMessage()).contains("cannot open shared object file");
            assertThat(e.getMessage()).startsWith("CUDA is not available: ").contains("Install an NVIDIA driver")
                    .doesNotContain(".cc:");
        }
        // The 580 MB provider library was copied into the cache folder, not unpacked into /tmp.
        Path cache = Path.of(System.getProperty(NativeLibraries.NATIVE_PATH_PROPERTY));
        assertThat(cache.resolve(System.mapLibraryName("onnxruntime_providers_cuda"))).isRegularFile();
    }

    @Test
    void missingGpuLibrariesAreReportedAsUnavailableWithTheLibraryName() {
        assertThat(SessionFactory.missingLibrary("Failed to load library /x/libonnxruntime_providers_cuda.so with "
                + "error: libcublasLt.so.12: cannot open shared object file")).isEqualTo("libcublasLt.so.12");
        var e = SessionFactory.unavailable(ExecutionProvider.CUDA, "Error code - ORT_FAIL - message: Failed to load "
                + "library libonnxruntime_providers_cuda.so with error: libcudnn.so.9: cannot open shared object "
                + "file", null);
        assertThat(e.getMessage()).startsWith("CUDA is not available: Failed to load library")
                .contains("libcudnn.so.9 could not be loaded").contains("cuDNN 9");
    }

    @Test
    void predictorReusesTheSessionUntilModelOrSettingsChange() throws Exception {
        Path model = TinyModels.doubler(dir, 2);
        try (Predictor predictor = new Predictor(TestSessions.factory())) {
            ModelSession first = predictor.session(model, ProviderSettings.cpu());
            assertThat(predictor.session(model, ProviderSettings.cpu())).isSameAs(first);
            var result = predictor.predict(model, ProviderSettings.cpu(),
                    Map.of("x", HostTensor.ofFloats(new long[] {1, 2}, 1, 2)));
            assertThat(result.latencyMillis()).isPositive();
            ModelSession second = predictor.session(model, ProviderSettings.cpu().with("intra_op_num_threads", "1"));
            assertThat(second).isNotSameAs(first);
            TinyModels.doubler(dir, 2); // rewritten on disk
            Files.setLastModifiedTime(model, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
            assertThat(predictor.session(model, ProviderSettings.cpu().with("intra_op_num_threads", "1")))
                    .isNotSameAs(second);
        }
    }
}
