#!/usr/bin/env bash
# Check one lemma as a Slurm job array: each task takes its share of an over-decomposed
# partition of the box (256 pieces, so uneven pieces balance), then one job merges and replays.
#
#   sbatch --array=1-16 examples/slurm-shards.sh theorems/kreisler2023/depth3-sufficient-condition.yaml
#   # when all tasks are done:
#   ./eoscheck merge proofs-log/shards/*.jsonl --out proofs-log/merged.jsonl
#   ./eoscheck replay proofs-log/merged.jsonl
#SBATCH --job-name=eoscheck
#SBATCH --cpus-per-task=2
#SBATCH --time=01:00:00
set -euo pipefail
lemma="$1"
n="${SLURM_ARRAY_TASK_COUNT:?run as a job array}"
i="${SLURM_ARRAY_TASK_ID:?run as a job array}"
./eoscheck check "$lemma" --shard "$i/$n" --pieces 256 --jobs "${SLURM_CPUS_PER_TASK:-2}" \
  --log proofs-log/shards || true   # exit 4 (a shard alone is never the whole box) is expected
