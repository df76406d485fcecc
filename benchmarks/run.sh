#!/usr/bin/env bash
# Builds the benchmarks module and runs tunebench's own benchmarks (figures in README, "Performance").
#   benchmarks/run.sh                    every JMH benchmark, short settings (about 10 minutes)
#   benchmarks/run.sh REGEX [JMH opts]   e.g. benchmarks/run.sh 'DecodeLoop|Batch' -f 1 -wi 3 -i 5
#   benchmarks/run.sh -l                 list the benchmarks (any JMH option works, -h for all)
#   benchmarks/run.sh --ratios [ROUNDS]  decode tunebench/raw and batch 8/batch 1, A/B interleaved
#   benchmarks/run.sh --large [ROWS [TECHNIQUE,...]]  issue 3 memory check: 100,000 rows, -Xmx512m
#   benchmarks/run.sh --summary [ROWS]   summary.json of all 30 demo cells of ROWS rows (default 30), wall and CPU
# TB_SUFFIX=-x builds into target-x (parallel builds never clash); SKIP_BUILD=1 reuses the last build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
suffix="${TB_SUFFIX:-}"
target="benchmarks/target$suffix"
if [ -z "${SKIP_BUILD:-}" ]; then
  mvn -q -B -Dtb.suffix="$suffix" -DskipTests -pl benchmarks -am package
fi
# No network from DJL or ONNX Runtime (STACK-NOTES: DJL telemetry, ORT 1.29 telemetry crash).
export OPT_OUT_TRACKING=true DJL_OFFLINE=true ORT_DISABLE_TELEMETRY=1
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$root/.djl-cache}"
jar="$(ls "$target"/tunebench-benchmarks-*.jar)"
cp="$jar:$target/lib/*"
case "${1:-}" in
  --ratios) shift; exec java -cp "$cp" dev.tunebench.benchmarks.RatioCheck "$@" ;;
  --large) shift; exec java -Xmx512m -cp "$cp" dev.tunebench.benchmarks.LargeDatasetCheck "$@" ;;
  --summary) shift; exec java -cp "$cp" dev.tunebench.benchmarks.SummaryBenchmark "$@" ;;
esac
if [ $# -eq 0 ] || [[ "$1" != -* && $# -eq 1 ]]; then
  set -- "$@" -f 1 -wi 3 -i 5 -w 2s -r 2s
fi
exec java -cp "$cp" org.openjdk.jmh.Main "$@"
