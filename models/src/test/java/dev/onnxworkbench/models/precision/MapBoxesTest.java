package dev.onnxworkbench.models.precision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.models.tensor.HostTensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The DB-style boxes of a probability map and their agreement between two maps. */
class MapBoxesTest {

    @Test
    void regionsAboveTheThresholdWithAHighEnoughMeanBecomeBoxes() throws Exception {
        float[] map = new float[2 * 20 * 30];
        fill(map, 0, 30, 2, 3, 10, 8, 0.9f);      // word 1 in map 0: x 2..9, y 3..7
        fill(map, 0, 30, 15, 12, 28, 16, 0.8f);   // word 2 in map 0
        fill(map, 0, 30, 20, 1, 21, 2, 0.95f);    // 2×2: below the minimum side, dropped
        fill(map, 0, 30, 0, 18, 10, 19, 0.4f);    // above 0.3 but its mean is below 0.6, dropped
        fill(map, 600, 30, 5, 5, 12, 9, 0.7f);    // one word in map 1
        HostTensor t = HostTensor.ofFloats(new long[] {2, 1, 20, 30}, map);
        assertThat(MapBoxes.isProbabilityMap(t)).isTrue();
        List<List<MapBoxes.Box>> boxes = MapBoxes.boxes(t);
        assertThat(boxes.get(0)).containsExactly(new MapBoxes.Box(2, 3, 9, 7), new MapBoxes.Box(15, 12, 27, 15));
        assertThat(boxes.get(1)).containsExactly(new MapBoxes.Box(5, 5, 11, 8));
    }

    @Test
    void matchingIsOneToOneAtIouHalf() {
        var a = new MapBoxes.Box(0, 0, 9, 9);
        var b = new MapBoxes.Box(20, 0, 29, 9);
        var shifted = new MapBoxes.Box(2, 0, 11, 9);   // IoU 80/120 = 0.67
        var far = new MapBoxes.Box(6, 0, 15, 9);       // IoU 40/160 = 0.25
        assertThat(shifted.iou(a)).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(MapBoxes.matched(List.of(a, b), List.of(shifted, b))).isEqualTo(2);
        assertThat(MapBoxes.matched(List.of(a, b), List.of(far, b))).isEqualTo(1);
        assertThat(MapBoxes.matched(List.of(a), List.of(a, a))).as("one derived box per original").isEqualTo(1);
        var agreement = new AccuracyReport.BoxAgreement(0.3, 0.6, 0.5, 2, 3, 1, 1, 1);
        assertThat(agreement.f1()).isEqualTo(0.4);
        assertThat(new AccuracyReport.BoxAgreement(0.3, 0.6, 0.5, 0, 0, 0, 0, 0).f1()).isNaN();
    }

    @Test
    void detEvalCountsALineFoundAsWordsAndWordsFoundAsALineAtPointEight() {
        // original: a line (0..99) that the derived model splits into three words, two words (0..29, 40..69 on row
        // 20) that it merges into one line, a word it finds one to one, and a word it misses
        var line = new MapBoxes.Box(0, 0, 99, 9);
        var w1 = new MapBoxes.Box(0, 20, 29, 29);
        var w2 = new MapBoxes.Box(40, 20, 69, 29);
        var single = new MapBoxes.Box(0, 40, 49, 49);
        var missed = new MapBoxes.Box(0, 60, 49, 69);
        List<MapBoxes.Box> reference = List.of(line, w1, w2, single, missed);
        List<MapBoxes.Box> derived = List.of(new MapBoxes.Box(0, 0, 29, 9), new MapBoxes.Box(35, 0, 64, 9),
                new MapBoxes.Box(70, 0, 99, 9), new MapBoxes.Box(0, 20, 69, 29), new MapBoxes.Box(1, 40, 49, 49));
        assertThat(MapBoxes.matched(reference, derived)).as("IoU matching sees only the one-to-one word").isEqualTo(1);

        MapBoxes.DetEvalScore s = MapBoxes.detEval(reference, derived);
        assertThat(s.recall()).as("split 0.8 + merge 2·0.8 + one-to-one 1").isCloseTo(3.4,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.precision()).as("split 3·0.8 + merge 0.8 + one-to-one 1").isCloseTo(4.2,
                org.assertj.core.data.Offset.offset(1e-9));
        var agreement = new AccuracyReport.BoxAgreement(0.3, 0.6, 0.5, 5, 5, 1, s.recall(), s.precision());
        assertThat(agreement.detEvalRecall()).isCloseTo(0.68, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(agreement.detEvalPrecision()).isCloseTo(0.84, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(agreement.f1()).isEqualTo(0.2);
        assertThat(MapBoxes.detEval(List.of(line), List.of(line))).isEqualTo(new MapBoxes.DetEvalScore(1, 1));
    }

    @Test
    void classifierScoresAndUnboundedMapsAreNotProbabilityMaps() throws Exception {
        assertThat(MapBoxes.isProbabilityMap(HostTensor.ofFloats(new long[] {1, 2}, 0.3f, 0.7f))).isFalse();
        float[] logits = new float[16 * 16];
        logits[5] = 3.5f;
        assertThat(MapBoxes.isProbabilityMap(HostTensor.ofFloats(new long[] {1, 1, 16, 16}, logits))).isFalse();
        assertThat(MapBoxes.isProbabilityMap(HostTensor.ofFloats(new long[] {1, 16, 16, 1}, new float[256]))).isTrue();
    }

    @Test
    void aRecognizersSoftmaxPerPositionIsClassScoresNotAMap() throws Exception {
        // [1, T=10, C=12]: each position a distribution over classes (PaddleOCR's recognizer writes [N, T, 6625])
        float[] v = new float[10 * 12];
        for (int t = 0; t < 10; t++) {
            for (int c = 0; c < 12; c++) {
                v[t * 12 + c] = c == t % 12 ? 0.78f : 0.02f;
            }
        }
        HostTensor softmax = HostTensor.ofFloats(new long[] {1, 10, 12}, v);
        assertThat(MapBoxes.isProbabilityMap(softmax)).isFalse();
        assertThat(AccuracyEvaluator.isClassScores(softmax, false)).isTrue();
        assertThat(AccuracyEvaluator.argmax(softmax)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        HostTensor map = HostTensor.ofFloats(new long[] {1, 10, 12}, new float[120]);
        assertThat(MapBoxes.isProbabilityMap(map)).as("an empty map is still a map").isTrue();
        assertThat(AccuracyEvaluator.isClassScores(map, true)).isFalse();
    }

    private static void fill(float[] map, int offset, int width, int x0, int y0, int x1, int y1, float v) {
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                map[offset + y * width + x] = v;
            }
        }
    }
}
