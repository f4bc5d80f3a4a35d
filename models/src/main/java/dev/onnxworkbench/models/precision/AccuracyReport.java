package dev.onnxworkbench.models.precision;

import java.util.List;

/**
 * The derived model against the original on an evaluation set.
 *
 * @param samples    samples run through both models
 * @param set        the set, for a person ("eval/ (20 images, 640×640, 0 – 1), 20 samples")
 * @param outputs    per output: errors against the original, and top-1 agreement where it is a classifier's
 * @param labels     accuracy against the user's labels, or null when none were given
 */
public record AccuracyReport(int samples, String set, List<OutputAccuracy> outputs, LabelAccuracy labels) {
    public AccuracyReport {
        outputs = List.copyOf(outputs);
    }

    /**
     * One output over the set (the divergence finder's errors, aggregated).
     *
     * @param maxAbsError   largest |derived − original| over all samples
     * @param meanAbsError  mean |derived − original| over all elements of all samples
     * @param maxRelError   largest |derived − original| / |original|
     * @param referenceAbsMean mean |original|, to read the errors against
     * @param top1Agreement share of rows whose arg-max agrees (classifier outputs [N,C], or each position of a
     *                      recognizer's [N,T,C]); NaN when not a classifier
     * @param boxes         task agreement of a probability-map output (a DB text detector's); null otherwise
     */
    public record OutputAccuracy(String name, long elements, double maxAbsError, double meanAbsError,
                                 double maxRelError, double referenceAbsMean, double top1Agreement,
                                 BoxAgreement boxes) {
        public boolean classifier() {
            return !Double.isNaN(top1Agreement);
        }
    }

    /**
     * Boxes found in a probability-map output (pixels above {@code threshold}, 8-connected regions whose mean
     * probability is at least {@code boxThreshold}), the derived model's matched one to one to the original's at
     * IoU ≥ {@code iou}, summed over the evaluation set.
     *
     * @param referenceBoxes boxes in the original model's maps
     * @param derivedBoxes   boxes in the derived model's maps
     * @param matched        derived boxes matched to an original box
     * @param detEvalRecallScore    DetEval's recall sum (a one-to-one match 1, a split or merge 0.8 per original)
     * @param detEvalPrecisionScore DetEval's precision sum (the same per derived box)
     */
    public record BoxAgreement(double threshold, double boxThreshold, double iou, int referenceBoxes,
                               int derivedBoxes, int matched, double detEvalRecallScore,
                               double detEvalPrecisionScore) {
        /** What a split or a merge counts in DetEval (a one-to-one match counts 1). */
        public static final double SPLIT_MERGE_WEIGHT = 0.8;

        /** DetEval's recall: the share of original boxes whose text the derived model found, splits and merges 0.8. */
        public double detEvalRecall() {
            return referenceBoxes == 0 ? Double.NaN : detEvalRecallScore / referenceBoxes;
        }

        public double detEvalPrecision() {
            return derivedBoxes == 0 ? Double.NaN : detEvalPrecisionScore / derivedBoxes;
        }

        /** The harmonic mean of DetEval's recall and precision (ICDAR 2013's text detection score). */
        public double detEvalF1() {
            double r = detEvalRecall();
            double p = detEvalPrecision();
            if (referenceBoxes + derivedBoxes == 0) {
                return Double.NaN;
            }
            return r + p > 0 ? 2 * r * p / (r + p) : 0;
        }

        /** Matched / derived boxes; NaN without derived boxes. */
        public double precision() {
            return derivedBoxes == 0 ? Double.NaN : (double) matched / derivedBoxes;
        }

        /** Matched / original boxes; NaN without original boxes. */
        public double recall() {
            return referenceBoxes == 0 ? Double.NaN : (double) matched / referenceBoxes;
        }

        /** 2·matched / (original + derived boxes): 1 when both find the same boxes; NaN when neither finds any. */
        public double f1() {
            return referenceBoxes + derivedBoxes == 0 ? Double.NaN : 2.0 * matched / (referenceBoxes + derivedBoxes);
        }
    }

    /**
     * Task accuracy on the user's labels: top-1 of the first classifier output, or the DetEval F1 of a detector's
     * boxes against labelled boxes.
     *
     * @param output   the output whose arg-max (or boxes) is the prediction
     * @param rows     labelled rows (classifier) or pictures (detector)
     * @param original share correct (classifier) or F1 (detector), original model
     * @param derived  the same, derived model
     * @param boxes    labelled boxes; 0 for a classifier
     */
    public record LabelAccuracy(String output, int rows, double original, double derived, int boxes) {
        public LabelAccuracy(String output, int rows, double original, double derived) {
            this(output, rows, original, derived, 0);
        }

        public boolean detector() {
            return boxes > 0;
        }

        public double delta() {
            return derived - original;
        }
    }
}
