package dev.onnxworkbench.models.bench;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.onnx.proto.NodeProto;
import dev.onnxworkbench.models.onnx.proto.OperatorSetIdProto;
import dev.onnxworkbench.models.onnx.proto.TensorShapeProto;
import dev.onnxworkbench.models.onnx.proto.TypeProto;
import dev.onnxworkbench.models.onnx.proto.ValueInfoProto;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Finds out which execution providers work here by really creating a session with each, on a
 * one-node model held in memory (so the answer does not wait for a large model to load). Slow the
 * first time (ONNX Runtime extracts and loads the provider library); call it off the UI thread.
 * Never throws for a provider that cannot load: that is an answer.
 */
public final class ProviderProbe {
    /** Always listed, even where this ONNX Runtime build does not report them, so users see why they are missing. */
    private static final Set<OrtProvider> ALWAYS_LISTED = EnumSet.of(OrtProvider.CPU, OrtProvider.CUDA, OrtProvider.TENSOR_RT);

    private final OrtEnvironment env;
    private final Path cacheDirectory;

    /** @param cacheDirectory where TensorRT keeps its engine and timing caches (may be null) */
    public ProviderProbe(OrtEnvironment env, Path cacheDirectory) {
        this.env = env;
        this.cacheDirectory = cacheDirectory;
    }

    /** The providers to offer: CPU, CUDA and TensorRT first, then any other that ONNX Runtime reports. */
    public static List<OrtProvider> candidates() {
        List<OrtProvider> list = new ArrayList<>(ALWAYS_LISTED);
        for (OrtProvider p : OrtEnvironment.getAvailableProviders()) {
            if (!list.contains(p)) {
                list.add(p);
            }
        }
        return list;
    }

    public List<ProviderStatus> probeAll() {
        List<ProviderStatus> result = new ArrayList<>();
        for (OrtProvider p : candidates()) {
            result.add(probe(p));
        }
        return result;
    }

    public ProviderStatus probe(OrtProvider provider) {
        long t0 = System.nanoTime();
        if (!OrtEnvironment.getAvailableProviders().contains(provider)) {
            return new ProviderStatus(provider, false, ProviderVariant.displayName(provider)
                    + " is not part of this ONNX Runtime build (it reports " + OrtEnvironment.getAvailableProviders() + ").",
                    (System.nanoTime() - t0) / 1e6);
        }
        ProviderVariant variant = ProviderVariant.defaultsFor(provider, cacheDirectory);
        try (OrtSession.SessionOptions options = BenchSessionOptions.build(variant, null);
             OrtSession ignored = env.createSession(tinyModel(), options)) {
            return new ProviderStatus(provider, true, null, (System.nanoTime() - t0) / 1e6);
        } catch (OrtException | BenchmarkException | RuntimeException | UnsatisfiedLinkError e) {
            return new ProviderStatus(provider, false, ProviderDiagnosis.explain(provider, e), (System.nanoTime() - t0) / 1e6);
        }
    }

    /** y = Relu(x), x: float[1, 4]: one node every provider supports. */
    static byte[] tinyModel() {
        TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(1)
                .setShape(TensorShapeProto.newBuilder()
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(1))
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(4)))).build();
        GraphProto graph = GraphProto.newBuilder().setName("probe")
                .addNode(NodeProto.newBuilder().setOpType("Relu").setName("relu").addInput("x").addOutput("y"))
                .addInput(ValueInfoProto.newBuilder().setName("x").setType(type))
                .addOutput(ValueInfoProto.newBuilder().setName("y").setType(type)).build();
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("onnx-workbench probe")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(14)).setGraph(graph)
                .build().toByteArray();
    }
}
