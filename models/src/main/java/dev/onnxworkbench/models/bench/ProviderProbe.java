package dev.onnxworkbench.models.bench;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.onnx.proto.NodeProto;
import dev.onnxworkbench.models.onnx.proto.OperatorSetIdProto;
import dev.onnxworkbench.models.onnx.proto.TensorShapeProto;
import dev.onnxworkbench.models.onnx.proto.TypeProto;
import dev.onnxworkbench.models.onnx.proto.ValueInfoProto;
import dev.onnxworkbench.models.runtime.ExecutionProvider;
import dev.onnxworkbench.models.runtime.ProviderDiagnosis;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.ProviderUnavailableException;
import dev.onnxworkbench.models.runtime.SessionFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds out which execution providers work here by really creating a session with each (through the
 * runtime's {@link SessionFactory}, which also unpacks the provider library once per installation), on
 * a one-node model, so the answer does not wait for a large model to load. For CUDA and TensorRT the
 * dynamic loader is asked first for the NVIDIA libraries the provider links against; when one is
 * missing that is the answer (it is exactly why ONNX Runtime's session would fail). Slow the first time; call
 * it off the UI thread. Never throws for a provider that cannot load: that is an answer. Answers are
 * remembered for the life of this object (a provider's libraries do not appear while the app runs).
 */
public final class ProviderProbe {
    private final SessionFactory sessions;
    private final Map<ExecutionProvider, ProviderStatus> known = new ConcurrentHashMap<>();

    public ProviderProbe(SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** CPU, CUDA and TensorRT, then any other provider this ONNX Runtime build reports (not configurable here). */
    public List<ProviderStatus> probeAll() {
        List<ProviderStatus> result = new ArrayList<>();
        for (ExecutionProvider p : ExecutionProvider.values()) {
            result.add(probe(p));
        }
        for (OrtProvider other : reportedByOnnxRuntime()) {
            if (ExecutionProvider.parse(other.getName()).isEmpty()) {
                result.add(new ProviderStatus(other.getName().replace("ExecutionProvider", ""), null, false,
                        "ONNX Runtime includes " + other.getName() + ", but the workbench cannot configure it yet.", 0));
            }
        }
        return result;
    }

    private List<OrtProvider> reportedByOnnxRuntime() {
        try {
            sessions.environment();
            return List.copyOf(OrtEnvironment.getAvailableProviders());
        } catch (WorkbenchException | RuntimeException | UnsatisfiedLinkError e) {
            return List.of();
        }
    }

    public ProviderStatus probe(ExecutionProvider provider) {
        return known.computeIfAbsent(provider, this::tryProvider);
    }

    @SuppressWarnings("try") // the session is opened only to see that it opens
    private ProviderStatus tryProvider(ExecutionProvider provider) {
        long t0 = System.nanoTime();
        // Ask the dynamic loader first: where the NVIDIA libraries are missing a session cannot load, and
        // this answers in milliseconds without unpacking the 580 MB CUDA provider library to find out.
        var missing = ProviderDiagnosis.missingLibraries(provider, null);
        if (missing.isPresent()) {
            return new ProviderStatus(provider.displayName(), provider, false, missing.get(), elapsedMs(t0));
        }
        Path model = null;
        try {
            model = Files.createTempFile("onnx-workbench-probe", ".onnx");
            Files.write(model, tinyModel());
            try (ModelSession ignored = sessions.open(model, ProviderSettings.defaults(provider))) {
                return new ProviderStatus(provider.displayName(), provider, true, null, elapsedMs(t0));
            }
        } catch (ProviderUnavailableException e) {
            return new ProviderStatus(provider.displayName(), provider, false,
                    ProviderDiagnosis.explain(provider, e), elapsedMs(t0));
        } catch (WorkbenchException | IOException | RuntimeException | UnsatisfiedLinkError e) {
            return new ProviderStatus(provider.displayName(), provider, false,
                    ProviderDiagnosis.explain(provider, e), elapsedMs(t0));
        } finally {
            if (model != null) {
                model.toFile().delete();
            }
        }
    }

    private static double elapsedMs(long t0) {
        return (System.nanoTime() - t0) / 1e6;
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

    static String lower(ExecutionProvider p) {
        return p.name().toLowerCase(Locale.ROOT);
    }
}
