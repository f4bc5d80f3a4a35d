package dev.onnxworkbench.models.samples;

import static dev.onnxworkbench.models.samples.OnnxBuilder.FLOAT;
import static dev.onnxworkbench.models.samples.OnnxBuilder.floatTensor;
import static dev.onnxworkbench.models.samples.OnnxBuilder.integer;
import static dev.onnxworkbench.models.samples.OnnxBuilder.ints;
import static dev.onnxworkbench.models.samples.OnnxBuilder.node;
import static dev.onnxworkbench.models.samples.OnnxBuilder.prop;
import static dev.onnxworkbench.models.samples.OnnxBuilder.value;

import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.onnx.proto.OperatorSetIdProto;
import java.util.List;

/**
 * The image sample: which of six colours dominates an RGB image (N×3×64×64, values 0–1).
 *
 * <p>The weights are designed, not trained. For pixel values x in [0, 1] and a prototype p with channels
 * in {0, 1}, the L1 distance {@code d = Σ|x − p| = Σ(1 − 2p)·x + |p|} is linear in x, so one convolution
 * (averaged over a 3×3 window to smooth noise) computes {@code −SHARPNESS·d} for every colour, and a
 * Softmax across the channels assigns each pixel, softly, to its nearest colour — dull and mixed colours
 * included (a (40, 200, 60) pixel is green). MaxPool then GlobalAveragePool turn those masks into the
 * share of the image each colour covers, and a scaled identity Gemm + Softmax turns shares into
 * probabilities.
 */
final class ColourClassifierModel {
    static final List<String> LABELS = List.of("red", "green", "blue", "yellow", "black", "white");
    static final float[][] PROTOTYPES = {
        {1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 1, 0}, {0, 0, 0}, {1, 1, 1}};
    static final int SIZE = 64;
    /** Softmax temperature: a colour covering 30% more of the image than the next gets ~98%. */
    static final float LOGIT_SCALE = 12f;
    /** Per-pixel assignment sharpness: a pixel 0.5 closer (L1) to one colour goes ~99% to it. */
    static final float SHARPNESS = 10f;
    static final String INPUT = "image";
    static final String OUTPUT = "probabilities";

    private ColourClassifierModel() {
    }

    static ModelProto build() {
        int classes = LABELS.size();
        float[] convWeights = new float[classes * 3 * 3 * 3];
        float[] convBias = new float[classes];
        for (int c = 0; c < classes; c++) {
            float ones = 0;
            for (int ch = 0; ch < 3; ch++) {
                float w = -SHARPNESS * (1 - 2 * PROTOTYPES[c][ch]) / 9f; // averaged over the 3×3 window
                ones += PROTOTYPES[c][ch];
                for (int k = 0; k < 9; k++) {
                    convWeights[((c * 3) + ch) * 9 + k] = w;
                }
            }
            convBias[c] = -SHARPNESS * ones;
        }
        float[] gemmWeights = new float[classes * classes];
        for (int c = 0; c < classes; c++) {
            gemmWeights[c * classes + c] = LOGIT_SCALE;
        }

        GraphProto graph = GraphProto.newBuilder()
                .setName("dominant_colour")
                .addInput(value(INPUT, FLOAT, "RGB image, channels first, values 0–1.", "N", 3L, (long) SIZE,
                        (long) SIZE))
                .addInitializer(floatTensor("colour_detector.weight", convWeights, classes, 3, 3, 3))
                .addInitializer(floatTensor("colour_detector.bias", convBias, classes))
                .addInitializer(floatTensor("classifier.weight", gemmWeights, classes, classes))
                .addInitializer(floatTensor("classifier.bias", new float[classes], classes))
                .addNode(node("Conv", "", List.of(INPUT, "colour_detector.weight", "colour_detector.bias"),
                        List.of("colour_scores"), ints("kernel_shape", 3, 3), ints("pads", 1, 1, 1, 1)))
                .addNode(node("Softmax", "", List.of("colour_scores"), List.of("colour_masks"), integer("axis", 1)))
                .addNode(node("MaxPool", "", List.of("colour_masks"), List.of("pooled_masks"),
                        ints("kernel_shape", 2, 2), ints("strides", 2, 2)))
                .addNode(node("GlobalAveragePool", "", List.of("pooled_masks"), List.of("colour_shares")))
                .addNode(node("Flatten", "", List.of("colour_shares"), List.of("features"), integer("axis", 1)))
                .addNode(node("Gemm", "", List.of("features", "classifier.weight", "classifier.bias"),
                        List.of("logits"), integer("transB", 1)))
                .addNode(node("Softmax", "", List.of("logits"), List.of(OUTPUT), integer("axis", 1)))
                .addOutput(value(OUTPUT, FLOAT, "Probability of each colour, in the order of the labels.", "N",
                        (long) classes))
                .build();
        return ModelProto.newBuilder()
                .setIrVersion(8)
                .setProducerName("ONNX Workbench sample generator")
                .setProducerVersion("1")
                .setDomain("dev.onnxworkbench.samples")
                .setModelVersion(1)
                .setDocString("Classifies the dominant colour of an image: " + String.join(", ", LABELS) + ".")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .setGraph(graph)
                .addMetadataProps(prop("description",
                        "Dominant colour of a 64×64 RGB image (NCHW, values 0–1): red, green, blue, yellow, black "
                                + "or white. Designed weights: each pixel is assigned to its nearest colour (L1 distance, "
                                + "soft), and the shares of the image each colour covers decide."))
                .addMetadataProps(prop("author", "ONNX Workbench sample generator (SampleModels.java)"))
                .addMetadataProps(prop("labels", String.join(",", LABELS)))
                .addMetadataProps(prop("image_layout", "NCHW, RGB, 0–1"))
                .build();
    }
}
