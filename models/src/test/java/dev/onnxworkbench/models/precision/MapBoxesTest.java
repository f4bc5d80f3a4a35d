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
        var agreement = new AccuracyReport.BoxAgreement(0.3, 0.6, 0.5, 2, 3, 1);
        assertThat(agreement.f1()).isEqualTo(0.4);
        assertThat(new AccuracyReport.BoxAgreement(0.3, 0.6, 0.5, 0, 0, 0).f1()).isNaN();
    }

    @Test
    void classifierScoresAndUnboundedMapsAreNotProbabilityMaps() throws Exception {
        assertThat(MapBoxes.isProbabilityMap(HostTensor.ofFloats(new long[] {1, 2}, 0.3f, 0.7f))).isFalse();
        float[] logits = new float[16 * 16];
        logits[5] = 3.5f;
        assertThat(MapBoxes.isProbabilityMap(HostTensor.ofFloats(new long[] {1, 1, 16, 16}, logits))).isFalse();
        assertThat(MapBoxes.isProbabilityMap(HostTensor.ofFloats(new long[] {1, 16, 16, 1}, new float[256]))).isTrue();
    }

    private static void fill(float[] map, int offset, int width, int x0, int y0, int x1, int y1, float v) {
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                map[offset + y * width + x] = v;
            }
        }
    }
}
