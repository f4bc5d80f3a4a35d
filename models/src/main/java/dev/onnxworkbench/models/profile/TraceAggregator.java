package dev.onnxworkbench.models.profile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.onnxworkbench.models.flops.FlopCounter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Aggregates an ONNX Runtime profile (Chrome trace JSON) into per-node, per-operator and per-provider time.
 * <ul>
 *   <li>Only node events ({@code cat: Node}, {@code name: <node>_kernel_time}) count; the
 *       {@code _fence_before/_fence_after} events are synchronization, not node time.</li>
 *   <li>Runs are ORT's {@code model_run} session events; node events inside the first {@code warmup}
 *       runs are dropped, as is everything outside a run (session initialization).</li>
 *   <li>If/Loop/Scan: their kernel event spans their body's node events, which the trace lists too.
 *       Each node's time is its own (exclusive) time: the events nested inside it on the same thread are
 *       subtracted, so a body's time is counted once, under the body's nodes.</li>
 * </ul>
 */
public final class TraceAggregator {

    private TraceAggregator() {
    }

    private record Event(String name, String opType, String provider, long ts, long dur, long tid, long flops) {
        long end() {
            return ts + dur;
        }
    }

    public static ProfileReport aggregate(Path trace, int warmup) throws IOException {
        List<long[]> runs = new ArrayList<>();
        List<Event> nodes = new ArrayList<>();
        for (TraceFile.Event e : TraceFile.read(trace)) {
            if (e.cat().equals("Session") && e.name().equals("model_run")) {
                runs.add(new long[] {e.ts(), e.ts() + e.dur()});
            } else if (e.isKernel()) {
                JsonNode args = e.args();
                String op = args.path("op_name").asText("");
                nodes.add(new Event(e.node(), op, e.provider(), e.ts(), e.dur(), e.tid(),
                        FlopCounter.flops(op, shapes(args.path("input_type_shape")),
                                shapes(args.path("output_type_shape")), Map.of())));
            }
        }
        runs.sort(Comparator.comparingLong(r -> r[0]));
        List<long[]> kept = runs.subList(Math.min(warmup, runs.size()), runs.size());
        double totalMs = kept.stream().mapToLong(r -> r[1] - r[0]).sum() / 1000.0;
        List<Event> inRuns = nodes.stream().filter(n -> within(n, kept)).toList();
        Map<Event, Long> exclusive = exclusiveTimes(inRuns);

        Map<String, double[]> byNode = new LinkedHashMap<>(); // name → {calls, micros}
        Map<String, Event> first = new HashMap<>();
        for (Event n : inRuns) {
            double[] acc = byNode.computeIfAbsent(n.name(), k -> new double[2]);
            acc[0]++;
            acc[1] += exclusive.get(n);
            first.putIfAbsent(n.name(), n);
        }
        double nodeMicros = byNode.values().stream().mapToDouble(a -> a[1]).sum();
        List<NodeProfile> nodeProfiles = new ArrayList<>();
        Map<String, double[]> byOp = new LinkedHashMap<>();
        Map<String, Double> providers = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : byNode.entrySet()) {
            Event n = first.get(e.getKey());
            double ms = e.getValue()[1] / 1000.0;
            long calls = (long) e.getValue()[0];
            nodeProfiles.add(new NodeProfile(e.getKey(), n.opType(), n.provider(), calls, ms, ms / calls,
                    nodeMicros == 0 ? 0 : e.getValue()[1] / nodeMicros, n.flops()));
            double[] op = byOp.computeIfAbsent(n.opType(), k -> new double[2]);
            op[0] += calls;
            op[1] += e.getValue()[1];
            providers.merge(n.provider(), ms, Double::sum);
        }
        nodeProfiles.sort(Comparator.comparingDouble(NodeProfile::totalMs).reversed());
        List<OpTypeProfile> ops = new ArrayList<>();
        byOp.forEach((op, a) -> ops.add(new OpTypeProfile(op, (long) a[0], a[1] / 1000.0,
                nodeMicros == 0 ? 0 : a[1] / nodeMicros)));
        ops.sort(Comparator.comparingDouble(OpTypeProfile::totalMs).reversed());
        return new ProfileReport(totalMs, kept.size(), nodeProfiles, ops, providers, trace);
    }

    private static boolean within(Event n, List<long[]> runs) {
        for (long[] r : runs) {
            if (n.ts() >= r[0] && n.ts() <= r[1]) {
                return true;
            }
        }
        return false;
    }

    /** Each event's duration minus the durations of the events directly nested in it (same thread). */
    private static Map<Event, Long> exclusiveTimes(List<Event> events) {
        Map<Event, Long> exclusive = new java.util.IdentityHashMap<>();
        Map<Long, List<Event>> byThread = new HashMap<>();
        for (Event e : events) {
            byThread.computeIfAbsent(e.tid(), k -> new ArrayList<>()).add(e);
            exclusive.put(e, e.dur());
        }
        for (List<Event> list : byThread.values()) {
            list.sort(Comparator.comparingLong(Event::ts).thenComparing(Comparator.comparingLong(Event::dur).reversed()));
            Deque<Event> open = new ArrayDeque<>();
            for (Event e : list) {
                while (!open.isEmpty() && open.peek().end() < e.end()) {
                    open.pop();
                }
                if (!open.isEmpty() && e.ts() >= open.peek().ts() && e.end() <= open.peek().end()) {
                    Event parent = open.peek();
                    exclusive.put(parent, Math.max(0, exclusive.get(parent) - e.dur()));
                }
                open.push(e);
            }
        }
        return exclusive;
    }

    /** [{"float":[1,3,640,640]}, …] → shapes. */
    private static List<long[]> shapes(JsonNode list) {
        List<long[]> out = new ArrayList<>();
        for (JsonNode entry : list) {
            Iterator<JsonNode> values = entry.elements();
            if (!values.hasNext()) {
                out.add(null);
                continue;
            }
            JsonNode dims = values.next();
            long[] shape = new long[dims.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = dims.get(i).asLong();
            }
            out.add(shape);
        }
        return out;
    }

}
