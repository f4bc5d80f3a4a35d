package dev.onnxworkbench.models.precision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The streamed histogram's thresholds on a heavy-tailed tensor and on one without outliers. */
class RangeCollectorTest {

    @Test
    void mseCutsALaplaceTailButKeepsTheRangeOfValuesWithoutOutliers() {
        SplittableRandom random = new SplittableRandom(3);
        RangeCollector heavy = new RangeCollector(true);
        RangeCollector uniform = new RangeCollector(true);
        for (int batch = 0; batch < 4; batch++) {
            float[] h = new float[50_000];
            float[] u = new float[50_000];
            for (int i = 0; i < h.length; i++) {
                // Laplace(0, 1), a heavy-tailed activation: its largest of 200,000 values is about ln(200000) = 12
                double e = -Math.log(1 - random.nextDouble());
                h[i] = (float) (random.nextBoolean() ? e : -e);
                u[i] = (float) (random.nextDouble() * 2 - 1);
            }
            heavy.add(FloatBuffer.wrap(h));
            uniform.add(FloatBuffer.wrap(u));
        }
        double[] all = heavy.range(CalibrationMethod.MINMAX, 99.999);
        double[] cut = heavy.range(CalibrationMethod.MSE, 99.999);
        // 8-bit clipping of a Laplace(b) minimizes the squared error near 9.9·b (Banner et al., ACIQ)
        assertThat(cut[1]).as("against a largest value of " + all[1]).isBetween(7.0, 11.0).isLessThan(all[1] - 1);
        assertThat(cut[0]).isGreaterThan(all[0] + 1);
        double[] kept = uniform.range(CalibrationMethod.MSE, 99.999);
        assertThat(kept[1]).as("no outliers: nothing worth clipping").isGreaterThan(0.97);
        assertThat(kept[0]).isLessThan(-0.97);
    }
}
