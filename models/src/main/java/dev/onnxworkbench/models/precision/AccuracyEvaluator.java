package dev.onnxworkbench.models.precision;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.runtime.InferenceException;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.PredictionResult;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.OutputValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the original and the derived model on every sample of an evaluation set (one sample in memory at a time)
 * and aggregates, per output, the errors the divergence finder reports, the top-1 agreement of classifier outputs
 * ([N, C] floats), the box agreement of probability-map outputs ({@link MapBoxes}: a DB text detector's boxes from
 * FP32 and INT8, F1 at IoU 0.5) and, with labels, the task accuracy of both models.
 */
public final class AccuracyEvaluator {
    private final ModelVerifier runner;

    public AccuracyEvaluator(ModelVerifier runner) {
        this.runner = runner;
    }

    /** With the user's labels as {@link TaskLabels} reads them (classes or boxes); null for none. */
    public AccuracyReport evaluate(Path original, Path derived, SampleSet set, TaskLabels labels, Progress progress)
            throws WorkbenchException {
        return evaluate(original, derived, set, labels == null ? null : labels.classes(),
                labels == null ? null : labels.boxes(), progress);
    }

    /**
     * @param labels one class index per classifier row, in sample order; null for none
     * @param boxes  a detector's labelled boxes per picture (the set must be a folder of pictures); null for none
     */
    private AccuracyReport evaluate(Path original, Path derived, SampleSet set, List<Integer> labels, BoxLabels boxes,
                                    Progress progress) throws WorkbenchException {
        DetectorScore detector = boxes == null ? null : new DetectorScore(boxes);
        Map<String, Acc> byOutput = new LinkedHashMap<>();
        List<Integer> predictedA = new ArrayList<>();
        List<Integer> predictedB = new ArrayList<>();
        String labelled = null;
        try (ModelSession a = runner.factory().open(original, runner.settings());
             ModelSession b = runner.factory().open(derived, runner.settings())) {
            for (int i = 0; i < set.size(); i++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new WorkbenchException("The evaluation was cancelled.");
                }
                progress.update("Evaluating on " + set.name(i), i, set.size());
                Map<String, HostTensor> sample = set.sample(i);
                PredictionResult ra = ModelVerifier.run(a, sample);
                PredictionResult rb = ModelVerifier.run(b, sample);
                for (Map.Entry<String, OutputValue> e : ra.outputs().entrySet()) {
                    if (!(e.getValue() instanceof OutputValue.TensorValue ta)
                            || !(rb.outputs().get(e.getKey()) instanceof OutputValue.TensorValue tb)
                            || ta.tensor().isString()) {
                        continue;
                    }
                    HostTensor x = ta.tensor();
                    HostTensor y = ModelVerifier.toFloat(tb.tensor());
                    if (!java.util.Arrays.equals(x.shape(), y.shape())) {
                        throw new InferenceException("The output '" + e.getKey() + "' has the shape "
                                + dev.onnxworkbench.models.tensor.Shapes.format(y.shape()) + " in the derived model but "
                                + dev.onnxworkbench.models.tensor.Shapes.format(x.shape()) + " in the original.");
                    }
                    Acc acc = byOutput.computeIfAbsent(e.getKey(), k -> new Acc());
                    acc.add(x, y);
                    if (detector != null && acc.map && (labelled == null || labelled.equals(e.getKey()))) {
                        labelled = e.getKey();
                        detector.add(set, i, sample, x, y);
                    }
                    if (labels != null && acc.classifier && x.rank() == 2
                            && (labelled == null || labelled.equals(e.getKey()))) {
                        labelled = e.getKey();
                        predictedA.addAll(argmax(x));
                        predictedB.addAll(argmax(y));
                    }
                }
            }
        }
        progress.update("Evaluated " + set.size() + " samples", set.size(), set.size());
        List<AccuracyReport.OutputAccuracy> outputs = new ArrayList<>();
        byOutput.forEach((name, acc) -> outputs.add(acc.result(name)));
        AccuracyReport.LabelAccuracy labelAccuracy = null;
        if (detector != null) {
            if (labelled == null) {
                throw new WorkbenchException("Boxes were given as labels, but no output of the model is a probability "
                        + "map ([N, 1, H, W] in 0…1) to find boxes in.");
            }
            labelAccuracy = detector.result(labelled);
        } else if (labels != null) {
            if (labelled == null) {
                throw new WorkbenchException("Labels were given, but no output of the model is a classifier's "
                        + "([N, C] scores) to compare them with.");
            }
            if (labels.size() != predictedA.size()) {
                throw new WorkbenchException("The labels file has " + labels.size() + " labels, but the evaluation set "
                        + "gave " + predictedA.size() + " predictions of '" + labelled + "' (one label per row).");
            }
            labelAccuracy = new AccuracyReport.LabelAccuracy(labelled, labels.size(), share(predictedA, labels),
                    share(predictedB, labels));
        }
        return new AccuracyReport(set.size(), set.description(), outputs, labelAccuracy);
    }

    /**
     * A detector against labelled boxes: each picture's boxes follow its resize into the input and then the map, the
     * boxes both models find are unclipped as DB reports them, and DetEval scores each model against the labels.
     */
    private static final class DetectorScore {
        private final BoxLabels labels;
        private final java.util.Set<String> seen = new java.util.HashSet<>();
        private int pictures;
        private int labelled;
        private int foundA;
        private int foundB;
        private double recallA;
        private double precisionA;
        private double recallB;
        private double precisionB;

        DetectorScore(BoxLabels labels) {
            this.labels = labels;
        }

        void add(SampleSet set, int index, Map<String, HostTensor> sample, HostTensor a, HostTensor b)
                throws WorkbenchException {
            SampleSet.PictureSample picture = set.picture(index).orElseThrow(() -> new WorkbenchException(
                    "Boxes as labels need an evaluation folder of pictures (their coordinates are the pictures' pixels)."));
            String name = picture.file().getFileName().toString();
            seen.add(name);
            HostTensor input = sample.values().iterator().next();
            long[] s = input.shape();
            boolean nhwc = picture.settings().layout() == dev.onnxworkbench.models.runtime.inputs.ImageLayout.NHWC;
            int inH = (int) (nhwc ? s[1] : s[2]);
            int inW = (int) (nhwc ? s[2] : s[3]);
            int[] own = dev.onnxworkbench.models.runtime.inputs.Picture.dimensions(picture.file());
            var at = picture.settings().resize().placement(own[0], own[1], inW, inH);
            int[] map = MapBoxes.size(a);
            double fx = (double) at.scaledWidth() / own[0] * map[1] / inW;
            double fy = (double) at.scaledHeight() / own[1] * map[0] / inH;
            double ox = (double) at.dx() * map[1] / inW;
            double oy = (double) at.dy() * map[0] / inH;
            List<MapBoxes.Box> truth = new ArrayList<>();
            for (double[] box : labels.of(name)) {
                int x0 = (int) Math.floor(box[0] * fx + ox);
                int y0 = (int) Math.floor(box[1] * fy + oy);
                int x1 = (int) Math.ceil(box[2] * fx + ox) - 1;
                int y1 = (int) Math.ceil(box[3] * fy + oy) - 1;
                x0 = Math.max(0, x0);
                y0 = Math.max(0, y0);
                x1 = Math.min(map[1] - 1, x1);
                y1 = Math.min(map[0] - 1, y1);
                if (x0 <= x1 && y0 <= y1) { // a box cut away by a crop is not there to find
                    truth.add(new MapBoxes.Box(x0, y0, x1, y1));
                }
            }
            List<MapBoxes.Box> found = MapBoxes.unclipped(MapBoxes.boxes(a).getFirst(), map[1], map[0]);
            List<MapBoxes.Box> foundDerived = MapBoxes.unclipped(MapBoxes.boxes(b).getFirst(), map[1], map[0]);
            MapBoxes.DetEvalScore sa = MapBoxes.detEval(truth, found);
            MapBoxes.DetEvalScore sb = MapBoxes.detEval(truth, foundDerived);
            pictures++;
            labelled += truth.size();
            foundA += found.size();
            foundB += foundDerived.size();
            recallA += sa.recall();
            precisionA += sa.precision();
            recallB += sb.recall();
            precisionB += sb.precision();
        }

        AccuracyReport.LabelAccuracy result(String output) throws WorkbenchException {
            if (labelled == 0) {
                List<String> named = labels.pictures().stream().limit(3).toList();
                throw new WorkbenchException("None of the evaluation pictures has a labelled box: the labels name "
                        + String.join(", ", named) + (labels.pictures().size() > 3 ? ", …" : "")
                        + " (a picture's file name, as in the folder).");
            }
            return new AccuracyReport.LabelAccuracy(output, pictures, f1(recallA / labelled, ratio(precisionA, foundA)),
                    f1(recallB / labelled, ratio(precisionB, foundB)), labelled);
        }

        private static double ratio(double score, int boxes) {
            return boxes == 0 ? 0 : score / boxes;
        }

        private static double f1(double recall, double precision) {
            return recall + precision > 0 ? 2 * recall * precision / (recall + precision) : 0;
        }
    }

    private static double share(List<Integer> predicted, List<Integer> labels) {
        int right = 0;
        for (int i = 0; i < labels.size(); i++) {
            if (predicted.get(i).equals(labels.get(i))) {
                right++;
            }
        }
        return labels.isEmpty() ? Double.NaN : (double) right / labels.size();
    }

    /** Arg-max per row of an [N, C] tensor. */
    static List<Integer> argmax(HostTensor t) {
        long[] s = t.shape();
        int classes = (int) s[s.length - 1];
        int rows = (int) (t.elementCount() / classes);
        List<Integer> out = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (t.getDouble((long) r * classes + c) > t.getDouble((long) r * classes + best)) {
                    best = c;
                }
            }
            out.add(best);
        }
        return out;
    }

    /**
     * Scores per class: [N, C], or [N, T, C] per position (a CTC text recognizer's, a token classifier's) that is not
     * a probability map; C > 1.
     */
    static boolean isClassScores(HostTensor x, boolean map) {
        long[] s = x.shape();
        return (s.length == 2 || s.length == 3 && !map) && x.elementType().isFloatingPoint() && s[s.length - 1] > 1;
    }

    /** Running sums for one output. */
    private static final class Acc {
        long elements;
        double maxAbs;
        double sumAbs;
        double maxRel;
        double sumRef;
        long rows;
        long agree;
        boolean classifier = true;
        boolean map = true;
        int referenceBoxes;
        int derivedBoxes;
        int matchedBoxes;
        double detEvalRecall;
        double detEvalPrecision;

        void add(HostTensor x, HostTensor y) {
            long n = x.elementCount();
            for (long i = 0; i < n; i++) {
                double a = x.getDouble(i);
                double b = y.getDouble(i);
                double abs = a == b ? 0 : Math.abs(a - b);
                if (Double.isNaN(abs)) {
                    abs = Double.POSITIVE_INFINITY;
                }
                maxAbs = Math.max(maxAbs, abs);
                sumAbs += abs;
                sumRef += Math.abs(a);
                if (abs > 0) {
                    maxRel = Math.max(maxRel, a == 0 ? Double.POSITIVE_INFINITY : abs / Math.abs(a));
                }
            }
            elements += n;
            map &= MapBoxes.isProbabilityMap(x);
            if (map) {
                List<List<MapBoxes.Box>> ra = MapBoxes.boxes(x);
                List<List<MapBoxes.Box>> rb = MapBoxes.boxes(y);
                for (int k = 0; k < ra.size(); k++) {
                    referenceBoxes += ra.get(k).size();
                    derivedBoxes += rb.get(k).size();
                    matchedBoxes += MapBoxes.matched(ra.get(k), rb.get(k));
                    MapBoxes.DetEvalScore de = MapBoxes.detEval(ra.get(k), rb.get(k));
                    detEvalRecall += de.recall();
                    detEvalPrecision += de.precision();
                }
            }
            classifier &= isClassScores(x, map);
            if (classifier) {
                List<Integer> pa = argmax(x);
                List<Integer> pb = argmax(y);
                for (int r = 0; r < pa.size(); r++) {
                    rows++;
                    if (pa.get(r).equals(pb.get(r))) {
                        agree++;
                    }
                }
            }
        }

        AccuracyReport.OutputAccuracy result(String name) {
            return new AccuracyReport.OutputAccuracy(name, elements, maxAbs, elements == 0 ? 0 : sumAbs / elements,
                    maxRel, elements == 0 ? 0 : sumRef / elements,
                    classifier && rows > 0 ? (double) agree / rows : Double.NaN,
                    map && elements > 0 ? new AccuracyReport.BoxAgreement(MapBoxes.THRESHOLD, MapBoxes.BOX_THRESHOLD,
                            MapBoxes.IOU, referenceBoxes, derivedBoxes, matchedBoxes, detEvalRecall, detEvalPrecision)
                            : null);
        }
    }
}
