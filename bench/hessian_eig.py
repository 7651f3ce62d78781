#!/usr/bin/env python3
"""numpy/scipy side of bench/run part 6: lambda_max of a tanh network's Hessian.

Reads DIR/NAME.bin written by org.eoscheck.bench.HessianEigenBench (big-endian doubles: inputs
N x n_0, targets N x n_L, theta, a probe v and Java's Hess L v) and, with its own numpy
R-operator (Pearlmutter's forward-over-backward pass, vectorised over the samples):
  - checks the Hessian-vector product against Java's (relative difference);
  - lambda_max by scipy.sparse.linalg.eigsh (ARPACK, implicitly restarted Lanczos) on a
    LinearOperator, which='LA', tol=1e-10;
  - with "dense": assembles H from n products and takes numpy.linalg.eigvalsh(H)[-1].
Prints one JSON line per network: values, CPU seconds (median, min, max of REPEATS after one
warm-up; run with OPENBLAS_NUM_THREADS=1 so CPU seconds are one thread's, like Java's).

Usage: hessian_eig.py DIR REPEATS NAME:WIDTHS:SAMPLES:DENSE ...  (as HessianEigenBench)
"""
import json
import os
import statistics
import sys
import time

import numpy as np
import scipy
from scipy.sparse.linalg import LinearOperator, eigsh


class TanhNetwork:
    """Same layout as TanhNetwork.java: per layer W_l (n_l x n_{l-1}, row-major), then b_l."""

    def __init__(self, widths, x, y):
        self.widths, self.x, self.y = widths, x, y
        self.slices, o = [], 0
        for l in range(1, len(widths)):
            rows, cols = widths[l], widths[l - 1]
            self.slices.append((o, rows, cols))
            o += rows * cols + rows
        self.n = o

    def unpack(self, theta):
        return [(theta[o:o + r * c].reshape(r, c), theta[o + r * c:o + r * c + r])
                for o, r, c in self.slices]

    def hvp(self, theta, v):
        """Hess L(theta) v for L = (1 / 2N) sum_k |a_L(x_k) - y_k|^2."""
        p, q = self.unpack(theta), self.unpack(v)
        layers, count = len(p), self.x.shape[0]
        a, ra = [self.x], [np.zeros_like(self.x)]
        for l, ((w, b), (vw, vb)) in enumerate(zip(p, q), start=1):
            z = a[-1] @ w.T + b
            rz = a[-1] @ vw.T + ra[-1] @ w.T + vb
            if l < layers:
                t = np.tanh(z)
                a.append(t)
                ra.append((1 - t * t) * rz)
            else:
                a.append(z)
                ra.append(rz)
        delta = (a[-1] - self.y) / count
        rdelta = ra[-1] / count
        out = np.empty(self.n)
        for l in range(layers, 0, -1):
            (w, _), (vw, _) = p[l - 1], q[l - 1]
            o, r, c = self.slices[l - 1]
            out[o:o + r * c] = (rdelta.T @ a[l - 1] + delta.T @ ra[l - 1]).ravel()
            out[o + r * c:o + r * c + r] = rdelta.sum(axis=0)
            if l > 1:
                e = delta @ w
                re = delta @ vw + rdelta @ w
                s = 1 - a[l - 1] ** 2
                delta, rdelta = e * s, re * s - 2 * e * a[l - 1] * ra[l - 1]
        return out


def timed(f, repeats):
    value = f()  # warm-up
    seconds = []
    for _ in range(repeats):
        t0 = time.process_time()
        value = f()
        seconds.append(time.process_time() - t0)
    return value, {"median": statistics.median(seconds), "min": min(seconds),
                   "max": max(seconds), "runs": repeats}


def run(directory, repeats, spec):
    name, widths, samples, dense = spec.split(":")
    widths = [int(w) for w in widths.split("x")]
    samples = int(samples)
    raw = np.fromfile(os.path.join(directory, name + ".bin"), dtype=">f8").astype(np.float64)
    n0, nl = widths[0], widths[-1]
    x = raw[:samples * n0].reshape(samples, n0)
    y = raw[samples * n0:samples * (n0 + nl)].reshape(samples, nl)
    net = TanhNetwork(widths, x, y)
    rest = raw[samples * (n0 + nl):]
    n = net.n
    theta, probe, java_hv = rest[:n], rest[n:2 * n], rest[2 * n:3 * n]
    hv, hvp_seconds = timed(lambda: net.hvp(theta, probe), repeats)
    result = {"name": name, "parameters": n, "numpy": np.__version__, "scipy": scipy.__version__,
              "hvp_seconds": hvp_seconds,
              "hvp_relative_difference": float(np.linalg.norm(hv - java_hv) / np.linalg.norm(java_hv))}
    op = LinearOperator((n, n), matvec=lambda v: net.hvp(theta, np.ravel(v)), dtype=np.float64)
    v0 = np.random.default_rng(0).standard_normal(n)
    calls = []

    def arpack():
        counted = LinearOperator((n, n), dtype=np.float64,
                                 matvec=lambda v: (calls.append(1), op.matvec(v))[1])
        calls.clear()
        return float(eigsh(counted, k=1, which="LA", tol=1e-10, v0=v0, return_eigenvectors=False)[0])

    value, seconds = timed(arpack, repeats)
    result["eigsh"] = {"value": value, "products": len(calls), "seconds": seconds}
    if dense == "dense":
        h_holder = []

        def assemble():
            h = np.empty((n, n))
            e = np.zeros(n)
            for j in range(n):
                e[j] = 1
                h[:, j] = net.hvp(theta, e)
                e[j] = 0
            h_holder[:] = [(h + h.T) / 2]
            return 0.0

        few = min(repeats, 2)
        _, assemble_seconds = timed(assemble, few)
        value, solve_seconds = timed(lambda: float(np.linalg.eigvalsh(h_holder[0])[-1]), few)
        result["eigvalsh"] = {"value": value, "assemble_seconds": assemble_seconds,
                              "solve_seconds": solve_seconds}
    print(json.dumps(result), flush=True)


def main():
    directory, repeats = sys.argv[1], int(sys.argv[2])
    for spec in sys.argv[3:]:
        run(directory, repeats, spec)


if __name__ == "__main__":
    main()
