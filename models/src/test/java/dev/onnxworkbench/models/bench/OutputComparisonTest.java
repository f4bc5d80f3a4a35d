package dev.onnxworkbench.models.bench;

import dev.onnxworkbench.models.tensor.Tolerance;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutputComparisonTest {
    private static final Tolerance TOL = new Tolerance(1e-3, 1e-5);

    private static OutputComparison.Values values(double... v) {
        return new OutputComparison.Values(new long[] {v.length}, v, null);
    }

    @Test
    void identicalOutputsPassWithZeroError() {
        OutputAgreement a = OutputComparison.compare("y", values(1, 2, 3), values(1, 2, 3), TOL);
        assertThat(a.pass()).isTrue();
        assertThat(a.maxAbsError()).isZero();
        assertThat(a.maxRelError()).isZero();
    }

    @Test
    void elementPassesWhenEitherToleranceHolds() {
        // 1000 vs 1000.5: abs 0.5 > atol, rel 5e-4 <= rtol → pass (Polygraphy's OR rule).
        OutputAgreement a = OutputComparison.compare("y", values(1000.5, 0), values(1000, 0), TOL);
        assertThat(a.pass()).isTrue();
        assertThat(a.maxAbsError()).isEqualTo(0.5);
        assertThat(a.maxRelError()).isCloseTo(5e-4, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void elementOutsideBothTolerancesFailsAndIsCounted() {
        OutputAgreement a = OutputComparison.compare("y", values(1.1, 2, 0.5), values(1, 2, 0), TOL);
        assertThat(a.pass()).isFalse();
        assertThat(a.mismatches()).isEqualTo(2);
        assertThat(a.maxAbsError()).isEqualTo(0.5);
        assertThat(a.maxRelError()).isInfinite(); // 0.5 against a zero reference
    }

    @Test
    void nanAgreesOnlyWithNan() {
        assertThat(OutputComparison.compare("y", values(Double.NaN), values(Double.NaN), TOL).pass()).isTrue();
        assertThat(OutputComparison.compare("y", values(Double.NaN), values(1), TOL).pass()).isFalse();
    }

    @Test
    void differentShapesFail() {
        OutputAgreement a = OutputComparison.compare("y", new OutputComparison.Values(new long[] {1, 2}, new double[] {1, 2}, null),
                values(1, 2), TOL);
        assertThat(a.pass()).isFalse();
        assertThat(a.note()).contains("shape");
    }
}
