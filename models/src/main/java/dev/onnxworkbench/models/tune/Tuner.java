package dev.onnxworkbench.models.tune;

import ai.onnxruntime.OrtException;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.bench.LatencyStats;
import dev.onnxworkbench.models.bench.ModelPrecision;
import dev.onnxworkbench.models.tensor.Tolerance;
import dev.onnxworkbench.models.bench.OutputAgreement;
import dev.onnxworkbench.models.bench.OutputComparison;
import dev.onnxworkbench.models.bench.ProviderProbe;
import dev.onnxworkbench.models.bench.ProviderStatus;
import dev.onnxworkbench.models.runtime.ExecutionProvider;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Olive-style search for session settings, through the Java API. Within the time budget it tries provider ×
 * graph optimization level × threads × execution mode (× TensorRT FP16 and caches, CUDA's cuDNN algorithm
 * search where those providers load), always starting with the default settings; a candidate whose outputs
 * differ from the CPU reference beyond the tolerances never wins. The search ranks by p50. Then the best few
 * and the defaults are measured again, interleaved in short rounds so that load from other processes hits
 * all of them alike: the winner and the "default" numbers of the report come from that same final round,
 * and the default stays the winner unless something beat it there. With a precision axis, lower-precision copies
 * of the model (FP16, INT8) are candidates too, accuracy-gated: one whose outputs are further from FP32's than
 * {@link TuneRequest#precisionTolerance()} is rejected with its error and never wins.
 */
public final class Tuner {
    /** Share of the budget for the search; the rest is the final head-to-head. */
    private static final double SEARCH_SHARE = 0.7;
    private static final int FINALISTS = 2;
    private static final long MIN_CANDIDATE_NS = 250_000_000L;
    private static final long MAX_CANDIDATE_NS = 4_000_000_000L;
    private static final int MIN_RUNS = 5;
    /**
     * Each finalist's share of a final round. Long enough that the previous session's idle intra-op threads have
     * stopped spinning (ONNX Runtime spins them after every run, which on a small machine slows whichever session
     * runs next), and the first run of each share is not counted.
     */
    private static final long ROUND_NS = 500_000_000L;

    private final SessionFactory sessions;
    private final ProviderProbe probe;

    public Tuner(SessionFactory sessions, ProviderProbe probe) {
        this.sessions = sessions;
        this.probe = probe;
    }

    public Tuner(SessionFactory sessions) {
        this(sessions, new ProviderProbe(sessions));
    }

    public TuneReport tune(Path model, InputSet inputSet, TuneRequest request, TuneListener listener)
            throws WorkbenchException {
        if (!Files.isRegularFile(model)) {
            throw new WorkbenchException("Cannot tune " + model + ": no such file.");
        }
        long start = System.nanoTime();
        long budgetNs = request.budget().toNanos();
        long searchEnd = start + (long) (budgetNs * SEARCH_SHARE);
        Map<String, HostTensor> inputs = inputSet.values();
        Clock clock = new Clock(start, budgetNs, listener);

        List<ProviderSettings> grid = new ArrayList<>();
        List<Candidate> results = new ArrayList<>();
        List<Candidate> unavailable = new ArrayList<>(); // listed after the search, so the defaults come first
        grid.addAll(CandidateGrid.cpu(Math.max(1, Runtime.getRuntime().availableProcessors())));
        for (ExecutionProvider p : List.of(ExecutionProvider.CUDA, ExecutionProvider.TENSORRT)) {
            if (!request.providers().contains(p)) {
                continue;
            }
            List<ProviderSettings> providerGrid = p == ExecutionProvider.CUDA ? CandidateGrid.cuda()
                    : CandidateGrid.tensorRt(request.tensorRtCache());
            listener.progress(clock.fraction(), "Checking whether " + p.displayName() + " loads…");
            ProviderStatus status = probe.probe(p);
            if (status.available()) {
                grid.addAll(providerGrid);
            } else {
                Candidate c = Candidate.pending(providerGrid.getFirst(), false, Candidate.Status.UNAVAILABLE,
                        status.reason() + " (" + providerGrid.size() + " " + p.displayName() + " settings skipped)");
                unavailable.add(c);
                listener.candidateFinished(c);
            }
        }
        ProviderSettings defaults = CandidateGrid.defaults();
        // Each lower-precision copy is tried at the defaults and at the fastest FP32 setting: time kept for them.
        int precisionSlots = 2 * request.precisions().size();
        long perCandidate = Math.clamp((long) (budgetNs * SEARCH_SHARE) / Math.max(1, grid.size() + precisionSlots),
                MIN_CANDIDATE_NS, MAX_CANDIDATE_NS);
        long gridEnd = Math.max(start, searchEnd - precisionSlots * perCandidate);

        Map<String, OutputComparison.Values> reference = null;
        boolean cancelled = false;
        long spentPerCandidate = 0;
        int tried = 0;
        boolean reordered = false;
        for (int index = 0; index < grid.size(); index++) {
            ProviderSettings settings = grid.get(index);
            if (!reordered && settings.options().size() > 1) {
                // Every single change has been measured: try the combinations their effects predict fastest first.
                reordered = true;
                List<ProviderSettings> rest = CandidateGrid.mostPromisingFirst(grid.subList(index, grid.size()), results);
                grid = new ArrayList<>(grid.subList(0, index));
                grid.addAll(rest);
                settings = grid.get(index);
            }
            boolean isDefault = settings.equals(defaults);
            long now = System.nanoTime();
            cancelled = cancelled || listener.isCancelled();
            boolean noTime = !isDefault && tried > 0 && now + Math.max(spentPerCandidate / tried, MIN_CANDIDATE_NS) > gridEnd;
            if (cancelled || noTime) {
                Candidate c = Candidate.pending(settings, isDefault, Candidate.Status.SKIPPED,
                        cancelled ? "cancelled" : "the time budget was spent before this setting");
                results.add(c);
                listener.candidateFinished(c);
                continue;
            }
            listener.progress(clock.fraction(), "Trying " + Candidate.pending(settings, isDefault, null, null).label());
            Measured m;
            try {
                m = measure(model, settings, inputs, reference, request.tolerances(), perCandidate, clock);
            } catch (Cancelled e) {
                cancelled = true;
                Candidate c = Candidate.pending(settings, isDefault, Candidate.Status.SKIPPED, "cancelled");
                results.add(c);
                listener.candidateFinished(c);
                continue;
            }
            if (reference == null && settings.provider() == ExecutionProvider.CPU && m.outputs != null) {
                reference = m.outputs; // the defaults run first: they are the CPU reference
            }
            Candidate c = m.toCandidate(settings, isDefault, null, reference != null);
            results.add(c);
            listener.candidateFinished(c);
            spentPerCandidate += System.nanoTime() - now;
            tried++;
        }
        cancelled = tryPrecisions(model, inputs, request, reference, results, defaults, perCandidate, searchEnd,
                cancelled, clock, listener);

        results.addAll(unavailable);
        Candidate defaultCandidate = results.stream().filter(Candidate::isDefault).findFirst().orElse(null);
        List<Candidate> finalists = finalists(results);
        Candidate best = null;
        LatencyStats bestLatency = null;
        LatencyStats defaultLatency = null;
        String finalRound;
        if (finalists.isEmpty()) {
            finalRound = "Nothing was measured.";
        } else if (cancelled || finalists.size() == 1) {
            best = finalists.stream().min(Comparator.comparingDouble(Candidate::p50Ms)).orElseThrow();
            bestLatency = best.latency();
            defaultLatency = defaultCandidate == null ? null : defaultCandidate.latency();
            finalRound = cancelled ? "Cancelled: the numbers are the search's, without a final round."
                    : "Only one setting agreed with the reference; its numbers are the search's.";
        } else {
            listener.progress(clock.fraction(), "Final round: the defaults against the " + (finalists.size() - 1) + " fastest");
            FinalRound round;
            try {
                round = finalRound(model, finalists, inputs, start + budgetNs, clock);
            } catch (Cancelled e) {
                round = null;
                cancelled = true;
            }
            if (round == null) {
                best = finalists.stream().min(Comparator.comparingDouble(Candidate::p50Ms)).orElseThrow();
                bestLatency = best.latency();
                defaultLatency = finalists.getFirst().latency();
                finalRound = "The final round did not complete; the numbers are the search's.";
            } else {
                int winner = winner(round.stats);
                best = finalists.get(winner);
                bestLatency = round.stats[winner];
                defaultLatency = round.stats[0];
                finalRound = "The defaults and the " + (finalists.size() - 1) + " fastest settings of the search were "
                        + "measured again in " + round.rounds + " interleaved rounds (" + round.stats[0].count()
                        + "+ runs each); best and default come from that round.";
            }
        }
        listener.progress(1.0, cancelled ? "Cancelled" : "Done");
        return new TuneReport(model.toString(), inputSet.describe(), budgetNs / 1e9, (System.nanoTime() - start) / 1e9,
                results, best, bestLatency, defaultLatency, finalRound, cancelled);
    }

    /**
     * The precision axis: every lower-precision copy at the default settings (always, like the FP32 defaults),
     * then at the fastest FP32 setting of the search while time is left. A copy whose outputs are further from the
     * FP32 reference than the precision tolerance is {@link Candidate.Status#REJECTED} and never wins.
     *
     * @return whether the tuning was cancelled
     */
    private boolean tryPrecisions(Path model, Map<String, HostTensor> inputs, TuneRequest request,
                                  Map<String, OutputComparison.Values> reference, List<Candidate> results,
                                  ProviderSettings defaults, long perCandidate, long searchEnd, boolean cancelled,
                                  Clock clock, TuneListener listener) {
        if (request.precisions().isEmpty()) {
            return cancelled;
        }
        List<ProviderSettings> at = new ArrayList<>(List.of(defaults));
        results.stream().filter(Candidate::eligible).filter(c -> c.precision() == null)
                .min(Comparator.comparingDouble(Candidate::p50Ms)).map(Candidate::settings)
                .filter(s -> !s.equals(defaults)).ifPresent(at::add);
        for (ProviderSettings settings : at) {
            for (ModelPrecision precision : request.precisions()) {
                cancelled = cancelled || listener.isCancelled();
                boolean atDefaults = settings.equals(defaults);
                if (cancelled || !atDefaults && System.nanoTime() + perCandidate > searchEnd) {
                    Candidate c = Candidate.pending(settings, false, Candidate.Status.SKIPPED,
                            cancelled ? "cancelled" : "the time budget was spent before this setting", precision);
                    results.add(c);
                    listener.candidateFinished(c);
                    continue;
                }
                listener.progress(clock.fraction(), "Trying " + Candidate.pending(settings, false, null, null, precision)
                        .label());
                Candidate c;
                try {
                    c = measure(precision.file(), settings, inputs, reference, request.precisionTolerance(), perCandidate,
                            clock).toCandidate(settings, false, precision, reference != null);
                } catch (Cancelled e) {
                    cancelled = true;
                    c = Candidate.pending(settings, false, Candidate.Status.SKIPPED, "cancelled", precision);
                }
                results.add(c);
                listener.candidateFinished(c);
            }
        }
        return cancelled;
    }

    /**
     * Who goes to the final round: the defaults (when they ran and agree) first, then the fastest other settings
     * by search p50 among those whose outputs agree with the reference. Disagreeing, failed, unavailable and
     * skipped settings never do.
     */
    static List<Candidate> finalists(List<Candidate> results) {
        List<Candidate> finalists = new ArrayList<>();
        results.stream().filter(Candidate::isDefault).filter(Candidate::eligible).findFirst().ifPresent(finalists::add);
        results.stream().filter(Candidate::eligible).filter(c -> !c.isDefault())
                .sorted(Comparator.comparingDouble(Candidate::p50Ms)).limit(FINALISTS).forEach(finalists::add);
        return finalists;
    }

    /** The index of the lowest p50; ties keep the earlier one, so the defaults (index 0) win a tie. */
    static int winner(LatencyStats[] finalRound) {
        int winner = 0;
        for (int i = 1; i < finalRound.length; i++) {
            if (finalRound[i].p50() < finalRound[winner].p50()) {
                winner = i;
            }
        }
        return winner;
    }

    /** What one candidate's search measurement gave. */
    private record Measured(String failure, boolean unavailable, double createMs, LatencyStats latency,
                            Map<String, OutputComparison.Values> outputs, List<OutputAgreement> agreement) {
        Candidate toCandidate(ProviderSettings settings, boolean isDefault, ModelPrecision precision, boolean compared) {
            if (failure != null) {
                return new Candidate(settings, isDefault, unavailable ? Candidate.Status.UNAVAILABLE : Candidate.Status.FAILED,
                        failure, latency, false, Double.NaN, createMs, precision);
            }
            boolean agrees = agreement.stream().allMatch(OutputAgreement::pass);
            double maxAbs = agreement.stream().mapToDouble(OutputAgreement::maxAbsError).filter(d -> !Double.isNaN(d))
                    .max().orElse(0);
            if (precision != null) {
                // The accuracy gate: a copy is judged against FP32 with the precision tolerance, and never wins
                // when it is over it (or when there was no FP32 reference to judge it by).
                if (!compared) {
                    return new Candidate(settings, false, Candidate.Status.REJECTED, "no FP32 reference ran, so its "
                            + "error against FP32 is unknown", latency, false, Double.NaN, createMs, precision);
                }
                String over = agreement.stream().filter(a -> !a.pass()).findFirst()
                        .map(a -> "error against FP32 over the tolerance: output " + a.output()
                                + (a.note() != null ? " " + a.note() : String.format(java.util.Locale.ROOT,
                                " max abs error %.3g, max rel error %.3g, %d elements outside it", a.maxAbsError(),
                                a.maxRelError(), a.mismatches())))
                        .orElse(null);
                return new Candidate(settings, false, agrees ? Candidate.Status.MEASURED : Candidate.Status.REJECTED,
                        over, latency, agrees, maxAbs, createMs, precision);
            }
            String reason = agrees ? null : agreement.stream().filter(a -> !a.pass()).findFirst()
                    .map(a -> "output " + a.output() + " differs from the CPU reference"
                            + (a.note() != null ? ": " + a.note() : String.format(java.util.Locale.ROOT,
                            " (max abs error %.3g, %d elements outside the tolerances)", a.maxAbsError(), a.mismatches())))
                    .orElse(null);
            return new Candidate(settings, isDefault, agrees ? Candidate.Status.MEASURED : Candidate.Status.DISAGREES,
                    reason, latency, agrees, maxAbs, createMs, null);
        }
    }

    private Measured measure(Path model, ProviderSettings settings, Map<String, HostTensor> inputs,
                             Map<String, OutputComparison.Values> reference, Tolerance tolerance, long timeNs, Clock clock)
            throws Cancelled {
        TimedSession session;
        try {
            session = new TimedSession(sessions, model, settings, inputs);
        } catch (WorkbenchException | OrtException | RuntimeException e) {
            boolean gpu = settings.provider() != ExecutionProvider.CPU;
            return new Measured((gpu ? "could not load: " : "could not create a session: ") + e.getMessage(), gpu,
                    Double.NaN, null, null, List.of());
        }
        try (session) {
            Map<String, OutputComparison.Values> outputs = session.outputs();
            List<OutputAgreement> agreement = reference == null ? List.of()
                    : OutputComparison.compare(outputs, reference, tolerance);
            // Warm-up: a tenth of the time (at least two runs), then timed runs for the rest (at least MIN_RUNS).
            long warmEnd = System.nanoTime() + timeNs / 10;
            int warm = 0;
            while (warm < 2 || System.nanoTime() < warmEnd) {
                session.timedRun();
                warm++;
                clock.check();
            }
            long[] samples = new long[64];
            int n = 0;
            long end = System.nanoTime() + timeNs * 9 / 10;
            while (n < MIN_RUNS || System.nanoTime() < end) {
                if (n == samples.length) {
                    samples = Arrays.copyOf(samples, n * 2);
                }
                samples[n++] = session.timedRun();
                clock.check();
            }
            return new Measured(null, false, session.createMs, LatencyStats.ofNanos(samples, n), outputs, agreement);
        } catch (OrtException | RuntimeException e) {
            return new Measured("failed while running: " + e.getMessage(), false, session.createMs, null, null, List.of());
        }
    }

    private record FinalRound(LatencyStats[] stats, int rounds) {}

    /**
     * The finalists (defaults first) measured again: every round runs each for about {@link #ROUND_NS}, in an
     * order that rotates, until the budget ends (at least 3 rounds and 10 runs each). Interleaving makes load
     * from other processes hit every finalist alike.
     */
    private FinalRound finalRound(Path model, List<Candidate> finalists, Map<String, HostTensor> inputs, long deadline,
                                  Clock clock) throws Cancelled {
        List<TimedSession> open = new ArrayList<>();
        try {
            for (Candidate c : finalists) {
                open.add(new TimedSession(sessions, c.file(model), c.settings(), inputs));
            }
            int k = open.size();
            long[][] samples = new long[k][256];
            int[] counts = new int[k];
            int[] perRound = new int[k];
            for (int i = 0; i < k; i++) {
                perRound[i] = (int) Math.clamp(ROUND_NS / Math.max(1L, (long) (finalists.get(i).p50Ms() * 1e6)), 1, 25_000);
                open.get(i).timedRun(); // warm again after the session was reopened
                open.get(i).timedRun();
            }
            int rounds = 0;
            while (rounds < 3 || Arrays.stream(counts).min().orElse(0) < 10 || System.nanoTime() < deadline) {
                for (int j = 0; j < k; j++) {
                    int i = (j + rounds) % k;
                    open.get(i).timedRun(); // the switch's warm-up run: not counted
                    for (int r = 0; r < perRound[i]; r++) {
                        if (counts[i] == samples[i].length) {
                            samples[i] = Arrays.copyOf(samples[i], counts[i] * 2);
                        }
                        samples[i][counts[i]++] = open.get(i).timedRun();
                        clock.check();
                    }
                }
                rounds++;
            }
            LatencyStats[] stats = new LatencyStats[k];
            for (int i = 0; i < k; i++) {
                stats[i] = LatencyStats.ofNanos(samples[i], counts[i]);
            }
            return new FinalRound(stats, rounds);
        } catch (WorkbenchException | OrtException | RuntimeException e) {
            return null;
        } finally {
            open.forEach(TimedSession::close);
        }
    }

    /** Progress through the budget and cancellation, checked between runs. */
    private static final class Clock {
        private final long start;
        private final long budgetNs;
        private final TuneListener listener;
        private long lastReport;

        Clock(long start, long budgetNs, TuneListener listener) {
            this.start = start;
            this.budgetNs = budgetNs;
            this.listener = listener;
        }

        double fraction() {
            return Math.min(1.0, (System.nanoTime() - start) / (double) budgetNs);
        }

        void check() throws Cancelled {
            if (listener.isCancelled()) {
                throw new Cancelled();
            }
            long now = System.nanoTime();
            if (now - lastReport > 200_000_000L) {
                lastReport = now;
                listener.progress(fraction(), null);
            }
        }
    }

    private static final class Cancelled extends Exception {
        Cancelled() {
            super(null, null, false, false);
        }
    }
}
