package dev.onnxworkbench.models.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Expected values come from numpy 1.x: np.percentile(a, p) (method="linear") and a.std() (ddof=0). */
class LatencyStatsTest {

    @Test
    void oneToHundredMatchesNumpy() {
        double[] a = IntStream.rangeClosed(1, 100).asDoubleStream().toArray();
        LatencyStats s = LatencyStats.ofMillis(a);
        assertThat(s.count()).isEqualTo(100);
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.max()).isEqualTo(100);
        assertThat(s.mean()).isEqualTo(50.5);
        assertThat(s.p50()).isCloseTo(50.5, within(1e-12));
        assertThat(s.p90()).isCloseTo(90.1, within(1e-12));
        assertThat(s.p95()).isCloseTo(95.05, within(1e-12));
        assertThat(s.p99()).isCloseTo(99.01, within(1e-12));
        assertThat(s.std()).isCloseTo(28.86607004772212, within(1e-12));
    }

    @Test
    void unsortedOddSampleMatchesNumpy() {
        double[] a = {7, 1, 3, 15, 4};
        LatencyStats s = LatencyStats.ofMillis(a);
        assertThat(s.p50()).isEqualTo(4.0);
        assertThat(s.p90()).isCloseTo(11.8, within(1e-12));
        assertThat(s.p95()).isCloseTo(13.4, within(1e-12));
        assertThat(s.p99()).isCloseTo(14.68, within(1e-12));
        assertThat(s.mean()).isEqualTo(6.0);
        assertThat(s.std()).isCloseTo(4.898979485566356, within(1e-12));
        assertThat(a).containsExactly(7, 1, 3, 15, 4); // input untouched
    }

    @Test
    void singleSampleIsEveryStatistic() {
        LatencyStats s = LatencyStats.ofMillis(new double[] {2.5});
        assertThat(new double[] {s.min(), s.mean(), s.p50(), s.p90(), s.p99(), s.max()}).containsOnly(2.5);
        assertThat(s.std()).isZero();
    }

    @Test
    void constantSamplesHaveNoSpread() {
        LatencyStats s = LatencyStats.ofMillis(new double[] {3, 3, 3, 3});
        assertThat(s.std()).isZero();
        assertThat(s.p99()).isEqualTo(3);
    }

    @Test
    void largeUniformSampleApproachesTheDistribution() {
        // Uniform on [0, 10): p-th percentile → p/10, std → 10/√12.
        Random random = new Random(1);
        double[] a = new double[200_000];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextDouble() * 10;
        }
        LatencyStats s = LatencyStats.ofMillis(a);
        assertThat(s.p50()).isCloseTo(5.0, within(0.05));
        assertThat(s.p90()).isCloseTo(9.0, within(0.05));
        assertThat(s.p99()).isCloseTo(9.9, within(0.02));
        assertThat(s.std()).isCloseTo(10 / Math.sqrt(12), within(0.02));
    }

    @Test
    void nanosecondsAreReportedInMilliseconds() {
        long[] nanos = {1_000_000, 3_000_000, 2_000_000, 999};
        LatencyStats s = LatencyStats.ofNanos(nanos, 3); // only the first three count
        assertThat(s.count()).isEqualTo(3);
        assertThat(s.p50()).isEqualTo(2.0);
        assertThat(s.max()).isEqualTo(3.0);
    }

    @Test
    void percentileRejectsNonsense() {
        assertThatThrownBy(() -> LatencyStats.ofMillis(new double[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LatencyStats.percentile(new double[] {1}, 101)).isInstanceOf(IllegalArgumentException.class);
    }
}
