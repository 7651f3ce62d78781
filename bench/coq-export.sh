#!/usr/bin/env bash
# bench/coq-export.sh: export + coqc over the seed library (issue 15). Not a test: nothing asserts
# a time. For every certificate in proofs-log/ (or those given as arguments): the whole-process
# seconds of `eoscheck export --coq` (replay of the log, export, coqc with the fallback of
# rejected claims to listed Axioms), the seconds coqc reports for the last compilation, the
# claims Coq proves and the share of the volume it covers. The depth-3 sufficient condition
# (proofs-log/kreisler-depth3-sufficient-condition.jsonl.gz) is included: its replay alone takes
# about half a minute.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${BENCH_COQ_OUT:-$(mktemp -d)}"
cd "$root"
./eoscheck --version >/dev/null
if [ $# -eq 0 ]; then
  set -- proofs-log/*.jsonl proofs-log/kreisler-depth3-sufficient-condition.jsonl.gz
fi
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(coqc --version 2>/dev/null | head -1 || echo 'no coqc')"
printf '%-48s %8s %8s %8s %s\n' log total_s coqc_s claims covered
start=$(date +%s.%N)
for log in "$@"; do
  name=$(basename "$log"); name=${name%%.*}
  t0=$(date +%s.%N)
  text=$(./eoscheck export --coq "$log" --out "$out/$name.v" 2>&1) || true
  t1=$(date +%s.%N)
  coqc_s=$(sed -n 's/^coqc: *compiled in \([0-9.]*\) s$/\1/p' <<<"$text")
  claims=$(sed -n 's/^claims: *\([0-9]* of [0-9]*\).*/\1/p' <<<"$text" | tr -d ' ')
  covered=$(sed -n 's/^coq covers: *\([^ ]*\) of the volume.*/\1/p' <<<"$text")
  [ -n "$covered" ] || covered="error: $(tail -1 <<<"$text")"
  printf '%-48s %8.1f %8s %8s %s\n' "$name" "$(echo "$t1 - $t0" | bc)" "${coqc_s:--}" \
    "${claims:--}" "$covered"
done
printf 'all: %.0f s; files in %s\n' "$(echo "$(date +%s.%N) - $start" | bc)" "$out"
