#!/usr/bin/env bash
# Edge of Stability on a depth-3 scalar network (Kreisler, Nacson, Soudry, Carmon, ICML 2023).
#
# eta = 0.55 < 2/3, so stable minimisers exist (their sharpness sum_i 1/w_i^2 >= D = 3 can be
# below 2/eta = 3.64), but from w = (0.1, 0.1, 2) gradient flow would end at a minimiser of
# sharpness phi = 4.45 > 2/eta. GD instead: the sharpness rises from 1.96 past 2/eta, oscillates
# (the loss spikes), and settles at 3.606 = 0.9917 * 2/eta while the GF-solution sharpness phi
# falls from 4.45 to the same value: GD converges to a flatter minimiser, just below 2/eta.
# Writes out/eos-depth3.{png,csv,json}.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/out}"
mkdir -p "$out"
"$root/eoscheck" simulate scalar --depth 3 --eta 0.55 --init w1=0.1,w2=0.1,w3=2 --steps 3000 \
  --plot "$out/eos-depth3.png" --csv "$out/eos-depth3.csv" --json "$out/eos-depth3.json"
