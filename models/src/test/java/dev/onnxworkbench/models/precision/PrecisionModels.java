package dev.onnxworkbench.models.precision;

import static dev.onnxworkbench.models.testing.Protos.floatAttr;
import static dev.onnxworkbench.models.testing.Protos.graphAttr;
import static dev.onnxworkbench.models.testing.Protos.intAttr;
import static dev.onnxworkbench.models.testing.Protos.intsAttr;
import static dev.onnxworkbench.models.testing.Protos.node;
import static dev.onnxworkbench.models.testing.Protos.tensorAttr;
import static dev.onnxworkbench.models.testing.Protos.tensorValue;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import dev.onnxworkbench.models.runtime.inputs.InputSpecs;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.testing.Protos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Generated models for the precision tests, and random sample sets for them. */
public final class PrecisionModels {
    static final int F = TensorProto.DataType.FLOAT_VALUE;
    static final int B = TensorProto.DataType.BOOL_VALUE;

    private PrecisionModels() {
    }

    /** audio[1, n] · gain (a float weight) → y: a one-input signal model. */
    public static Path signalModel(Path dir, long n) throws IOException {
        GraphProto.Builder g = GraphProto.newBuilder().setName("signal")
                .addInput(tensorValue("audio", F, 1L, n))
                .addInitializer(Protos.floats("gain", 11, 1))
                .addOutput(tensorValue("y", F, 1L, n));
        g.addNode(node("Mul", "gain_mul", List.of("audio", "gain"), List.of("y")));
        return Protos.write(Protos.model(g.build(), 13).build(), dir.resolve("signal.onnx"));
    }

    /** A tensor's bytes, for byte-for-byte comparisons of two roads to the same tensor. */
    public static byte[] bytes(HostTensor t) {
        java.nio.ByteBuffer b = t.data().duplicate();
        b.rewind();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** A line of dark text on a light page, written as a PNG of {@code width}×{@code height}. */
    public static Path textPicture(Path file, String text, int width, int height) throws IOException {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING, java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new java.awt.Color(236, 232, 224));
        g.fillRect(0, 0, width, height);
        g.setColor(new java.awt.Color(20, 24, 30));
        g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, Math.max(8, height / 3)));
        g.drawString(text, 6, height / 2);
        g.drawString(text.toUpperCase(java.util.Locale.ROOT), 6, height * 5 / 6);
        g.dispose();
        Files.createDirectories(file.getParent());
        javax.imageio.ImageIO.write(image, "png", file.toFile());
        return file;
    }

    /** A 64×32 black picture with a white bar from (x0, y0) to (x1, y1), exclusive: a line of "text". */
    public static Path barPicture(Path file, int x0, int y0, int x1, int y1) throws IOException {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(64, 32,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(java.awt.Color.BLACK);
        g.fillRect(0, 0, 64, 32);
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(x0, y0, x1 - x0, y1 - y0);
        g.dispose();
        Files.createDirectories(file.getParent());
        javax.imageio.ImageIO.write(image, "png", file.toFile());
        return file;
    }

    /**
     * A "brightness detector" for {@link #barPicture}s: x[1,3,32,32] → Conv(1×1, every weight 20/3, bias −10) →
     * Sigmoid → y[1,1,32,32]: about 1 where the picture is white, 0 where black, 0.26 on a letterbox's gray.
     */
    public static Path brightnessDetector(Path dir) throws IOException {
        GraphProto.Builder g = GraphProto.newBuilder().setName("brightness")
                .addInput(tensorValue("x", F, 1L, 3L, 32L, 32L))
                .addOutput(tensorValue("y", F, 1L, 1L, 32L, 32L))
                .addInitializer(Protos.rawTensor("w", F, floats(20f / 3, 20f / 3, 20f / 3), 1, 3, 1, 1))
                .addInitializer(Protos.rawTensor("b", F, floats(-10f), 1));
        g.addNode(node("Conv", "score", List.of("x", "w", "b"), List.of("logits")));
        g.addNode(node("Sigmoid", "probability", List.of("logits"), List.of("y")));
        return Protos.write(Protos.model(g.build(), 13).build(), dir.resolve("brightness.onnx"));
    }

    /**
     * x[1,3,8,8] → Conv(w initializer [4,3,3,3], b [4], pads 1) → Relu → r → Conv(w2 from a Constant node
     * [4,4,1,1]) → c2 → Add(c2, r) → y.
     */
    public static Path convNet(Path dir, long opset) throws IOException {
        GraphProto.Builder g = GraphProto.newBuilder().setName("convnet")
                .addInput(tensorValue("x", F, 1L, 3L, 8L, 8L))
                .addInitializer(Protos.floats("w", 1, 4, 3, 3, 3))
                .addInitializer(Protos.floats("b", 2, 4))
                .addOutput(tensorValue("y", F, 1L, 4L, 8L, 8L));
        g.addNode(node("Constant", "w2_const", List.of(), List.of("w2"))
                .addAttribute(tensorAttr("value", Protos.floats("", 3, 4, 4, 1, 1))));
        g.addNode(node("Conv", "conv1", List.of("x", "w", "b"), List.of("c1"))
                .addAttribute(intsAttr("pads", 1, 1, 1, 1)).addAttribute(intsAttr("kernel_shape", 3, 3)));
        if (opset < 11) {
            g.addNode(node("Clip", "clip", List.of("c1"), List.of("r")).addAttribute(floatAttr("min", 0f))
                    .addAttribute(floatAttr("max", 6f)));
        } else {
            g.addNode(node("Relu", "relu", List.of("c1"), List.of("r")));
        }
        g.addNode(node("Conv", "conv2", List.of("r", "w2"), List.of("c2")));
        g.addNode(node("Add", "add", List.of("c2", "r"), List.of("y")));
        return Protos.write(Protos.model(g.build(), opset).build(), dir.resolve("convnet" + opset + ".onnx"));
    }

    /** An opset-9 model whose Slice and Clip carry their arguments as attributes: x → Conv → Clip(0,6) → Slice → y. */
    static Path opset9(Path dir) throws IOException {
        GraphProto.Builder g = GraphProto.newBuilder().setName("old")
                .addInput(tensorValue("x", F, 1L, 3L, 8L, 8L))
                .addInitializer(Protos.floats("w", 5, 4, 3, 3, 3))
                .addOutput(tensorValue("y", F));
        g.addNode(node("Conv", "conv", List.of("x", "w"), List.of("c")).addAttribute(intsAttr("pads", 1, 1, 1, 1)));
        g.addNode(node("Clip", "clip", List.of("c"), List.of("r")).addAttribute(floatAttr("min", 0f))
                .addAttribute(floatAttr("max", 6f)));
        g.addNode(node("Slice", "slice", List.of("r"), List.of("y")).addAttribute(intsAttr("starts", 0, 1))
                .addAttribute(intsAttr("ends", 2, 7)).addAttribute(intsAttr("axes", 1, 2)));
        return Protos.write(Protos.model(g.build(), 9).build(), dir.resolve("old9.onnx"));
    }

    /** x[2,16] → MatMul(w [16,8]) → h → Gemm(h, w2 [4,8] transB, c [4]) → y[2,4]. */
    public static Path dense(Path dir) throws IOException {
        GraphProto.Builder g = GraphProto.newBuilder().setName("dense")
                .addInput(tensorValue("x", F, 2L, 16L))
                .addInitializer(Protos.floats("w", 7, 16, 8))
                .addInitializer(Protos.floats("w2", 8, 4, 8))
                .addInitializer(Protos.floats("c", 9, 4))
                .addOutput(tensorValue("y", F, 2L, 4L));
        g.addNode(node("MatMul", "mm", List.of("x", "w"), List.of("h")));
        g.addNode(node("Gemm", "gemm", List.of("h", "w2", "c"), List.of("y")).addAttribute(intAttr("transB", 1)));
        return Protos.write(Protos.model(g.build(), 13).build(), dir.resolve("dense.onnx"));
    }

    /**
     * x[4] and cond: If(cond) then x·2.5 else x+1 (each constant a Constant node inside its body, x read from the
     * outer scope); then Mul by a top-level weight → y.
     */
    static Path ifModel(Path dir) throws IOException {
        GraphProto then = GraphProto.newBuilder().setName("then")
                .addNode(node("Constant", "k_then", List.of(), List.of("k"))
                        .addAttribute(tensorAttr("value", Protos.rawTensor("", F, floats(2.5f), 1))))
                .addNode(node("Mul", "mul_then", List.of("x", "k"), List.of("t_out")))
                .addOutput(tensorValue("t_out", F, 4L)).build();
        GraphProto otherwise = GraphProto.newBuilder().setName("else")
                .addNode(node("Constant", "k_else", List.of(), List.of("one"))
                        .addAttribute(tensorAttr("value", Protos.rawTensor("", F, floats(1f), 1))))
                .addNode(node("Add", "add_else", List.of("x", "one"), List.of("e_out")))
                .addOutput(tensorValue("e_out", F, 4L)).build();
        GraphProto.Builder g = GraphProto.newBuilder().setName("branchy")
                .addInput(tensorValue("x", F, 4L))
                .addInput(tensorValue("cond", B))
                .addInitializer(Protos.floats("scale", 11, 4))
                .addOutput(tensorValue("y", F, 4L));
        g.addNode(node("If", "branch", List.of("cond"), List.of("z"))
                .addAttribute(graphAttr("then_branch", then)).addAttribute(graphAttr("else_branch", otherwise)));
        g.addNode(node("Mul", "scale_mul", List.of("z", "scale"), List.of("y")));
        return Protos.write(Protos.model(g.build(), 13).build(), dir.resolve("if.onnx"));
    }

    /** x[3] → Mul(big: values beyond float16's ±65504) → Mul(small) → y: the first Mul must stay float32. */
    static Path outOfRange(Path dir) throws IOException {
        GraphProto.Builder g = GraphProto.newBuilder().setName("big")
                .addInput(tensorValue("x", F, 3L))
                .addInitializer(Protos.rawTensor("big", F, floats(1e6f, -2e6f, 0.5f), 3))
                .addInitializer(Protos.rawTensor("small", F, floats(1e-3f, 2e-3f, 3e-3f), 3))
                .addOutput(tensorValue("y", F, 3L));
        g.addNode(node("Mul", "scale_big", List.of("x", "big"), List.of("m")));
        g.addNode(node("Mul", "scale_small", List.of("m", "small"), List.of("y")));
        return Protos.write(Protos.model(g.build(), 13).build(), dir.resolve("big.onnx"));
    }

    static byte[] floats(float... v) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(v.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    static Model read(Path p) throws WorkbenchException {
        return new OnnxReader().read(p);
    }

    static ModelProto proto(Path p) throws IOException {
        return ModelProto.parseFrom(Files.readAllBytes(p));
    }

    /** {@code n} samples of random floats in [-1, 1) for every float input; bool inputs true. */
    public static SampleSet randomSet(Path model, int n, long seed) throws WorkbenchException {
        Model m = read(model);
        var specs = InputSpecs.derive(m);
        SplittableRandom r = new SplittableRandom(seed);
        List<Map<String, HostTensor>> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, HostTensor> s = new java.util.LinkedHashMap<>();
            for (var spec : specs) {
                long[] shape = spec.shape().dims().stream().mapToLong(d ->
                        d instanceof dev.onnxworkbench.models.graph.Dimension.Fixed f ? f.value() : 1).toArray();
                long count = 1;
                for (long d : shape) {
                    count *= d;
                }
                if (spec.elementType() == dev.onnxworkbench.models.graph.ElementType.BOOL) {
                    boolean[] v = new boolean[(int) count];
                    java.util.Arrays.fill(v, i % 2 == 0);
                    s.put(spec.name(), HostTensor.ofBooleans(shape, v));
                    continue;
                }
                float[] v = new float[(int) count];
                for (int k = 0; k < v.length; k++) {
                    v[k] = (float) (r.nextDouble() * 2 - 1);
                }
                s.put(spec.name(), HostTensor.ofFloats(shape, v));
            }
            samples.add(s);
        }
        return SampleSet.of(specs, samples, "random");
    }
}
