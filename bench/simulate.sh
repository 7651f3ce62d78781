#!/usr/bin/env bash
# Benchmark (not a test): GD steps per CPU-second of the simulator's scalar-network kernels
# (GD step + GF-solution sharpness phi, + lambda_max by the secular equation or a dense
# eigen-solve, and the full simulator recording every step) for depth 2, 3 and 10, against the
# same loops in numpy, in one run. Usage: bench/simulate.sh [SCALE]  (SCALE multiplies the steps)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scale="${1:-1}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# BENCH_NO_BUILD=1 (set by bench/run, which has built already) skips the build.
if [ "${BENCH_NO_BUILD:-}" != 1 ] && ! mvn -q -B -DskipTests package test-compile >"$tmp/build.log" 2>&1; then
  cat "$tmp/build.log" >&2
  exit 1
fi
cp="target/classes:target/test-classes:target/lib/*"

# Same results first: the checksums of 1000 steps of each loop must agree.
java -cp "$cp" org.eoscheck.simulate.SimulateBench check >"$tmp/java-check.txt"
python3 bench/numpy_gd.py check >"$tmp/numpy-check.txt"
java -XX:+UseSerialGC -cp "$cp" org.eoscheck.simulate.SimulateBench "$scale" >"$tmp/java.txt"
python3 bench/numpy_gd.py "$scale" >"$tmp/numpy.txt"

python3 - "$tmp" <<'PY'
import os, sys
tmp = sys.argv[1]
def read(name):
    out = {}
    for line in open(os.path.join(tmp, name)):
        depth, kernel, value = line.split()[:3]
        out[(int(depth), kernel)] = float(value)
    return out
jc, nc = read("java-check.txt"), read("numpy-check.txt")
worst = max(abs(jc[k] - nc[k]) / abs(nc[k]) for k in jc)
print(f"checksums of 1000 steps agree to {worst:.1e} (relative)")
if worst > 1e-9:
    sys.exit("java and numpy loops disagree")
j, n = read("java.txt"), read("numpy.txt")
print(f"{'depth':>5} {'kernel':<26} {'java steps/s':>13} {'numpy steps/s':>14} {'ratio':>8}")
for (depth, kernel), rate in sorted(j.items()):
    other = n.get((depth, kernel))
    theirs = f"{other:14.3e}" if other else f"{'-':>14}"
    ratio = f"{rate / other:8.1f}" if other else f"{'-':>8}"
    print(f"{depth:>5} {kernel:<26} {rate:13.3e} {theirs} {ratio}")
for (depth, kernel), rate in sorted(n.items()):
    if kernel.startswith("batched"):
        java = j[(depth, "gd+phi")]
        print(f"{depth:>5} {'numpy ' + kernel:<26} {java:13.3e} {rate:14.3e} {java / rate:8.1f}"
              "   (numpy: 4096 networks per step; java: one)")
print("rates per CPU-second of one thread; java: ScalarDynamics in double, best of 3")
PY
