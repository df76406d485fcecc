#!/usr/bin/env bash
# Side-by-side figures on one machine in one run (absolute figures differ ~2x between machines):
#   A = tunebench bench (single-stream, ckpt-epoch-4, 1 intra-op thread, one warm-up pass of the 240 rows)
#   B = the raw onnxruntime-node greedy loop, C = transformers.js generate (../shared/peer-bench, no warm-up)
#   W1/WN = wall time of the demo suite's quality part (`run --no-perf --no-report --no-store`: no completion cache) with 1 worker and with
#           every core (the default), fresh JVM each
# interleaved A B C W1 WN, A B C W1 WN, ... for ROUNDS rounds; prints each round and the medians of the
# per-round ratios. Needs node and npm (the npm registry) for the peers.
# Usage: benchmarks/peer-ratios.sh [ROUNDS=5] [PEER_BENCH_DIR=../shared/peer-bench]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-5}"
source_dir="${2:-$root/../shared/peer-bench}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
models="$root/suites/demo/models"
data="$root/suites/demo/data/test.jsonl"
cores="$(nproc)"

echo "peer-ratios: $rounds rounds on $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $cores cores" >&2
cp -r "$source_dir/." "$work/peer"
(cd "$work/peer" && npm ci --silent --no-audit --no-fund >/dev/null)
"$root/tunebench" --version >/dev/null   # builds once, outside the measurements

# The value of "key": number in a JSON text (first occurrence).
num() { grep -o "\"$1\" *: *[-0-9.eE+]*" | head -1 | sed 's/.*: *//'; }
wall() { local t0; t0=$(date +%s%N); "$@" >/dev/null 2>&1; awk -v a="$t0" -v b="$(date +%s%N)" 'BEGIN {print (b - a) / 1e9}'; }
div() { awk -v a="$1" -v b="$2" 'BEGIN {print a / b}'; }
median() { sort -g | awk '{v[NR]=$1} END {if (NR % 2) print v[(NR+1)/2]; else print (v[NR/2] + v[NR/2+1]) / 2}'; }

: > "$work/ratios"
printf '%-6s %12s %12s %12s %10s %10s\n' round tunebench ort-loop tfjs "wall 1w" "wall ${cores}w"
for r in $(seq 1 "$rounds"); do
  a=$("$root/tunebench" bench --model "$models/ckpt-epoch-4" --data "$data" --threads 1 --warmup 240 \
        --requests 240 --trials 1 --json 2>/dev/null | num output_tokens_per_s)
  (cd "$work/peer" && node ort-loop.mjs --only ckpt-epoch-4 --threads 1 --models "$models" --data "$data" \
        --json "$work/ort-$r.jsonl" >/dev/null)
  b=$(num tokens_per_s < "$work/ort-$r.jsonl")
  (cd "$work/peer" && node tfjs-pipeline.mjs --only ckpt-epoch-4 --threads 1 --models "$models" --data "$data" \
        --json "$work/tfjs-$r.jsonl" >/dev/null)
  c=$(num tokens_per_s < "$work/tfjs-$r.jsonl")
  w1=$(wall "$root/tunebench" run "$root/suites/demo/triage.yaml" --no-perf --no-report --no-store --workers 1 --out "$work/run1-$r")
  wn=$(wall "$root/tunebench" run "$root/suites/demo/triage.yaml" --no-perf --no-report --no-store --out "$work/runN-$r")
  printf '%-6s %12.1f %12.1f %12.1f %10.2f %10.2f\n' "$r" "$a" "$b" "$c" "$w1" "$wn"
  echo "$(div "$a" "$b") $(div "$a" "$c") $(div "$w1" "$wn")" >> "$work/ratios"
done
echo
echo "medians of per-round ratios over $rounds rounds:"
printf '  tunebench / raw onnxruntime-node loop (single-stream tokens/s): %.3f\n' "$(cut -d' ' -f1 "$work/ratios" | median)"
printf '  tunebench / transformers.js           (single-stream tokens/s): %.3f\n' "$(cut -d' ' -f2 "$work/ratios" | median)"
printf '  demo quality run, 1 worker / %s workers (wall time):            %.3f\n' "$cores" "$(cut -d' ' -f3 "$work/ratios" | median)"
