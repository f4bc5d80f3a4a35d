package dev.onnxworkbench.models.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 runs keep the process's resident memory flat: every input tensor, result and output value is
 * closed. Each run produces a 64 KiB output, so leaking results would add ~640 MB; leaking only the
 * native OrtValue headers would still add several MB per 1,000 runs. Measured in a child JVM whose heap
 * is fixed and pre-touched, so heap sizing cannot hide or fake a trend.
 */
@EnabledOnOs(OS.LINUX)
class NativeMemoryTest {
    @TempDir
    Path dir;

    private static final int WIDTH = 16_384;

    @Test
    void residentMemoryStaysFlatOverTenThousandRuns() throws Exception {
        List<Long> rss = probe("closing");
        long first = rss.getFirst() / 1024;
        long last = rss.getLast() / 1024;
        long max = rss.stream().mapToLong(Long::longValue).max().orElseThrow() / 1024;
        System.out.printf("RSS per 1,000 runs (MiB): %s%n", rss.stream().map(k -> k / 1024).toList());
        assertThat(last - first).as("RSS growth over 10,000 runs (MiB): %s", rss).isLessThan(16);
        assertThat(max - first).as("RSS peak over the first checkpoint (MiB): %s", rss).isLessThan(32);
    }

    /** The same measurement sees a leak: results that are never closed grow RSS by hundreds of MB. */
    @Test
    void theMeasurementDetectsUnclosedResults() throws Exception {
        List<Long> rss = probe("leak");
        System.out.printf("RSS per 1,000 leaking runs (MiB): %s%n", rss.stream().map(k -> k / 1024).toList());
        assertThat((rss.getLast() - rss.getFirst()) / 1024).isGreaterThan(200);
    }

    private List<Long> probe(String mode) throws Exception {
        int width = WIDTH;
        Path model = TinyModels.doubler(dir, width);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The class path travels in CLASSPATH, not on the command line: with Spark's jars on the test class path the
        // command line passes ~17 KB, and ONNX Runtime 1.29 crashes (SIGSEGV) reading a /proc/self/cmdline that long.
        ProcessBuilder builder = new ProcessBuilder(java, "-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch",
                "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
                NativeMemoryProbe.class.getName(), model.toString(),
                Path.of("target", "ort-native").toAbsolutePath().toString(), Integer.toString(width), "10", mode)
                .redirectErrorStream(true);
        builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        Process process = builder.start();
        List<Long> rss = new ArrayList<>();
        StringBuilder output = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.append(line).append('\n');
                if (line.startsWith("rss ")) {
                    rss.add(Long.parseLong(line.substring(4).strip()));
                }
            }
        }
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output.toString()).isZero();
        assertThat(rss).as(output.toString()).hasSize(10);
        return rss;
    }
}
