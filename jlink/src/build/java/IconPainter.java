import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.CubicCurve2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws the application icon and the .onnx document icon with Java2D and writes them in every
 * format the installers want: PNG (Linux, 48/128/256 px), ICO (Windows) and ICNS (macOS).
 * The output is committed under jlink/src/main/icons/; rerun after changing the drawing:
 *
 * <pre>java -Djava.awt.headless=true jlink/src/build/java/IconPainter.java jlink/src/main/icons</pre>
 *
 * The motif is what the app shows: a small Netron-style graph, two operator boxes (a blue layer
 * and a green pooling node) feeding a red activation, on a light rounded tile.
 */
public final class IconPainter {

    private static final Color LAYER = new Color(0x33, 0x55, 0x88);      // Netron's layer blue
    private static final Color POOL = new Color(0x33, 0x66, 0x44);       // pooling green
    private static final Color ACTIVATION = new Color(0x8a, 0x2e, 0x24); // activation red
    private static final Color EDGE = new Color(0x40, 0x46, 0x50);

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : ".");
        Files.createDirectories(dir);
        Map<Integer, byte[]> app = new LinkedHashMap<>();
        Map<Integer, byte[]> doc = new LinkedHashMap<>();
        for (int size : new int[] {16, 32, 48, 128, 256, 512}) {
            app.put(size, png(appIcon(size)));
            doc.put(size, png(documentIcon(size)));
        }
        for (int size : new int[] {48, 128, 256}) {
            Files.write(dir.resolve("onnx-workbench-" + size + ".png"), app.get(size));
            Files.write(dir.resolve("onnx-model-" + size + ".png"), doc.get(size));
        }
        Files.write(dir.resolve("onnx-workbench.ico"), ico(app, 16, 32, 48, 256));
        Files.write(dir.resolve("onnx-model.ico"), ico(doc, 16, 32, 48, 256));
        Files.write(dir.resolve("onnx-workbench.icns"), icns(app));
        Files.write(dir.resolve("onnx-model.icns"), icns(doc));
        System.out.println("IconPainter: wrote icons to " + dir.toAbsolutePath());
    }

    /** The app icon: a rounded tile with the three-node graph. Drawn on a 256 grid, scaled. */
    static BufferedImage appIcon(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = start(img, size);
        // Tile with a soft vertical gradient and a hairline border, inset so the shadow fits.
        RoundRectangle2D tile = new RoundRectangle2D.Double(12, 12, 232, 232, 52, 52);
        g.setColor(new Color(0, 0, 0, 40));
        g.fill(new RoundRectangle2D.Double(12, 16, 232, 232, 52, 52));
        g.setPaint(new GradientPaint(0, 12, new Color(0xfb, 0xfc, 0xfe), 0, 244, new Color(0xdf, 0xe6, 0xf0)));
        g.fill(tile);
        g.setColor(new Color(0xa9, 0xb4, 0xc4));
        g.setStroke(new BasicStroke(3f));
        g.draw(tile);
        drawGraph(g, 0, 0, 1.0);
        g.dispose();
        return img;
    }

    /** The .onnx document icon: a page with a folded corner and the same graph, smaller. */
    static BufferedImage documentIcon(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = start(img, size);
        Path2D page = new Path2D.Double();
        page.moveTo(40, 12);
        page.lineTo(170, 12);
        page.lineTo(220, 62);
        page.lineTo(220, 244);
        page.lineTo(40, 244);
        page.closePath();
        g.setColor(new Color(0, 0, 0, 40));
        g.fill(AffineTransform.getTranslateInstance(0, 4).createTransformedShape(page));
        g.setColor(Color.WHITE);
        g.fill(page);
        g.setColor(new Color(0x9a, 0xa5, 0xb5));
        g.setStroke(new BasicStroke(5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(page);
        Path2D fold = new Path2D.Double();
        fold.moveTo(170, 12);
        fold.lineTo(170, 62);
        fold.lineTo(220, 62);
        g.setColor(new Color(0xe4, 0xe9, 0xf0));
        g.fill(fold);
        g.setColor(new Color(0x9a, 0xa5, 0xb5));
        g.draw(fold);
        drawGraph(g, 2, 30, 0.72);
        g.dispose();
        return img;
    }

    /** Two boxes on top feed one box below (like Conv and Pool into Add/Relu), with curved edges. */
    private static void drawGraph(Graphics2D g, double dx, double dy, double scale) {
        AffineTransform saved = g.getTransform();
        g.translate(128 + dx, 128 + dy);
        g.scale(scale, scale);
        g.translate(-128, -128);
        g.setColor(EDGE);
        g.setStroke(new BasicStroke(9f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new CubicCurve2D.Double(78, 100, 78, 140, 128, 130, 128, 160));
        g.draw(new CubicCurve2D.Double(178, 100, 178, 140, 128, 130, 128, 160));
        arrowHead(g, 128, 176);
        box(g, 36, 52, 84, 48, LAYER);
        box(g, 136, 52, 84, 48, POOL);
        box(g, 76, 176, 104, 48, ACTIVATION);
        g.setTransform(saved);
    }

    private static void box(Graphics2D g, double x, double y, double w, double h, Color fill) {
        RoundRectangle2D r = new RoundRectangle2D.Double(x, y, w, h, 16, 16);
        g.setColor(fill);
        g.fill(r);
        // A lighter band where Netron prints the operator name, hinting at text without any.
        g.setColor(new Color(255, 255, 255, 150));
        g.fill(new RoundRectangle2D.Double(x + 14, y + h / 2 - 5, w - 28, 10, 10, 10));
    }

    private static void arrowHead(Graphics2D g, double x, double tipY) {
        Path2D head = new Path2D.Double();
        head.moveTo(x - 15, tipY - 22);
        head.lineTo(x + 15, tipY - 22);
        head.lineTo(x, tipY);
        head.closePath();
        g.fill(head);
    }

    private static Graphics2D start(BufferedImage img, int size) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.scale(size / 256.0, size / 256.0);
        return g;
    }

    private static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** ICO with PNG-compressed entries (read by Windows Vista and later). */
    private static byte[] ico(Map<Integer, byte[]> pngs, int... sizes) {
        int headerSize = 6 + 16 * sizes.length;
        int total = headerSize;
        for (int s : sizes) {
            total += pngs.get(s).length;
        }
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0).putShort((short) 1).putShort((short) sizes.length);
        int offset = headerSize;
        for (int s : sizes) {
            byte[] data = pngs.get(s);
            b.put((byte) (s >= 256 ? 0 : s)).put((byte) (s >= 256 ? 0 : s)); // 0 means 256
            b.put((byte) 0).put((byte) 0).putShort((short) 1).putShort((short) 32);
            b.putInt(data.length).putInt(offset);
            offset += data.length;
        }
        for (int s : sizes) {
            b.put(pngs.get(s));
        }
        return b.array();
    }

    /** ICNS with PNG entries: ic07 = 128, ic08 = 256, ic09 = 512 pixels. */
    private static byte[] icns(Map<Integer, byte[]> pngs) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(body);
        for (var e : Map.of("ic07", 128, "ic08", 256, "ic09", 512).entrySet().stream()
                .sorted(Map.Entry.comparingByValue()).toList()) {
            byte[] data = pngs.get(e.getValue());
            d.writeBytes(e.getKey());
            d.writeInt(8 + data.length);
            d.write(data);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(out);
        h.writeBytes("icns");
        h.writeInt(8 + body.size());
        h.write(body.toByteArray());
        return out.toByteArray();
    }

    private IconPainter() {}
}
