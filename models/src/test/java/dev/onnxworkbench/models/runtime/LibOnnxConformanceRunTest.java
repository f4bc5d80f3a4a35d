package dev.onnxworkbench.models.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.models.tensor.Tolerance;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Conformance: every test case of Debian's libonnx-testdata (the ONNX 1.12 backend suite, ~1,050 data
 * sets) runs through {@link Verifier} on ONNX Runtime's CPU provider. No case may end in "error" (a file
 * we could not read), and every "failed" case must be in known-failures.txt with its reason; an entry
 * there that passes now fails this test too. Unsupported cases (ORT has no kernel or the Java API cannot
 * pass the type) are counted with their reasons. The whole suite takes about half a minute on 2 cores.
 */
class LibOnnxConformanceRunTest {
    private static final Path ROOT = Path.of("/usr/share/libonnx-testdata/data");

    @Test
    void everyBackendTestCaseRunsAndMatchesOrIsAKnownFailure() throws Exception {
        assertThat(Files.isDirectory(ROOT)).as("libonnx-testdata must be installed (apt-get install libonnx-testdata)")
                .isTrue();
        List<Path> cases = new ArrayList<>();
        try (Stream<Path> suites = Files.list(ROOT)) {
            for (Path suite : suites.sorted().toList()) {
                try (Stream<Path> children = Files.list(suite)) {
                    children.filter(c -> Files.isRegularFile(c.resolve("model.onnx"))).sorted().forEach(cases::add);
                }
            }
        }
        assertThat(cases).hasSizeGreaterThan(900);

        ProviderSettings cpu = ProviderSettings.cpu().with(ProviderOption.INTRA_OP_THREADS, "1");
        Verifier verifier = new Verifier(TestSessions.factory(), cpu, Tolerance.ONNX_BACKEND);
        List<VerifyResult> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2); // CI has 2 cores; one ORT thread per case
        try {
            List<Future<List<VerifyResult>>> futures = new ArrayList<>();
            for (Path c : cases) {
                futures.add(pool.submit(() -> verifier.verifyCase(c)));
            }
            for (Future<List<VerifyResult>> f : futures) {
                results.addAll(f.get());
            }
        } finally {
            pool.shutdownNow();
        }

        Map<String, String> known = knownFailures();
        Map<VerifyResult.Status, Integer> counts = new EnumMap<>(VerifyResult.Status.class);
        Map<String, Integer> unsupportedReasons = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> failedCases = new ArrayList<>();
        for (VerifyResult r : results) {
            counts.merge(r.status(), 1, Integer::sum);
            switch (r.status()) {
                case ERROR -> errors.add(r.caseName() + " " + r.dataSet() + ": " + r.message());
                case FAILED -> {
                    failedCases.add(r.caseName());
                    if (!known.containsKey(r.caseName())) {
                        unexpected.add(r.caseName() + " " + r.dataSet() + ": " + r.message());
                    }
                }
                case UNSUPPORTED -> unsupportedReasons.merge(reason(r.message()), 1, Integer::sum);
                case PASSED -> { }
            }
        }
        System.out.printf("libonnx-testdata on ORT CPU: %d cases, %d data sets: %s%n", cases.size(), results.size(),
                counts);
        unsupportedReasons.forEach((reason, n) -> System.out.printf("  unsupported ×%d: %s%n", n, reason));

        assertThat(errors).as("test data sets that could not be read or run").isEmpty();
        assertThat(unexpected).as("failures not in known-failures.txt").isEmpty();
        List<String> stale = known.keySet().stream().filter(k -> !failedCases.contains(k)).toList();
        assertThat(stale).as("known-failures.txt entries that no longer fail (remove them)").isEmpty();
        assertThat(counts.getOrDefault(VerifyResult.Status.PASSED, 0)).as("uint16/32/64, sequence and optional inputs pass as constants").isGreaterThanOrEqualTo(975);
    }

    /** The reason without the case-specific parts, to group unsupported cases. */
    private static String reason(String message) {
        return message.replaceAll("/usr/share/\\S+", "…").replaceAll("'[^']*'", "'…'")
                .replaceAll("\\(\\d+\\)", "(n)").replaceAll("(uint|int)\\d+", "$1N");
    }

    static Map<String, String> knownFailures() throws Exception {
        Map<String, String> known = new TreeMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                LibOnnxConformanceRunTest.class.getResourceAsStream("known-failures.txt"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int eq = line.indexOf(" = ");
                assertThat(eq).as("known-failures.txt line needs 'case = reason': %s", line).isPositive();
                known.put(line.substring(0, eq).strip(), line.substring(eq + 3).strip());
            }
        }
        return known;
    }
}
