package dev.onnxworkbench.models.export;

import dev.onnxworkbench.models.IoReasons;
import dev.onnxworkbench.models.WorkbenchException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a KServe {@code InferenceService} (v1beta1) for an ONNX model: {@code DIR/inferenceservice.yaml}
 * and, beside it, the Triton model repository KServe's ONNX runtime (Triton) loads from {@code storageUri}
 * ({@code DIR/model-repository}). The user uploads that folder and edits storageUri.
 */
public final class KServeExport {
    /** What was written. */
    public record Result(Path manifest, Path repository, String yaml, TritonExport.Result triton) {
    }

    public static final String STORAGE_PLACEHOLDER = "s3://YOUR-BUCKET/models/";

    private KServeExport() {
    }

    public static Result export(Path model, Path dir, TritonOptions options) throws WorkbenchException {
        Path repository = dir.resolve("model-repository");
        TritonExport.Result triton = TritonExport.export(model, repository, options);
        String name = triton.modelDir().getFileName().toString();
        // Kubernetes object names: lowercase letters, digits and '-'.
        String service = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^-+|-+$", "");
        if (service.isEmpty()) {
            service = "onnx-model";
        }
        boolean gpu = options.gpu() || options.tensorrt();
        String yaml = """
                # KServe InferenceService for the ONNX model '%1$s', written by ONNX Workbench (export kserve).
                # 1. Upload the folder model-repository/ next to this file to storage your cluster can read
                #    (S3, GCS, Azure blob, a PVC: pvc://CLAIM/path).
                # 2. EDIT storageUri below to point at that uploaded folder (it holds %1$s/config.pbtxt).
                # 3. kubectl apply -f inferenceservice.yaml
                # 4. Send v2 requests: POST http://HOST/v2/models/%1$s/infer (Open Inference Protocol).
                apiVersion: serving.kserve.io/v1beta1
                kind: InferenceService
                metadata:
                  name: %2$s
                spec:
                  predictor:
                    model:
                      modelFormat:
                        name: onnx
                      protocolVersion: v2
                      storageUri: "%3$s%1$s-repository"   # EDIT: where model-repository/ was uploaded
                      args:
                        - --strict-model-config=true
                      resources:
                        requests:
                          cpu: "1"
                          memory: 2Gi
                        limits:
                          cpu: "2"
                          memory: 4Gi%4$s
                """.formatted(name, service, STORAGE_PLACEHOLDER, gpu ? "\n              nvidia.com/gpu: \"1\"" : "");
        try {
            Files.createDirectories(dir);
            Path manifest = dir.resolve("inferenceservice.yaml");
            Files.writeString(manifest, yaml, StandardCharsets.UTF_8);
            return new Result(manifest, repository, yaml, triton);
        } catch (IOException e) {
            throw new WorkbenchException("Could not write " + dir.resolve("inferenceservice.yaml") + ": "
                    + IoReasons.of(e), e);
        }
    }
}
