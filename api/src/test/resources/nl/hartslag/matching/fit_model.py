"""Constrained L2 logistic regression for MatchModelTool (refit.sh): numpy + scipy's SLSQP.

    python3 fit_model.py IN.bin OUT.txt

IN.bin (little-endian float64): n, d, m, lambda; X (n x d, standardised); y (n); lo (d); hi (d); A (m x d).
Minimises  sum of log-losses + lambda/2 |w|^2  (bias free)  subject to  lo <= w <= hi  and  A w >= 0.
OUT.txt: the bias, then d weights, then the mean log-loss, one number a line. Deterministic.
"""
import sys
import numpy as np
from scipy.optimize import minimize

raw = np.fromfile(sys.argv[1], dtype='<f8')
n, d, m, lam = int(raw[0]), int(raw[1]), int(raw[2]), raw[3]
at = 4
X = raw[at:at + n * d].reshape(n, d); at += n * d
y = raw[at:at + n]; at += n
lo = raw[at:at + d]; at += d
hi = raw[at:at + d]; at += d
A = raw[at:at + m * d].reshape(m, d) if m else np.zeros((0, d))


def f(theta):
    b, w = theta[0], theta[1:]
    z = X @ w + b
    # log(1 + e^z) - y z, stably
    loss = np.sum(np.logaddexp(0, z) - y * z) + lam / 2 * w @ w
    p = 0.5 * (1 + np.tanh(z / 2))
    r = p - y
    grad = np.concatenate([[r.sum()], X.T @ r + lam * w])
    return loss, grad


rate = min(1 - 1e-6, max(1e-6, y.mean()))
theta0 = np.concatenate([[np.log(rate / (1 - rate))], np.zeros(d)])
bounds = [(None, None)] + [(None if l < -1e8 else l, None if h > 1e8 else h) for l, h in zip(lo, hi)]
cons = [{'type': 'ineq', 'fun': (lambda th, a=a: a @ th[1:]), 'jac': (lambda th, a=a: np.concatenate([[0.0], a]))}
        for a in A]
res = minimize(f, theta0, jac=True, method='SLSQP', bounds=bounds, constraints=cons,
               options={'maxiter': 1000, 'ftol': 1e-10})
theta = res.x
# SLSQP may leave a hair of infeasibility: clip to the box (the cone constraints are checked by the caller's tests).
theta[1:] = np.clip(theta[1:], lo, hi)
z = X @ theta[1:] + theta[0]
ll = np.mean(np.logaddexp(0, z) - y * z)
with open(sys.argv[2], 'w') as out:
    for v in list(theta) + [ll]:
        out.write('%.17g\n' % v)
print('fit: %s, %d iterations, mean log-loss %.5f' % (res.message, res.nit, ll), file=sys.stderr)
