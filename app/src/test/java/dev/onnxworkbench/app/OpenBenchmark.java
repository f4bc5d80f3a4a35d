package dev.onnxworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.models.testing.Protos;
import dev.onnxworkbench.models.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Not part of the suite (it measures, it does not check): open-to-drawn time and memory over many
 * opens in one window at 1280×800, headless, or in the real window with {@code -Dbench.window=real} under
 * {@code xvfb-run} ({@code .ci/open-benchmark} runs that). Run:
 * <pre>./mvnw -o -q -B -pl app -am verify -Dtest=OpenBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbench.open=/path/a.onnx,/path/b.onnx|chain:50000 [-Dbench.opens=16] [-Dbench.window=real]</pre>
 * Each model in turn, {@code bench.opens} opens in all; prints per open the time to drawn from the file being
 * chosen ({@link MainWindow#open}, where File ▸ Open hands over the file when its dialog closes) and from the
 * benchmark's request (including the wait for the FX thread) to the pulse that puts the graph on screen, heap
 * after a full GC, the process's resident set (VmRSS) and the load average.
 */
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "bench.open", matches = ".+")
class OpenBenchmark {
    static {
        // -Dbench.window=real: the window the user gets (GTK glass, the default Prism pipeline) on the display in
        // DISPLAY (xvfb-run), instead of the suite's headless platform. Read before TestFX starts the toolkit.
        if ("real".equals(System.getProperty("bench.window"))) {
            System.setProperty("glass.platform", "gtk");
            System.clearProperty("prism.order");
            System.setProperty("java.awt.headless", "false");
        }
    }

    @TempDir
    static Path temp;

    private AppServices services;
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        services = dev.onnxworkbench.app.TestServices.create(Files.createDirectories(temp.resolve("data")));
        this.stage = stage;
        window = new MainWindow(services, stage);
        stage.setWidth(1280);
        stage.setHeight(800);
        stage.show();
    }

    @Test
    void openManyTimes(FxRobot robot) throws Exception {
        List<Path> models = new ArrayList<>();
        for (String spec : System.getProperty("bench.open").split(",")) {
            if (spec.startsWith("chain:")) {
                int n = Integer.parseInt(spec.substring("chain:".length()));
                models.add(Protos.write(TestModels.chain(n), temp.resolve("chain-" + n + ".onnx")));
            } else {
                models.add(Path.of(spec));
            }
        }
        int opens = Integer.getInteger("bench.opens", 16);
        long[] times = new long[opens];
        long[] fromRequest = new long[opens];
        System.out.printf("window: %s, %s, %.0f×%.0f; load average before: %s%n", System.getProperty("glass.platform"),
                javafx.application.Platform.isSupported(javafx.application.ConditionalFeature.SCENE3D)
                        ? "hardware pipeline (es2)" : "software pipeline", stage.getWidth(),
                stage.getHeight(), loadAverage());
        System.out.printf("open  model                        drawn after  after the    process    heap after  rss      "
                + "load average    where the time went%n");
        System.out.printf("                                   choosing     request      CPU time   a full GC%n");
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        for (int i = 0; i < opens; i++) {
            Path file = models.get(i % models.size());
            int drawnBefore = window.drawnOpens();
            long requested = System.nanoTime();
            long cpuBefore = os.getProcessCpuTime();
            robot.interact(() -> window.open(file));
            // Wait for this open's frame (counted: two opens may well take the same number of milliseconds).
            WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> window.drawnOpens() > drawnBefore
                    && !window.isOpening() && !window.graph().view().isLayingOut()
                    && file.equals(window.model() == null ? null : window.model().path()));
            WaitForAsyncUtils.waitForFxEvents();
            times[i] = window.lastOpenToDrawnMillis();
            fromRequest[i] = (window.lastDrawnNanos() - requested) / 1_000_000;
            // CPU the whole process used meanwhile (all threads): on a loaded machine wall time stretches, this not.
            long cpuMs = (os.getProcessCpuTime() - cpuBefore) / 1_000_000;
            System.gc();
            Thread.sleep(200);
            Runtime rt = Runtime.getRuntime();
            long heapMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
            System.out.printf("%4d  %-28s %8d ms  %8d ms  %6d ms  %7d MB  %5d MB  %-14s  %s%n", i + 1,
                    file.getFileName(), times[i], fromRequest[i], cpuMs, heapMb, rssMb(), loadAverage(),
                    window.lastOpenPhases());
        }
        long[] sorted = times.clone();
        Arrays.sort(sorted);
        System.out.printf("open-to-drawn over %d opens: median %d ms, min %d, max %d%n",
                opens, sorted[opens / 2], sorted[0], sorted[opens - 1]);
        for (int m = 0; m < models.size() && m < opens; m++) {
            List<Long> again = new ArrayList<>();
            for (int i = m + models.size(); i < opens; i += models.size()) {
                again.add(times[i]);
            }
            again.sort(null);
            System.out.printf("%s: first open %d ms; later opens median %s ms (%s)%n", models.get(m).getFileName(),
                    times[m], again.isEmpty() ? "-" : again.get(again.size() / 2),
                    again.isEmpty() ? "none" : again.getFirst() + "–" + again.getLast());
        }
        System.out.printf("rss after %d opens: %d MB; load average after: %s%n", opens, rssMb(), loadAverage());
        printNativeMemory();
        assertThat(sorted[0]).isPositive();
        robot.interact(stage::hide); // saves the placement while the preferences exist
        services.close();
    }

    /**
     * Where the resident set is: /proc/self/smaps summed by kind (Java heap, mapped files, other anonymous memory)
     * and, when the JVM runs with -XX:NativeMemoryTracking=summary, its own accounting (jcmd VM.native_memory).
     */
    private static void printNativeMemory() throws Exception {
        java.util.Map<String, Long> kb = new java.util.TreeMap<>();
        String kind = "anonymous";
        for (String line : Files.readAllLines(Path.of("/proc/self/smaps"))) {
            if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                String[] f = line.trim().split("\\s+");
                String name = f.length > 5 ? f[5] : "";
                kind = name.isEmpty() ? "anonymous" : name.startsWith("/") && name.endsWith(".so") || name.contains(".so.")
                        ? "shared libraries" : name.startsWith("/") ? "mapped files" : name;
            } else if (line.startsWith("Rss:")) {
                kb.merge(kind, Long.parseLong(line.replaceAll("\\D+", "")), Long::sum);
            }
        }
        kb.forEach((k, v) -> System.out.printf("rss %-20s %6d MB%n", k, v >> 10));
        try {
            Object nmt = java.lang.management.ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                    new Object[] {new String[] {"summary"}}, new String[] {String[].class.getName()});
            for (String line : String.valueOf(nmt).split("\n")) {
                if (line.startsWith("Total") || line.matches("^-\\s+\\S.*\\(reserved=.*")) {
                    System.out.println("nmt " + line.trim());
                }
            }
        } catch (javax.management.JMException e) {
            System.out.println("nmt unavailable: " + e.getMessage());
        }
    }

    /** The 1, 5 and 15 minute load averages: the machine is shared, every number is read against them. */
    private static String loadAverage() throws Exception {
        String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
        return f[0] + " " + f[1] + " " + f[2];
    }

    private static long rssMb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", "")) >> 10;
            }
        }
        return -1;
    }
}
