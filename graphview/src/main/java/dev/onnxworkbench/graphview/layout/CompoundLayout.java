package dev.onnxworkbench.graphview.layout;

import dev.onnxworkbench.graphview.Diagram;
import dev.onnxworkbench.graphview.DiagramEdge;
import dev.onnxworkbench.graphview.DiagramNode;
import dev.onnxworkbench.graphview.DiagramSubgraph;
import dev.onnxworkbench.graphview.LayoutDirection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Layout with inline bodies: each expanded node's bodies are laid out first as diagrams of their own
 * (recursively, so expansions nest) and the node becomes a container big enough for them side by side;
 * then the enclosing diagram is laid out with those sizes and the bodies are placed inside. An edge of
 * a body whose producer is outside it (an outer-scope value) is routed like an edge from that producer
 * to the container, which keeps the producer above the container, and then on into its consumer inside;
 * it is drawn dashed. The result is one flat {@link DiagramLayout}: body nodes follow their container.
 */
public final class CompoundLayout {
    static final double PAD = 6;
    static final double PANEL_GAP = 14;
    static final double PANEL_TITLE = 16;

    private CompoundLayout() {}

    /** Lays out {@code diagram} with the bodies of the {@code expanded} nodes inline. */
    public static DiagramLayout compute(Diagram diagram, LayoutDirection direction, BoxStyle style,
                                        Set<String> expanded) {
        if (!hasExpanded(diagram, expanded)) {
            return LayeredLayout.compute(diagram, direction, style);
        }
        Flat flat = level(diagram, direction, style, expanded);
        return flat.toLayout(diagram, direction);
    }

    private static boolean hasExpanded(Diagram diagram, Set<String> expanded) {
        for (DiagramNode n : diagram.nodes()) {
            if (n.hasInlineBodies() && expanded.contains(n.id())) {
                return true;
            }
        }
        return false;
    }

    private static Flat level(Diagram diagram, LayoutDirection direction, BoxStyle style, Set<String> expanded) {
        Cancellation.check();
        Set<String> ids = new HashSet<>();
        diagram.nodes().forEach(n -> ids.add(n.id()));
        Map<String, double[]> sizes = new HashMap<>();
        Map<Integer, List<Flat>> bodies = new HashMap<>();
        List<DiagramEdge> lifted = new ArrayList<>();
        List<int[]> liftedFrom = new ArrayList<>(); // {container node, panel, edge in panel}
        for (int i = 0; i < diagram.nodes().size(); i++) {
            DiagramNode n = diagram.nodes().get(i);
            if (!n.hasInlineBodies() || !expanded.contains(n.id())) {
                continue;
            }
            List<Flat> panels = new ArrayList<>();
            for (DiagramSubgraph sub : n.subgraphs()) {
                panels.add(level(sub.diagram(), direction, style, expanded));
            }
            bodies.put(i, panels);
            sizes.put(n.id(), containerSize(n, panels, style));
            for (int p = 0; p < panels.size(); p++) {
                for (int pe : panels.get(p).pending) {
                    DiagramEdge inner = panels.get(p).edges.get(pe);
                    if (ids.contains(inner.from()) && !inner.from().equals(n.id())) {
                        lifted.add(new DiagramEdge("\u0000outer:" + lifted.size(), inner.from(), n.id(), "",
                                inner.value()));
                        liftedFrom.add(new int[] {i, p, pe});
                    }
                }
            }
        }
        List<DiagramEdge> edges = diagram.edges();
        Diagram augmented = lifted.isEmpty() ? diagram : new Diagram(diagram.nodes(), concat(edges, lifted));
        DiagramLayout outer = LayeredLayout.compute(augmented, direction, style, sizes);

        Flat result = new Flat();
        for (int i = 0; i < diagram.nodes().size(); i++) {
            result.addNode(diagram.nodes().get(i), outer.x(i), outer.y(i), outer.width(i), outer.height(i));
        }
        for (int e = 0; e < edges.size(); e++) {
            DiagramEdge edge = edges.get(e);
            result.addEdge(edge, outer.route(e), false);
            if (outer.route(e) == null && ids.contains(edge.to()) && !ids.contains(edge.from())) {
                result.pending.add(e); // an outer-scope value of this diagram: resolved a level up
            }
        }
        Map<Long, Integer> liftedIndex = new HashMap<>();
        for (int k = 0; k < liftedFrom.size(); k++) {
            int[] f = liftedFrom.get(k);
            liftedIndex.put(key(f[0], f[1], f[2]), edges.size() + k);
        }
        for (var entry : bodies.entrySet()) {
            int i = entry.getKey();
            List<Flat> panels = entry.getValue();
            double total = -PANEL_GAP;
            for (Flat p : panels) {
                total += p.width() + PANEL_GAP;
            }
            double px = outer.x(i) + Math.max(PAD, (outer.width(i) - total) / 2);
            double py = outer.y(i) + BoxStyle.HEADER_HEIGHT + PANEL_TITLE;
            List<ContainerBox.Panel> boxes = new ArrayList<>();
            result.containers.add(null); // reserve: the outer container precedes those nested in it
            int slot = result.containers.size() - 1;
            for (int p = 0; p < panels.size(); p++) {
                Flat body = panels.get(p);
                int edgeBase = result.edges.size();
                result.append(body, px, py);
                boxes.add(new ContainerBox.Panel(diagram.nodes().get(i).subgraphs().get(p).name(), px,
                        py - PANEL_TITLE + 2, body.width(), body.height() + PANEL_TITLE - 2));
                for (int pe : body.pending) {
                    Integer via = liftedIndex.get(key(i, p, pe));
                    int global = edgeBase + pe;
                    if (via != null && outer.route(via) != null) {
                        result.routes.set(global, enter(outer.route(via), result, result.edges.get(global).to(),
                                direction));
                        result.dashed.set(global, true);
                    } else {
                        result.pending.add(global);
                    }
                }
                px += body.width() + PANEL_GAP;
            }
            result.containers.set(slot, new ContainerBox(i, boxes));
        }
        return result;
    }

    private static long key(int node, int panel, int edge) {
        return ((long) node << 40) ^ ((long) panel << 32) ^ edge;
    }

    /** The container: the header, then the bodies side by side, each under its name. */
    private static double[] containerSize(DiagramNode n, List<Flat> panels, BoxStyle style) {
        double width = -PANEL_GAP;
        double height = 0;
        for (Flat p : panels) {
            width += p.width() + PANEL_GAP;
            height = Math.max(height, p.height());
        }
        width = Math.max(width + 2 * PAD, style.title().width(n.title()) + 2 * BoxStyle.TEXT_INSET + 24);
        return new double[] {width, BoxStyle.HEADER_HEIGHT + PANEL_TITLE + height + PAD};
    }

    /** The route to the container, continued into the consumer inside (its near side's middle). */
    private static double[] enter(double[] toContainer, Flat flat, String consumer, LayoutDirection direction) {
        Integer t = flat.index.get(consumer);
        if (t == null) {
            return null;
        }
        double[] box = flat.boxes.get(t);
        double[] r = toContainer.clone();
        boolean topDown = direction == LayoutDirection.TOP_TO_BOTTOM;
        r[r.length - 2] = topDown ? box[0] + box[2] / 2 : box[0];
        r[r.length - 1] = topDown ? box[1] : box[1] + box[3] / 2;
        return r;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        return all;
    }

    /** A laid-out level, flattened: nodes with boxes, edges with routes, containers, unresolved edges. */
    private static final class Flat {
        final List<DiagramNode> nodes = new ArrayList<>();
        final List<double[]> boxes = new ArrayList<>();
        final List<DiagramEdge> edges = new ArrayList<>();
        final List<double[]> routes = new ArrayList<>();
        final List<Boolean> dashed = new ArrayList<>();
        final List<ContainerBox> containers = new ArrayList<>();
        final List<Integer> pending = new ArrayList<>();
        final Map<String, Integer> index = new HashMap<>();

        void addNode(DiagramNode n, double x, double y, double w, double h) {
            index.put(n.id(), nodes.size());
            nodes.add(n);
            boxes.add(new double[] {x, y, w, h});
        }

        void addEdge(DiagramEdge e, double[] route, boolean isDashed) {
            edges.add(e);
            routes.add(route);
            dashed.add(isDashed);
        }

        /** Appends a body's drawing moved by (dx, dy). */
        void append(Flat body, double dx, double dy) {
            int nodeBase = nodes.size();
            for (int i = 0; i < body.nodes.size(); i++) {
                double[] b = body.boxes.get(i);
                addNode(body.nodes.get(i), b[0] + dx, b[1] + dy, b[2], b[3]);
            }
            for (int e = 0; e < body.edges.size(); e++) {
                double[] r = body.routes.get(e);
                double[] moved = null;
                if (r != null) {
                    moved = new double[r.length];
                    for (int k = 0; k < r.length; k += 2) {
                        moved[k] = r[k] + dx;
                        moved[k + 1] = r[k + 1] + dy;
                    }
                }
                addEdge(body.edges.get(e), moved, body.dashed.get(e));
            }
            for (ContainerBox c : body.containers) {
                List<ContainerBox.Panel> panels = new ArrayList<>();
                for (ContainerBox.Panel p : c.panels()) {
                    panels.add(new ContainerBox.Panel(p.name(), p.x() + dx, p.y() + dy, p.width(), p.height()));
                }
                containers.add(new ContainerBox(c.node() + nodeBase, panels));
            }
        }

        double width() {
            double max = 0;
            for (double[] b : boxes) {
                max = Math.max(max, b[0] + b[2]);
            }
            return max + LayeredLayout.MARGIN;
        }

        double height() {
            double max = 0;
            for (double[] b : boxes) {
                max = Math.max(max, b[1] + b[3]);
            }
            return max + LayeredLayout.MARGIN;
        }

        DiagramLayout toLayout(Diagram source, LayoutDirection direction) {
            int n = nodes.size();
            double[] x = new double[n];
            double[] y = new double[n];
            double[] w = new double[n];
            double[] h = new double[n];
            for (int i = 0; i < n; i++) {
                double[] b = boxes.get(i);
                x[i] = b[0];
                y[i] = b[1];
                w[i] = b[2];
                h[i] = b[3];
            }
            int m = edges.size();
            double[][] r = routes.toArray(new double[0][]);
            int[] from = new int[m];
            int[] to = new int[m];
            boolean[] dash = new boolean[m];
            for (int e = 0; e < m; e++) {
                boolean routed = r[e] != null;
                from[e] = routed ? index.getOrDefault(edges.get(e).from(), -1) : -1;
                to[e] = routed ? index.getOrDefault(edges.get(e).to(), -1) : -1;
                if (from[e] < 0 || to[e] < 0) {
                    from[e] = -1;
                    to[e] = -1;
                    r[e] = null;
                }
                dash[e] = dashed.get(e);
            }
            return new DiagramLayout(source, new Diagram(nodes, edges), direction, x, y, w, h, r, from, to,
                    new HashMap<>(index), dash, containers);
        }
    }
}
