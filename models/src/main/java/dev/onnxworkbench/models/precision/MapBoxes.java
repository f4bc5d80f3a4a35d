package dev.onnxworkbench.models.precision;

import dev.onnxworkbench.models.tensor.HostTensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Boxes from a probability map, as a DB text detector's post-processing finds them (PaddleOCR's defaults): pixels
 * above {@link #THRESHOLD} form 8-connected regions; a region's bounding box is kept when its mean probability is at
 * least {@link #BOX_THRESHOLD} and both sides are at least {@link #MIN_SIDE} pixels. Comparing the boxes of the
 * original and the derived model (matched at IoU ≥ {@link #IOU}) is the detector's task agreement: a per-pixel
 * error says little about whether the same words are found.
 */
final class MapBoxes {
    static final double THRESHOLD = 0.3;
    static final double BOX_THRESHOLD = 0.6;
    static final int MIN_SIDE = 3;
    static final double IOU = 0.5;
    /** DetEval's (ICDAR 2013) area recall and area precision constraints, and the weight of a split or a merge. */
    static final double AREA_RECALL = 0.8;
    static final double AREA_PRECISION = 0.4;
    static final double SPLIT_MERGE_WEIGHT = AccuracyReport.BoxAgreement.SPLIT_MERGE_WEIGHT;

    /** PaddleOCR's unclip ratio: a DB box grows by area·ratio/perimeter on every side before it is reported. */
    static final double UNCLIP_RATIO = 1.5;

    /**
     * The boxes as DB reports them: the map marks a shrunk text kernel, so each box grows by
     * area·{@link #UNCLIP_RATIO}/perimeter on every side (PaddleOCR's unclip, for an axis-aligned box), within the map.
     */
    static List<Box> unclipped(List<Box> boxes, int width, int height) {
        List<Box> out = new ArrayList<>(boxes.size());
        for (Box b : boxes) {
            double w = b.x1() - b.x0() + 1;
            double h = b.y1() - b.y0() + 1;
            int d = (int) Math.round(w * h * UNCLIP_RATIO / (2 * (w + h)));
            out.add(new Box(Math.max(0, b.x0() - d), Math.max(0, b.y0() - d), Math.min(width - 1, b.x1() + d),
                    Math.min(height - 1, b.y1() + d)));
        }
        return out;
    }

    /** {height, width} of a map tensor's planes. */
    static int[] size(HostTensor t) {
        int[] p = plane(t.shape());
        return new int[] {p[1], p[2]};
    }

    /** DetEval's recall and precision sums over one map: divide by the reference's and derived boxes. */
    record DetEvalScore(double recall, double precision) {
    }

    /** A box in map pixels, inclusive bounds. */
    record Box(int x0, int y0, int x1, int y1) {
        double area() {
            return (double) (x1 - x0 + 1) * (y1 - y0 + 1);
        }

        double intersection(Box o) {
            int ix = Math.min(x1, o.x1) - Math.max(x0, o.x0) + 1;
            int iy = Math.min(y1, o.y1) - Math.max(y0, o.y0) + 1;
            return ix <= 0 || iy <= 0 ? 0 : (double) ix * iy;
        }

        double iou(Box o) {
            int ix = Math.min(x1, o.x1) - Math.max(x0, o.x0) + 1;
            int iy = Math.min(y1, o.y1) - Math.max(y0, o.y0) + 1;
            if (ix <= 0 || iy <= 0) {
                return 0;
            }
            double inter = (double) ix * iy;
            return inter / (area() + o.area() - inter);
        }
    }

    private MapBoxes() {
    }

    /**
     * Whether the tensor reads as per-pixel probabilities: [N, 1, H, W], [N, H, W, 1] or [N, H, W] floats with H
     * and W of at least 8 and every value in [0, 1] — but not [N, T, C] rows that each sum to 1 (a recognizer's
     * softmax over classes per position).
     */
    static boolean isProbabilityMap(HostTensor t) {
        if (!t.elementType().isFloatingPoint() || plane(t.shape()) == null) {
            return false;
        }
        long n = t.elementCount();
        for (long i = 0; i < n; i++) {
            double v = t.getDouble(i);
            if (!(v >= 0 && v <= 1)) {
                return false;
            }
        }
        return t.rank() != 3 || !rowsSumToOne(t);
    }

    /** Every row of the last axis sums to 1: a softmax over classes ([N, T, C]), not a map of pixels. */
    private static boolean rowsSumToOne(HostTensor t) {
        long[] s = t.shape();
        long width = s[s.length - 1];
        for (long row = 0; row < t.elementCount() / width; row++) {
            double sum = 0;
            for (long k = 0; k < width; k++) {
                sum += t.getDouble(row * width + k);
            }
            if (Math.abs(sum - 1) > 1e-3) {
                return false;
            }
        }
        return true;
    }

    /** {batch, height, width} of a map shape, or null. */
    private static int[] plane(long[] s) {
        int[] p;
        if (s.length == 4 && s[1] == 1) {
            p = new int[] {(int) s[0], (int) s[2], (int) s[3]};
        } else if (s.length == 4 && s[3] == 1) {
            p = new int[] {(int) s[0], (int) s[1], (int) s[2]};
        } else if (s.length == 3) {
            p = new int[] {(int) s[0], (int) s[1], (int) s[2]};
        } else {
            return null;
        }
        return p[1] >= 8 && p[2] >= 8 ? p : null;
    }

    /** The boxes of each map of the batch. */
    static List<List<Box>> boxes(HostTensor t) {
        int[] p = plane(t.shape());
        List<List<Box>> all = new ArrayList<>();
        int h = p[1];
        int w = p[2];
        for (int b = 0; b < p[0]; b++) {
            all.add(boxes(t, (long) b * h * w, h, w));
        }
        return all;
    }

    private static List<Box> boxes(HostTensor t, long offset, int h, int w) {
        boolean[] seen = new boolean[h * w];
        int[] stack = new int[h * w];
        List<Box> out = new ArrayList<>();
        for (int start = 0; start < h * w; start++) {
            if (seen[start] || t.getDouble(offset + start) <= THRESHOLD) {
                continue;
            }
            int top = 0;
            stack[top++] = start;
            seen[start] = true;
            int x0 = w;
            int y0 = h;
            int x1 = -1;
            int y1 = -1;
            double sum = 0;
            int count = 0;
            while (top > 0) {
                int i = stack[--top];
                int y = i / w;
                int x = i % w;
                x0 = Math.min(x0, x);
                x1 = Math.max(x1, x);
                y0 = Math.min(y0, y);
                y1 = Math.max(y1, y);
                sum += t.getDouble(offset + i);
                count++;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int ny = y + dy;
                        int nx = x + dx;
                        if (ny < 0 || ny >= h || nx < 0 || nx >= w) {
                            continue;
                        }
                        int j = ny * w + nx;
                        if (!seen[j] && t.getDouble(offset + j) > THRESHOLD) {
                            seen[j] = true;
                            stack[top++] = j;
                        }
                    }
                }
            }
            if (sum / count >= BOX_THRESHOLD && x1 - x0 + 1 >= MIN_SIDE && y1 - y0 + 1 >= MIN_SIDE) {
                out.add(new Box(x0, y0, x1, y1));
            }
        }
        return out;
    }

    /** Boxes of the derived map matched one to one to the original's, greedily by IoU, at IoU ≥ {@link #IOU}. */
    static int matched(List<Box> reference, List<Box> derived) {
        boolean[] used = new boolean[derived.size()];
        int matched = 0;
        for (Box r : reference) {
            int best = -1;
            double bestIou = IOU;
            for (int j = 0; j < derived.size(); j++) {
                double iou = r.iou(derived.get(j));
                if (!used[j] && iou >= bestIou) {
                    best = j;
                    bestIou = iou;
                }
            }
            if (best >= 0) {
                used[best] = true;
                matched++;
            }
        }
        return matched;
    }

    /**
     * DetEval (Wolf and Jolion; ICDAR 2013's text detection protocol): a one-to-one match needs the derived box to
     * cover {@link #AREA_RECALL} of the original's area and the original to cover {@link #AREA_PRECISION} of the
     * derived one's; a line found as several word boxes (a split) or words found as one line (a merge) match as a
     * group and count {@link #SPLIT_MERGE_WEIGHT}. IoU matching counts a line split in three as four errors, though
     * the same text is found: on the PaddleOCR detector most INT8-against-FP32 "misses" were such word gaps.
     */
    static DetEvalScore detEval(List<Box> reference, List<Box> derived) {
        int nr = reference.size();
        int nd = derived.size();
        double[][] rec = new double[nr][nd];
        double[][] prec = new double[nr][nd];
        for (int r = 0; r < nr; r++) {
            for (int d = 0; d < nd; d++) {
                double inter = reference.get(r).intersection(derived.get(d));
                rec[r][d] = inter / reference.get(r).area();
                prec[r][d] = inter / derived.get(d).area();
            }
        }
        boolean[] doneR = new boolean[nr];
        boolean[] doneD = new boolean[nd];
        double recall = 0;
        double precision = 0;
        int[] qualifyingR = new int[nr];
        int[] qualifyingD = new int[nd];
        for (int r = 0; r < nr; r++) {
            for (int d = 0; d < nd; d++) {
                if (rec[r][d] >= AREA_RECALL && prec[r][d] >= AREA_PRECISION) {
                    qualifyingR[r]++;
                    qualifyingD[d]++;
                }
            }
        }
        for (int r = 0; r < nr; r++) { // one to one: the pair qualifies and neither box qualifies with another
            for (int d = 0; d < nd && !doneR[r]; d++) {
                if (!doneD[d] && qualifyingR[r] == 1 && qualifyingD[d] == 1 && rec[r][d] >= AREA_RECALL
                        && prec[r][d] >= AREA_PRECISION) {
                    doneR[r] = true;
                    doneD[d] = true;
                    recall++;
                    precision++;
                }
            }
        }
        for (int r = 0; r < nr; r++) { // one original, several derived boxes inside it
            if (doneR[r]) {
                continue;
            }
            List<Integer> parts = new ArrayList<>();
            double covered = 0;
            for (int d = 0; d < nd; d++) {
                if (!doneD[d] && prec[r][d] >= AREA_PRECISION) {
                    parts.add(d);
                    covered += rec[r][d];
                }
            }
            if (parts.size() > 1 && covered >= AREA_RECALL) {
                doneR[r] = true;
                parts.forEach(d -> doneD[d] = true);
                recall += SPLIT_MERGE_WEIGHT;
                precision += SPLIT_MERGE_WEIGHT * parts.size();
            }
        }
        for (int d = 0; d < nd; d++) { // one derived box over several originals
            if (doneD[d]) {
                continue;
            }
            List<Integer> parts = new ArrayList<>();
            double covered = 0;
            for (int r = 0; r < nr; r++) {
                if (!doneR[r] && rec[r][d] >= AREA_RECALL) {
                    parts.add(r);
                    covered += prec[r][d];
                }
            }
            if (parts.size() > 1 && covered >= AREA_PRECISION) {
                doneD[d] = true;
                parts.forEach(r -> doneR[r] = true);
                recall += SPLIT_MERGE_WEIGHT * parts.size();
                precision += SPLIT_MERGE_WEIGHT;
            }
        }
        return new DetEvalScore(recall, precision);
    }
}
