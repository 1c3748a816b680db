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
     * The refit solves with scipy's SLSQP (fit_model.py), which handles the coupled linear constraints
     * exactly; coordinate descent here is the fallback without Python ({@code -Dfitter=java}) and what the
     * unit tests exercise. Both solve the same problem.
     */
    static final boolean SCIPY = !"java".equals(System.getProperty("fitter", "java"));

    private static Model scipy(double[][] col, double[] y, double lambda, double[] lo, double[] hi, List<double[]> cons,
            boolean[] active, double[] mean, double[] sd) {
        int d = col.length;
        int n = y.length;
        try {
            java.nio.file.Path in = java.nio.file.Files.createTempFile("hartslag-fit", ".bin");
            java.nio.file.Path out = java.nio.file.Files.createTempFile("hartslag-fit", ".txt");
            try {
                int m = cons.size();
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(8 * (4 + n * d + n + 2 * d + m * d))
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
                buf.putDouble(n).putDouble(d).putDouble(m).putDouble(lambda);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < d; j++) {
                        buf.putDouble(active[j] ? col[j][i] : 0);
                    }
                }
                for (double v : y) {
                    buf.putDouble(v);
                }
                for (int j = 0; j < d; j++) {
                    buf.putDouble(active[j] ? Math.max(-1e9, lo[j] * sd[j]) : 0);
                }
                for (int j = 0; j < d; j++) {
                    buf.putDouble(active[j] ? Math.min(1e9, hi[j] * sd[j]) : 0);
                }
                for (double[] a : cons) {
                    for (int j = 0; j < d; j++) {
                        buf.putDouble(a[j]);
                    }
                }
                java.nio.file.Files.write(in, buf.array());
                String script = System.getProperty("fitter.script",
                        "api/src/test/resources/nl/hartslag/matching/fit_model.py");
                Process p = new ProcessBuilder("python3", script, in.toString(), out.toString())
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("fit_model.py failed");
                }
                List<String> lines = java.nio.file.Files.readAllLines(out);
                double b = Double.parseDouble(lines.get(0));
                double[] raw = new double[d];
                double bias = b;
                for (int j = 0; j < d; j++) {
                    double ws = Double.parseDouble(lines.get(1 + j));
                    raw[j] = active[j] ? ws / sd[j] : 0;
                    bias -= raw[j] * (active[j] ? mean[j] : 0);
                }
                return new Model(bias, raw, Double.parseDouble(lines.get(1 + d)));
            } finally {
                java.nio.file.Files.deleteIfExists(in);
                java.nio.file.Files.deleteIfExists(out);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
        if (SCIPY) {
            return scipy(col, y, lambda, lo, hi, cons, active, mean, sd);
        }
        double[] low = new double[d];
        double[] high = new double[d];
        for (int j = 0; j < d; j++) {
            low[j] = lo[j] * sd[j];
            high[j] = hi[j] * sd[j];
        }
        // 1. Clipped coordinate steps from zero (always feasible), which can stall at a corner of the
        //    constraints; 2. a smooth quadratic penalty on violated constraints instead, growing, so
        //    coordinates can pass each other's bounds; 3. back to the feasible set on the segment between
        //    the two (convex), and polish with clipped steps. The better of 1 and 3 is kept.
        b = sweeps(col, y, z, w, b, lambda, low, high, cons, active, true, 0);
        double[] stalled = w.clone();
        double stalledBias = b;
        double stalledObjective = objective(z, y, w, lambda);
        for (double rho : new double[] { 10, 100, 1_000, 10_000 }) {
            b = sweeps(col, y, z, w, b, lambda, low, high, cons, active, false, rho);
        }
        double feasible = 0;
        double infeasible = 1;
        double[] moved = w.clone();
        if (!feasible(moved, cons)) {
            for (int i = 0; i < 30; i++) {
                double t = (feasible + infeasible) / 2;
                for (int j = 0; j < d; j++) {
                    moved[j] = stalled[j] + t * (w[j] - stalled[j]);
                }
                if (feasible(moved, cons)) {
                    feasible = t;
                } else {
                    infeasible = t;
                }
            }
            for (int j = 0; j < d; j++) {
                moved[j] = stalled[j] + feasible * (w[j] - stalled[j]);
            }
        }
        System.arraycopy(moved, 0, w, 0, d);
        for (int i = 0; i < n; i++) {
            z[i] = b;
            for (int j = 0; j < d; j++) {
                z[i] += w[j] * col[j][i];
            }
        }
        b = sweeps(col, y, z, w, b, lambda, low, high, cons, active, true, 0);
        if (!feasible(w, cons) || objective(z, y, w, lambda) > stalledObjective) {
            System.arraycopy(stalled, 0, w, 0, d);
            b = stalledBias;
            for (int i = 0; i < n; i++) {
                z[i] = b;
                for (int j = 0; j < d; j++) {
                    z[i] += w[j] * col[j][i];
                }
            }
        }
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double pi = sigmoid(z[i]);
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
                double pi = sigmoid(z[i]);
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
                    double pi = sigmoid(z[i]);
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

    private static boolean feasible(double[] w, List<double[]> cons) {
        for (double[] a : cons) {
            double r = 0;
            for (int k = 0; k < w.length; k++) {
                r += a[k] * w[k];
            }
            if (r < -1e-9) {
                return false;
            }
        }
        return true;
    }

    /** Sum of log-losses plus λ/2 |w|² (standardised). */
    private static double objective(double[] z, double[] y, double[] w, double lambda) {
        double loss = 0;
        for (int i = 0; i < z.length; i++) {
            double p = sigmoid(z[i]);
            loss -= y[i] * Math.log(p + 1e-12) + (1 - y[i]) * Math.log(1 - p + 1e-12);
        }
        for (double v : w) {
            loss += lambda / 2 * v * v;
        }
        return loss;
    }

    /** StrictMath: the same bits in every run and JIT tier, so a refit is reproducible to the last digit. */
    private static double sigmoid(double z) {
        return 1 / (1 + StrictMath.exp(-z));
    }
}
