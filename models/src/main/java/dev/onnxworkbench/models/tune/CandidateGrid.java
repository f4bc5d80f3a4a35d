package dev.onnxworkbench.models.tune;

import dev.onnxworkbench.models.runtime.ExecutionProvider;
import dev.onnxworkbench.models.runtime.ProviderOption;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The settings the tuner tries, in the order it tries them: the default settings first, then settings that
 * change one thing from the defaults, then two, and so on — so a short budget still covers every single
 * change. Only options that differ from ONNX Runtime's defaults are set, which keeps equal settings equal.
 */
final class CandidateGrid {
    private CandidateGrid() {}

    static final List<String> LEVELS = List.of("all", "extended", "basic", "disable");

    /** The CPU provider's defaults: what a session gets with no options at all. */
    static ProviderSettings defaults() {
        return ProviderSettings.cpu();
    }

    /** CPU: graph optimization level × intra-op threads × execution mode (parallel with inter-op threads). */
    static List<ProviderSettings> cpu(int cores) {
        Set<Integer> threads = new LinkedHashSet<>(List.of(0));
        for (int t = 1; t <= cores; t *= 2) {
            threads.add(t);
        }
        threads.add(cores);
        List<Map<String, String>> modes = new ArrayList<>();
        modes.add(Map.of());
        modes.add(Map.of(ProviderOption.EXECUTION_MODE, "parallel"));
        if (cores > 1) {
            modes.add(Map.of(ProviderOption.EXECUTION_MODE, "parallel", ProviderOption.INTER_OP_THREADS,
                    Integer.toString(Math.min(2, cores))));
        }
        List<ProviderSettings> grid = new ArrayList<>();
        for (int t : threads) {
            for (String level : LEVELS) {
                for (Map<String, String> mode : modes) {
                    Map<String, String> options = new TreeMap<>(mode);
                    if (t != 0) {
                        options.put(ProviderOption.INTRA_OP_THREADS, Integer.toString(t));
                    }
                    if (!level.equals("all")) {
                        options.put(ProviderOption.GRAPH_OPTIMIZATION, level);
                    }
                    grid.add(new ProviderSettings(ExecutionProvider.CPU, options));
                }
            }
        }
        return byDistanceFromDefaults(grid);
    }

    /** CUDA: graph optimization level × cuDNN convolution algorithm search. */
    static List<ProviderSettings> cuda() {
        List<ProviderSettings> grid = new ArrayList<>();
        for (String search : List.of("EXHAUSTIVE", "HEURISTIC", "DEFAULT")) {
            for (String level : List.of("all", "extended", "basic")) {
                ProviderSettings s = ProviderSettings.defaults(ExecutionProvider.CUDA);
                if (!search.equals("EXHAUSTIVE")) {
                    s = s.with(ProviderOption.CUDNN_CONV_ALGO_SEARCH, search);
                }
                if (!level.equals("all")) {
                    s = s.with(ProviderOption.GRAPH_OPTIMIZATION, level);
                }
                grid.add(s);
            }
        }
        return byDistanceFromDefaults(grid);
    }

    /** TensorRT: FP16 × engine and timing caches (in {@code cache}), at the default optimization level. */
    static List<ProviderSettings> tensorRt(Path cache) {
        List<ProviderSettings> grid = new ArrayList<>();
        for (boolean fp16 : List.of(false, true)) {
            for (boolean cached : List.of(false, true)) {
                ProviderSettings s = ProviderSettings.defaults(ExecutionProvider.TENSORRT);
                if (fp16) {
                    s = s.with(ProviderOption.TRT_FP16, "true");
                }
                if (cached && cache != null) {
                    String dir = cache.toAbsolutePath().toString();
                    s = s.with(ProviderOption.TRT_ENGINE_CACHE, "true").with(ProviderOption.TRT_ENGINE_CACHE_PATH, dir)
                            .with(ProviderOption.TRT_TIMING_CACHE, "true").with(ProviderOption.TRT_TIMING_CACHE_PATH, dir);
                }
                grid.add(s);
            }
        }
        return List.copyOf(new LinkedHashSet<>(grid));
    }

    /**
     * The untried settings, most promising first: each option's effect is what changing only that option did
     * (p50 relative to the provider's defaults), and a combination is predicted as the product of its options'
     * effects — so "1 thread" and "basic", each faster alone, are tried together before anything slower. An
     * option that disagreed or failed alone sorts its combinations last; unmeasured options count as neutral.
     */
    static List<ProviderSettings> mostPromisingFirst(List<ProviderSettings> untried, List<Candidate> done) {
        Map<ExecutionProvider, Double> base = new java.util.EnumMap<>(ExecutionProvider.class);
        Map<String, Double> effect = new java.util.HashMap<>();
        for (Candidate c : done) {
            if (c.settings().options().isEmpty() && c.eligible()) {
                base.put(c.settings().provider(), c.p50Ms());
            }
        }
        for (Candidate c : done) {
            Double b = base.get(c.settings().provider());
            if (c.settings().options().size() == 1 && b != null) {
                var option = c.settings().options().entrySet().iterator().next();
                effect.put(c.settings().provider() + "|" + option.getKey() + "=" + option.getValue(),
                        c.eligible() ? c.p50Ms() / b : Double.POSITIVE_INFINITY);
            }
        }
        List<ProviderSettings> sorted = new ArrayList<>(untried);
        sorted.sort(Comparator.comparingDouble(s -> {
            double predicted = 1;
            for (var option : s.options().entrySet()) {
                predicted *= effect.getOrDefault(s.provider() + "|" + option.getKey() + "=" + option.getValue(), 1.0);
            }
            return predicted;
        }));
        return sorted;
    }

    /** Stable sort by how many options are set (the defaults first). */
    private static List<ProviderSettings> byDistanceFromDefaults(List<ProviderSettings> grid) {
        List<ProviderSettings> sorted = new ArrayList<>(new LinkedHashSet<>(grid));
        sorted.sort(Comparator.comparingInt(s -> s.options().size()));
        return sorted;
    }
}
