#!/usr/bin/env bash
# The completion cache's speed-up (README, "Store, cache and history"): the demo suite run with an empty
# store (cold), then again on the same store (warm: every quality sample from the cache), ROUNDS times, each
# round on a fresh store. Prints each round's wall times and their ratio, then the median ratio.
# The suite's perf section is measured anew in both runs (the cache never serves latency figures), so the
# ratio is of the whole run; EXTRA='--limit 30' shortens it, any `tunebench run` flags work.
#   benchmarks/cache-speedup.sh [ROUNDS] [SUITE]     default 3 rounds of suites/demo/triage.yaml
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
rounds="${1:-3}"
suite="${2:-suites/demo/triage.yaml}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
./tunebench --version >/dev/null   # build once, outside the timings
ratios=()
for r in $(seq 1 "$rounds"); do
  store="$work/store-$r.db"
  times=()
  for phase in cold warm; do
    start=$(date +%s.%N)
    # shellcheck disable=SC2086
    ./tunebench run "$suite" --out "$work/$phase-$r" --store "$store" ${EXTRA:-} >/dev/null 2>"$work/$phase-$r.err"
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc -l)")
  done
  ratio=$(echo "${times[0]} / ${times[1]}" | bc -l)
  ratios+=("$ratio")
  printf 'round %d: cold %.1f s, warm %.1f s, speed-up %.2fx (%s)\n' "$r" "${times[0]}" "${times[1]}" "$ratio" \
    "$(grep -o '[0-9]* samples from the completion cache' "$work/warm-$r.err" || echo 'no cache hits')"
done
printf '%s\n' "${ratios[@]}" | sort -g | awk '{a[NR]=$1} END {printf "median speed-up over %d rounds: %.2fx\n", NR, (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'
