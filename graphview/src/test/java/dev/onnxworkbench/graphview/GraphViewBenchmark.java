package dev.onnxworkbench.graphview;

import dev.onnxworkbench.graphview.layout.LayeredLayout;
import dev.onnxworkbench.graphview.layout.BoxStyle;
import dev.onnxworkbench.graphview.render.DecorationIndex;
import dev.onnxworkbench.graphview.render.EdgeLabelPlacement;
import dev.onnxworkbench.graphview.render.OverviewRaster;
import dev.onnxworkbench.graphview.render.Palette;
import java.util.Arrays;
import java.util.Random;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * Layout, first-frame and frame-time benchmark (not a test). Run headless:
 * {@code java -Dglass.platform=Headless -cp <test classpath> dev.onnxworkbench.graphview.GraphViewBenchmark [sizes]}.
 * Prints medians with min/max over repeated runs: layout, label placement and overview raster (the
 * three background steps of opening), and first frame (from setting the diagram on a shown view to the
 * end of its first drawn frame). {@code -DskipFrames=true} skips the pan/zoom frame times.
 */
public final class GraphViewBenchmark {
    /** With -Drasterize=true each frame time includes software rasterization and read-back (a snapshot). */
    private static final boolean RASTERIZE = Boolean.getBoolean("rasterize");

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length > 0 ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
                : new int[] {300, 1_000, 5_000, 20_000, 50_000, 100_000};
        FxTestSupport.start();
        FxTestSupport.onFx(() -> dev.onnxworkbench.graphview.layout.BoxStyle.standard());
        LayeredLayout.compute(TestDiagrams.modelLike(2_000, 1), LayoutDirection.TOP_TO_BOTTOM); // warm-up
        System.out.println("nodes\tlayout_ms\tlabels_ms\traster_ms\tfirst_frame_ms (each: median (min-max))");
        for (int size : sizes) {
            Diagram diagram = TestDiagrams.modelLike(size, 42);
            int runs = Integer.getInteger("runs", size >= 50_000 ? 3 : 5);
            double[] layout = new double[runs];
            double[] labels = new double[runs];
            double[] raster = new double[runs];
            double[] firstFrame = new double[runs];
            Palette palette = Palette.of(Theme.LIGHT);
            for (int r = 0; r < runs; r++) {
                long t0 = System.nanoTime();
                var l = LayeredLayout.compute(diagram, LayoutDirection.TOP_TO_BOTTOM);
                long t1 = System.nanoTime();
                EdgeLabelPlacement.compute(l, DecorationIndex.NONE, BoxStyle.standard());
                long t2 = System.nanoTime();
                OverviewRaster.render(l, palette);
                long t3 = System.nanoTime();
                layout[r] = (t1 - t0) / 1e6;
                labels[r] = (t2 - t1) / 1e6;
                raster[r] = (t3 - t2) / 1e6;
                firstFrame[r] = firstFrame(new Diagram(diagram.nodes(), diagram.edges()));
            }
            System.out.printf("%d\t%s\t%s\t%s\t%s%n", diagram.nodes().size(), stats(layout), stats(labels), stats(raster),
                    stats(firstFrame));
        }
        if (!Boolean.getBoolean("skipFrames")) {
            frameTimes(TestDiagrams.modelLike(100_000, 42));
        }
        System.exit(0);
    }

    /** From setting the diagram on a shown view to the end of its first drawn frame. */
    private static double firstFrame(Diagram diagram) throws Exception {
        GraphView view = FxTestSupport.onFx(() -> {
            GraphView v = new GraphView();
            Stage stage = new Stage();
            stage.setScene(new Scene(new StackPane(v), 1400, 900));
            stage.show();
            return v;
        });
        long t0 = System.nanoTime();
        FxTestSupport.onFx(() -> {
            view.setDiagram(diagram);
            return null;
        });
        while (!FxTestSupport.onFx(() -> view.getLayout() != null)) {
            Thread.sleep(1);
        }
        FxTestSupport.onFx(view::redrawNow);
        double ms = (System.nanoTime() - t0) / 1e6;
        FxTestSupport.onFx(() -> {
            view.getScene().getWindow().hide();
            return null;
        });
        return ms;
    }

    /** Scripted pan and zoom at 100k nodes: time of each frame drawn. */
    private static void frameTimes(Diagram diagram) throws Exception {
        GraphView view = FxTestSupport.onFx(() -> {
            GraphView v = new GraphView();
            Stage stage = new Stage();
            stage.setScene(new Scene(new StackPane(v), 1400, 900));
            stage.show();
            v.setDiagram(diagram);
            return v;
        });
        while (!FxTestSupport.onFx(() -> view.getLayout() != null)) {
            Thread.sleep(5);
        }
        Random random = new Random(7);
        double[] scales = {1, 0.6, 0.35, 0.2, 0.12, 0.05};
        int pans = 50;
        double[] all = new double[scales.length * pans];
        int k = 0;
        for (double target : scales) {
            double[] times = new double[pans];
            for (int f = 0; f < pans; f++) {
                int step = f;
                times[f] = FxTestSupport.onFx(() -> {
                    if (step == 0) {
                        view.centerOn("n" + random.nextInt(90_000));
                        view.zoomAt(target / view.getZoom(), 700, 450);
                    } else {
                        double sign = step % 2 == 0 ? 1 : -1; // oscillate so the view stays on the graph
                        view.panBy(sign * (150 + random.nextInt(100)), sign * (100 + random.nextInt(100)));
                    }
                    long t0 = System.nanoTime();
                    view.redrawNow();
                    if (RASTERIZE) {
                        view.snapshot(null, null); // forces the software pipeline to rasterize the frame
                    }
                    return (System.nanoTime() - t0) / 1e6;
                });
                all[k++] = times[f];
            }
            System.out.printf("zoom %.2f: frame %s ms (median min-max over %d pans)%n", target, stats3(times), pans);
        }
        System.out.printf("all frames at 100k nodes: %s ms%n", stats3(all));
    }

    private static String stats3(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return String.format("%.2f (%.2f-%.2f), p95 %.2f", s[s.length / 2], s[0], s[s.length - 1],
                s[(int) (s.length * 0.95)]);
    }

    private static String stats(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return String.format("%.0f (%.0f-%.0f)", s[s.length / 2], s[0], s[s.length - 1]);
    }
}
