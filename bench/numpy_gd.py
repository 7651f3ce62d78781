#!/usr/bin/env python3
"""The loops of SimulateBench.java in numpy, for bench/simulate.sh.

GD on the depth-D scalar network L(w) = (w_1 ... w_D - 1)^2 / 2 from w_i = 1 + 0.5 sin(i + 1) with
eta = 1 / (2 D), computing every step the GF-solution sharpness phi (the same root-form Newton
iteration as CompiledExpr.gfsOffset) and, in the other kernels, lambda_max by the same secular
equation as ScalarDynamics.structuredSharpness or by numpy.linalg.eigvalsh of the O(D^2) Hessian.
"batched" runs K networks at once as K x D arrays: numpy's best case, counted as K steps per step.

Prints one line per figure: "depth kernel steps_per_second checksum" (rates per CPU-second);
with the argument "check", the checksums of 1000 steps of each loop instead.
"""
import math
import sys
import time

import numpy as np


def start(depth):
    return np.array([1 + 0.5 * math.sin(i + 1) for i in range(depth)])


def gfs_offset(v, t=1.0):
    """The s > 0 with prod(v + s) = t (min v = 0): Newton on p^(1/n) - t^(1/n), then one on p."""
    n = len(v)
    level = t ** (1.0 / n)
    others = np.prod(np.sort(v)[1:])
    s = min(level, t / others) if others > 0 else level
    was_below = False
    for _ in range(200):
        f = v + s
        p = np.prod(f)
        dp = p * np.sum(1.0 / f)
        q = p ** (1.0 / n)
        nxt = s - n * p * (1 - level / q) / dp
        if q < level:
            done = not nxt > s
            was_below = True
        else:
            done = q == level or was_below
        if done:
            polished = s - (p - t) / dp
            return polished if polished > 0 else s
        s = nxt if nxt > 0 else s / 2
    return s


def phi(w):
    if len(w) == 2:
        b = w[0] * w[0] - w[1] * w[1]
        return math.sqrt(b * b + 4)
    u = w * w
    v = u - u.min()
    s = gfs_offset(v)
    return float(np.sum(1.0 / (v + s)))


def sharpness_structured(w):
    """Top root of the secular equation of alpha z z^T + diag(d), as in ScalarDynamics."""
    pi = float(np.prod(w))
    r = pi - 1
    alpha = pi * (pi + r)
    c = 1.0 / (w * w)
    d = -r * pi * c
    dmax = d.max()
    g = dmax - d
    if alpha > 0:
        mu = alpha * c.sum()
        for _ in range(200):
            den = mu + g
            f = np.sum(c * mu / den) - mu / alpha
            df = np.sum(c * g / (den * den)) - 1 / alpha
            nxt = mu - f / df
            if not (nxt < mu and nxt > 0):
                break
            mu = nxt
        return dmax + mu
    ties = int(np.sum(g == 0))
    if alpha == 0 or ties > 1:
        return dmax
    a = -alpha
    c0 = c[g == 0].sum()
    pos = g > 0
    cp, gp = c[pos], g[pos]
    gap = gp.min() if gp.size else math.inf
    mu = a * c0
    if not mu < gap:
        lo, mu = 0.0, gap / 2
        for _ in range(200):
            if mu - a * c0 + a * np.sum(cp * mu / (gp - mu)) >= 0:
                break
            lo, mu = mu, mu + (gap - mu) / 2
    for _ in range(200):
        den = gp - mu
        f = mu - a * c0 + a * np.sum(cp * mu / den)
        df = 1 + a * np.sum(cp * gp / (den * den))
        nxt = mu - f / df
        if not (nxt < mu and nxt > 0):
            break
        mu = nxt
    return dmax - mu


def sharpness_dense(w):
    pi = float(np.prod(w))
    q = pi / w
    h = np.outer(q, q) + (pi - 1) * pi / np.outer(w, w)
    np.fill_diagonal(h, q * q)
    return float(np.linalg.eigvalsh(h)[-1])


def gd_step(w, eta):
    pi = np.prod(w)
    return w - eta * (pi - 1) * pi / w


def loop(depth, steps, what):
    w = start(depth)
    eta = 1.0 / (2 * depth)
    total = 0.0
    for _ in range(steps):
        w = gd_step(w, eta)
        total += phi(w)
        if what == 1:
            total += sharpness_structured(w)
        elif what == 2:
            total += sharpness_dense(w)
    return total


def batched(depth, steps, k=4096):
    """K copies of the start, perturbed slightly, stepped together; phi by a masked Newton."""
    rng = np.random.default_rng(0)
    w = start(depth)[None, :] * (1 + 0.01 * rng.standard_normal((k, depth)))
    eta = 1.0 / (2 * depth)
    level = 1.0
    total = 0.0
    for _ in range(steps):
        pi = np.prod(w, axis=1, keepdims=True)
        w = w - eta * (pi - 1) * pi / w
        if depth == 2:
            b = w[:, 0] ** 2 - w[:, 1] ** 2
            total += float(np.sum(np.sqrt(b * b + 4)))
            continue
        u = w * w
        v = u - u.min(axis=1, keepdims=True)
        s = np.full(k, level)
        below = np.zeros(k, dtype=bool)
        done = np.zeros(k, dtype=bool)
        for _ in range(200):  # the scalar iteration, masked: rows stop as gfs_offset would
            f = v + s[:, None]
            p = np.prod(f, axis=1)
            dp = p * np.sum(1.0 / f, axis=1)
            q = p ** (1.0 / depth)
            nxt = s - depth * p * (1 - level / q) / dp
            stop = np.where(q < level, ~(nxt > s), (q == level) | below)
            below |= q < level
            done |= stop
            if done.all():
                break
            s = np.where(done, s, np.where(nxt > 0, nxt, s / 2))
        f = v + s[:, None]
        p = np.prod(f, axis=1)
        s = s - (p - 1) / (p * np.sum(1.0 / f, axis=1))
        total += float(np.sum(np.sum(1.0 / (v + s[:, None]), axis=1)))
    return total, k


def measure(depth, name, fn, steps):
    fn(max(1, steps // 10))  # warm-up
    best = 0.0
    check = 0.0
    for _ in range(3):
        t0 = time.process_time()
        out = fn(steps)
        dt = time.process_time() - t0
        check, count = out if isinstance(out, tuple) else (out, 1)
        best = max(best, steps * count / dt)
    print(f"{depth} {name} {best:.4g} {check:.10g}", flush=True)


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "check":
        for depth in (2, 3, 10):
            for what in range(3):
                print(f"{depth} check{what} {loop(depth, 1000, what):.15g}")
        return
    scale = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    for depth in (2, 3, 10):
        measure(depth, "gd+phi", lambda s: loop(depth, s, 0), int(20000 * scale))
        measure(depth, "gd+phi+lambda_structured", lambda s: loop(depth, s, 1), int(10000 * scale))
        measure(depth, "gd+phi+lambda_dense", lambda s: loop(depth, s, 2), int(10000 * scale))
        measure(depth, "batched_gd+phi", lambda s: batched(depth, s), int(200 * scale))


if __name__ == "__main__":
    main()
