package dev.onnxworkbench.models.bench;

import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The machine a benchmark ran on, so numbers from different machines are never mixed up. */
public record MachineInfo(String os, String arch, String cpu, int logicalCores, double memoryGiB,
                          String javaVersion, String onnxRuntimeVersion) {

    public static MachineInfo current() {
        double memory = Double.NaN;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            memory = Math.round(os.getTotalMemorySize() / (double) (1L << 30) * 10) / 10.0;
        }
        String ort;
        try {
            ort = OrtEnvironment.getEnvironment().getVersion();
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            ort = "unknown";
        }
        return new MachineInfo(System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("os.arch"), cpuModel(), Runtime.getRuntime().availableProcessors(), memory,
                Runtime.version().toString(), ort);
    }

    /** "Intel(R) Xeon(R) ..." from /proc/cpuinfo on Linux; the architecture elsewhere. */
    private static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            try (Stream<String> lines = Files.lines(cpuinfo)) {
                return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                        .findFirst().orElse(System.getProperty("os.arch"));
            } catch (IOException | java.io.UncheckedIOException e) {
                // fall through: the architecture is still worth reporting
            }
        }
        return System.getProperty("os.arch");
    }

    public String summary() {
        return cpu + ", " + logicalCores + " cores, " + memoryGiB + " GiB, " + os + ", ONNX Runtime " + onnxRuntimeVersion;
    }
}
