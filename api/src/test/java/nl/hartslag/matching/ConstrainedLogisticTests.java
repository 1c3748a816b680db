package nl.hartslag.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The fitter behind refit.sh: it finds the weights, and it keeps to its bounds and constraints. */
class ConstrainedLogisticTests {

    private static final double FREE = 1e9;

    /** Labels drawn from a known model: y = 1 with probability σ(−1 + 2·x0 − 1.5·x1 + 0·x2). */
    private static double[][] x;
    private static double[] y;

    static {
        Random random = new Random(7);
        int n = 4000;
        x = new double[n][3];
        y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = random.nextDouble();
            }
            double z = -1 + 2 * x[i][0] - 1.5 * x[i][1];
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
        }
    }

    private static final boolean[] ALL = { true, true, true };

    @Test
    void recoversTheWeightsOfTheModelThatMadeTheLabels() {
        var m = ConstrainedLogistic.fit(x, y, 0.01, new double[] { -FREE, -FREE, -FREE },
                new double[] { FREE, FREE, FREE }, List.of(), ALL);

        assertThat(m.weights()[0]).isCloseTo(2.0, within(0.4));
        assertThat(m.weights()[1]).isCloseTo(-1.5, within(0.4));
        assertThat(m.weights()[2]).isCloseTo(0.0, within(0.4));
        assertThat(m.bias()).isCloseTo(-1.0, within(0.4));
    }

    @Test
    void aSignConstraintHoldsAgainstTheData() {
        // x1 lowers the odds, but it may not.
        var m = ConstrainedLogistic.fit(x, y, 0.01, new double[] { -FREE, 0, -FREE }, new double[] { FREE, FREE, FREE },
                List.of(), ALL);

        assertThat(m.weights()[1]).isGreaterThanOrEqualTo(0.0).isCloseTo(0.0, within(1e-9));
        assertThat(m.weights()[0]).isPositive();
    }

    @Test
    void aCappedVetoLowersByAtMostItsCap() {
        var m = ConstrainedLogistic.fit(x, y, 0.01, new double[] { -FREE, -0.5, -FREE }, new double[] { FREE, 0, FREE },
                List.of(), ALL);

        assertThat(m.weights()[1]).isCloseTo(-0.5, within(1e-9));
    }

    @Test
    void aLinearConstraintBetweenWeightsHolds() {
        // w1 + 0.5·w0 ≥ 0 although the data want w1 = −1.5 and w0 = 2.
        var m = ConstrainedLogistic.fit(x, y, 0.01, new double[] { -FREE, -FREE, -FREE },
                new double[] { FREE, FREE, FREE }, List.of(new ConstrainedLogistic.Linear(new double[] { 0.5, 1, 0 })),
                ALL);

        assertThat(m.weights()[1] + 0.5 * m.weights()[0]).isGreaterThanOrEqualTo(-1e-9);
    }

    @Test
    void strongerL2ShrinksTheWeightsAndUnusedFeaturesStayZero() {
        double[] lo = { -FREE, -FREE, -FREE };
        double[] hi = { FREE, FREE, FREE };
        var weak = ConstrainedLogistic.fit(x, y, 0.01, lo, hi, List.of(), ALL);
        var strong = ConstrainedLogistic.fit(x, y, 3000, lo, hi, List.of(), new boolean[] { true, true, false });

        assertThat(Math.abs(strong.weights()[0])).isLessThan(Math.abs(weak.weights()[0]));
        assertThat(Math.abs(strong.weights()[1])).isLessThan(Math.abs(weak.weights()[1]));
        assertThat(strong.weights()[2]).isZero();
    }
}
