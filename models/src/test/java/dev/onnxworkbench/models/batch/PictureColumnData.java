package dev.onnxworkbench.models.batch;

import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.testing.Protos;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/** For tests of columns of picture paths: a model that hands its picture back, and pictures of random pixels. */
public final class PictureColumnData {
    private PictureColumnData() {
    }

    /** {@code identity.onnx} in {@code dir}: x float32[N,3,4,4] → y = x, so y is the preprocessed picture. */
    public static Path identityModel(Path dir) throws Exception {
        GraphProto g = GraphProto.newBuilder().setName("identity")
                .addInput(Protos.tensorValue("x", 1, "N", 3L, 4L, 4L))
                .addOutput(Protos.tensorValue("y", 1, "N", 3L, 4L, 4L))
                .addNode(Protos.node("Identity", "id", List.of("x"), List.of("y"))).build();
        return Protos.write(Protos.model(g, 17).build(), dir.resolve("identity.onnx"));
    }

    /** A {@code w}×{@code h} PNG of random pixels (its folders created). */
    public static Path picture(Path file, int w, int h, long seed) throws Exception {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
        return file;
    }
}
