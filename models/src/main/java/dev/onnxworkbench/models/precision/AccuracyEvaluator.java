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

    /**
     * @param labels one class index per classifier row, in sample order; null for none
     */
    public AccuracyReport evaluate(Path original, Path derived, SampleSet set, List<Integer> labels,
                                   Progress progress) throws WorkbenchException {
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
                    if (labels != null && acc.classifier && (labelled == null || labelled.equals(e.getKey()))) {
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
        if (labels != null) {
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
        int rows = (int) s[0];
        int classes = (int) s[1];
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
            classifier &= x.rank() == 2 && x.shape()[1] > 1 && x.elementType().isFloatingPoint();
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
