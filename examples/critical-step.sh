#!/usr/bin/env bash
# The sharp transition at the critical step size for the scalar chain (Craciun, Ghoshdastidar
# 2024; shared/maths.md 2), about 10 s on 2 cores.
#
# Every minimiser of L(w) = (w_1 ... w_D - 1)^2 / 2 has sharpness sum_i 1/w_i^2 >= D, so none is
# linearly stable for eta > eta* = 2/D, and above eta* GD converges to a critical point only from
# a null set of initial points. Below eta*, GD from random points w ~ N(0, I) converges from most
# of them, to minimisers of sharpness between D and 2/eta. The walkthrough runs the same 400
# random points for 6000 steps at step sizes on both sides of eta* = 1 (D = 2) and eta* = 2/3
# (D = 3), prints the share that converged per step size, compares it with the reference runs
# of shared/maths.md, and plots the share against eta (top) with the limit sharpness of the
# converged runs against 2/eta (bottom: the window [D, 2/eta] closes at eta*).
#
# What it shows (measured on the development machine, seed 1):
#   D = 2: 337/400 converge at eta = 0.9, falling slowly to 312 at 0.99; 0 at eta = 1 = eta* (the
#          flattest minimisers have sharpness exactly 2 = 2/eta: 317 runs creep towards them
#          without converging, in 6000 steps or in 60000); 0 from 1.01 to 1.1, where the runs
#          that do not diverge end in period-2 orbits.
#   D = 3: 351/400 at 0.6, 342 at 0.65, 84 at 0.66 (slow near eta*: with 60000 steps 343
#          converge), 0 at 2/3 and above.
#   Every limit has sharpness in [D, 2/eta] (bottom panel), a window that closes at eta*.
#   Reference (shared/maths.md 2, another random generator and convergence test): D = 2 319/400
#   at 0.99 and 0/400 at 1.01; D = 3 350/400 at 0.65 and 0/400 at 0.67. Measured here: 312, 0,
#   342, 0.
# Writes out/critical-step/depth{2,3}.{csv,png}.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/out}/critical-step"
mkdir -p "$out"

# sweep DEPTH ETAS: the same 400 points (seed 1) at every step size of ETAS
sweep() {
  echo
  echo "== depth $1: critical step 2/$1"
  "$root/eoscheck" simulate scalar --depth "$1" --eta "$2" --inits 400 --seed 1 --steps 6000 \
    --csv "$out/depth$1.csv" --plot "$out/depth$1.png" | sed -n '/^sweep:/,$p'
}

# compare DEPTH ETA REFERENCE: the converged count at ETA beside shared/maths.md's
compare() {
  awk -F, -v depth="$1" -v eta="$2" -v ref="$3" '
    /^#/ { next }
    !header { for (i = 1; i <= NF; i++) col[$i] = i; header = 1; next }
    $col["eta"] + 0 == eta + 0 {
      printf "  D = %s, eta = %-5s converged %3d/%d   reference %s\n", depth, eta,
        $col["converged"], $col["runs"], ref
    }' "$out/depth$1.csv"
}

sweep 2 0.9:0.98:0.02,0.99,1,1.01,1.02:1.1:0.02
sweep 3 0.6:0.66:0.01,2/3,0.67:0.72:0.01

echo
echo "== against the reference runs of shared/maths.md 2 (400 inits, 6000 steps)"
compare 2 0.99 319/400
compare 2 1.01 0/400
compare 3 0.65 350/400
compare 3 0.67 0/400
