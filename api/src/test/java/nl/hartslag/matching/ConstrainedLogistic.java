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
        // First a smooth quadratic penalty on violated constraints, growing, so coordinates can move
        // together past each other's bounds (clipped coordinate steps alone can stall at a corner); then
        // the hard constraints: restore feasibility, and polish with clipped steps from there.
        double[] low = new double[d];
        double[] high = new double[d];
        for (int j = 0; j < d; j++) {
            low[j] = lo[j] * sd[j];
            high[j] = hi[j] * sd[j];
        }
        for (double rho : new double[] { 10, 100, 1_000, 10_000, 0 }) {
            boolean hard = rho == 0;
            if (hard) {
                if (!restore(w, cons, low, high, active)) {
                    java.util.Arrays.fill(w, 0); // all-zero is always feasible
                }
                for (int i = 0; i < n; i++) {
                    z[i] = b;
                    for (int j = 0; j < d; j++) {
                        z[i] += w[j] * col[j][i];
                    }
                }
            }
            b = sweeps(col, y, z, w, b, lambda, low, high, cons, active, hard, rho);
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

    /** Coordinate descent sweeps until the weights settle; returns the bias. {@code z} is kept equal to b + Xw. */
    private static double sweeps(double[][] col, double[] y, double[] z, double[] w, double b, double lambda,
            double[] lowBox, double[] highBox, List<double[]> cons, boolean[] active, boolean hard, double rho) {
        int n = y.length;
        int d = w.length;
        for (int sweep = 0; sweep < 300; sweep++) {
            double largest = 0;
            // The bias: unconstrained, unpenalised.
            double g = 0;
            double h = 1e-9;
            for (int i = 0; i < n; i++) {
                double pi = 1 / (1 + Math.exp(-z[i]));
                g += pi - y[i];
                h += pi * (1 - pi);
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
                double low = lowBox[j];
                double high = highBox[j];
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
                    if (hard) {
                        double bound = -rest / a[j];
                        if (a[j] > 0) {
                            low = Math.max(low, bound);
                        } else {
                            high = Math.min(high, bound);
                        }
                    } else {
                        double r = rest + a[j] * w[j];
                        if (r < 0) {
                            g += rho * a[j] * r;
                            h += rho * a[j] * a[j];
                        }
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
        return b;
    }

    /** Moves the weights the least it can, one constraint at a time, until none is violated; false if it cannot. */
    private static boolean restore(double[] w, List<double[]> cons, double[] low, double[] high, boolean[] active) {
        for (int j = 0; j < w.length; j++) {
            w[j] = Math.min(high[j], Math.max(low[j], w[j]));
        }
        for (int round = 0; round < 10_000; round++) {
            double[] worst = null;
            double worstR = -1e-12;
            for (double[] a : cons) {
                double r = 0;
                for (int k = 0; k < w.length; k++) {
                    r += a[k] * w[k];
                }
                if (r < worstR) {
                    worstR = r;
                    worst = a;
                }
            }
            if (worst == null) {
                return true;
            }
            int best = -1;
            for (int j = 0; j < w.length; j++) {
                double room = worst[j] > 0 ? high[j] - w[j] : low[j] - w[j];
                if (active[j] && worst[j] != 0 && Math.abs(room) > 1e-12
                        && (best < 0 || Math.abs(worst[j]) > Math.abs(worst[best]))) {
                    best = j;
                }
            }
            if (best < 0) {
                return false;
            }
            double delta = -worstR / worst[best] * 1.000001;
            w[best] = Math.min(high[best], Math.max(low[best], w[best] + delta));
        }
        return false;
    }
}
