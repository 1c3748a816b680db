package nl.hartslag.matching;

import java.util.ArrayList;
import java.util.List;

/**
 * Logistic regression with L2, box constraints per weight and homogeneous linear constraints
 * ({@code a·w ≥ 0}), fitted by cyclic coordinate descent with one Newton step per coordinate, each
 * step clipped to what the constraints allow given the other weights (so every iterate is feasible;
 * all-zero is). Features are standardised for fitting (mean 0, sd 1 over the training rows), so one
 * L2 strength fits all of them; bounds and constraints are given in raw units (what the scorer
 * multiplies with) and translated. Deterministic: no random order, no random start.
 */
final class ConstrainedLogistic {

    /** A constraint {@code Σ a[j] · w_raw[j] ≥ 0}. */
    record Linear(double[] a) {
    }

    record Model(double bias, double[] weights, double logLoss) {
    }

    private ConstrainedLogistic() {
    }

    /**
     * @param x rows × features (raw values)
     * @param y 0/1 labels
     * @param lambda L2 strength on the standardised weights (objective: sum of log-losses + λ/2 |w|²)
     * @param lo lower bound per raw weight ({@code 0} for "never lowers the score"; {@code -cap} for capped vetoes)
     * @param hi upper bound per raw weight
     * @param constraints homogeneous linear constraints on the raw weights
     * @param use which features may have a weight (the others stay 0)
     */
    static Model fit(double[][] x, double[] y, double lambda, double[] lo, double[] hi, List<Linear> constraints,
            boolean[] use) {
        int n = x.length;
        int d = lo.length;
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                sd[j] += (row[j] - mean[j]) * (row[j] - mean[j]);
            }
        }
        boolean[] active = new boolean[d];
        for (int j = 0; j < d; j++) {
            sd[j] = Math.sqrt(sd[j] / n);
            active[j] = use[j] && sd[j] > 1e-9;
            if (!active[j]) {
                sd[j] = 1;
            }
        }
        // Column-major standardised copy: each coordinate step runs down one column.
        double[][] col = new double[d][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                col[j][i] = (x[i][j] - mean[j]) / sd[j];
            }
        }
        // Constraints in standardised units: a_j · w_raw_j = a_j / sd_j · w_std_j (the bias absorbs the means).
        List<double[]> cons = new ArrayList<>();
        for (Linear c : constraints) {
            double[] a = new double[d];
            for (int j = 0; j < d; j++) {
                a[j] = active[j] ? c.a()[j] / sd[j] : 0;
            }
            cons.add(a);
        }
        double[] w = new double[d];
        double positives = 0;
        for (double v : y) {
            positives += v;
        }
        double rate = Math.min(1 - 1e-6, Math.max(1e-6, positives / n));
        double b = Math.log(rate / (1 - rate));
        double[] z = new double[n];
        java.util.Arrays.fill(z, b);
        double[] p = new double[n];
        for (int sweep = 0; sweep < 300; sweep++) {
            double largest = 0;
            // The bias: unconstrained, unpenalised.
            double g = 0;
            double h = 1e-9;
            for (int i = 0; i < n; i++) {
                p[i] = 1 / (1 + Math.exp(-z[i]));
                g += p[i] - y[i];
                h += p[i] * (1 - p[i]);
            }
            double step = -g / h;
            b += step;
            for (int i = 0; i < n; i++) {
                z[i] += step;
            }
            largest = Math.max(largest, Math.abs(step));
            for (int j = 0; j < d; j++) {
                if (!active[j]) {
                    continue;
                }
                double[] c = col[j];
                g = lambda * w[j];
                h = lambda + 1e-9;
                for (int i = 0; i < n; i++) {
                    double pi = 1 / (1 + Math.exp(-z[i]));
                    g += (pi - y[i]) * c[i];
                    h += pi * (1 - pi) * c[i] * c[i];
                }
                double low = lo[j] * sd[j];
                double high = hi[j] * sd[j];
                for (double[] a : cons) {
                    if (a[j] == 0) {
                        continue;
                    }
                    double rest = 0;
                    for (int k = 0; k < d; k++) {
                        if (k != j) {
                            rest += a[k] * w[k];
                        }
                    }
                    double bound = -rest / a[j];
                    if (a[j] > 0) {
                        low = Math.max(low, bound);
                    } else {
                        high = Math.min(high, bound);
                    }
                }
                double next = Math.min(high, Math.max(low, w[j] - g / h));
                if (low > high) {
                    next = w[j]; // numerically tight: stay where it is feasible
                }
                double delta = next - w[j];
                if (delta != 0) {
                    w[j] = next;
                    for (int i = 0; i < n; i++) {
                        z[i] += delta * c[i];
                    }
                    largest = Math.max(largest, Math.abs(delta));
                }
            }
            if (largest < 1e-5) {
                break;
            }
        }
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double pi = 1 / (1 + Math.exp(-z[i]));
            loss -= y[i] * Math.log(pi + 1e-12) + (1 - y[i]) * Math.log(1 - pi + 1e-12);
        }
        // Back to raw units: w_raw = w_std / sd, bias_raw = b − Σ w_raw · mean.
        double[] raw = new double[d];
        double bias = b;
        for (int j = 0; j < d; j++) {
            raw[j] = active[j] ? w[j] / sd[j] : 0;
            bias -= raw[j] * (active[j] ? mean[j] : 0);
        }
        return new Model(bias, raw, loss / n);
    }
}
