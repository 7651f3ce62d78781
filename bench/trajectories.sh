#!/usr/bin/env bash
# Time to the first certified counterexample: `search` with trajectories (the default) against
# sampling alone (--trajectories 0), same seed, samples and time limit, on the false lemmas of
# bench/lemmas/trajectories/ (violations near the minimiser manifold or in a catapult), and two
# true lemmas that must stay UNKNOWN in both modes. Times are the search's own `seconds` (JVM
# start excluded); a search that ends without one (its samples spent, or its time limit) has no
# time to a counterexample: its ratio is shown as "none/T" (T: the other mode's seconds).
# The machine is shared: each search runs REPEAT times and the median seconds are shown (the
# verdicts and sources are the same every time: same seed, same result).
# Knobs: SEED (1), SAMPLES (100000), LIMIT (60 s), Z3 (0: --no-z3; 1: with Z3), REPEAT (3).
set -euo pipefail
cd "$(dirname "$0")/.."
SEED=${SEED:-1}
SAMPLES=${SAMPLES:-100000}
LIMIT=${LIMIT:-60}
Z3=${Z3:-0}
REPEAT=${REPEAT:-3}
./eoscheck --version > /dev/null
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); seed $SEED, $SAMPLES samples, limit $LIMIT s, z3 $Z3, median of $REPEAT"
printf '%-40s %-24s %-24s %8s  %s\n' lemma "sampling alone" "with trajectories" ratio "found by (with trajectories)"
for f in bench/lemmas/trajectories/*.yaml theorems/kreisler2023/no-stable-minimiser-depth3.yaml \
    theorems/kreisler2023/depth3-sufficient-condition.yaml; do
  row=()
  for mode in sampling trajectories; do
    args=(--seed "$SEED" --samples "$SAMPLES" --time-limit "$LIMIT" --json)
    [ "$Z3" = 1 ] || args+=(--no-z3)
    [ "$mode" = sampling ] && args+=(--trajectories 0)
    times=()
    for _ in $(seq "$REPEAT"); do
      out=$(./eoscheck search "$f" "${args[@]}" 2>/dev/null || true)
      verdict=$(jq -r '.verdict' <<< "$out")
      secs=$(jq -r '.seconds // empty' <<< "$out")
      [ -n "$secs" ] || secs=$LIMIT
      source=$(jq -r '.counterexample.source // "-"' <<< "$out")
      times+=("$secs")
    done
    secs=$(printf '%s\n' "${times[@]}" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
    row+=("$verdict" "$secs" "$source")
  done
  ratio=$(awk -v a="${row[1]}" -v va="${row[0]}" -v b="${row[4]}" -v vb="${row[3]}" -v l="$LIMIT" '
    BEGIN { if (vb != "REFUTED") { print "-"; exit }
            if (va != "REFUTED") { printf "none/%.2f\n", b; exit }
            printf "%.2f\n", a / b }')
  printf '%-40s %-24s %-24s %8s  %s\n' "$(basename "$f" .yaml)" "${row[0]} ${row[1]} s" \
    "${row[3]} ${row[4]} s" "$ratio" "${row[5]}"
done
