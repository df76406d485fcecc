#!/usr/bin/env bash
# Issue 15: how fast the HTML report opens and filters in headless Chromium at 100,000 samples, side by side
# with a demo-sized report (7,200 samples) in the same run, so the figure is a ratio, not a machine's speed.
#   benchmarks/report-open.sh [DIR]    writes DIR/large and DIR/small (default: a temporary folder)
# Needs /usr/bin/chromium (apt-get install -y chromium). Prints open and filter times per report.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
dir="${1:-$(mktemp -d)}"
mvn -q -B -ntp -DskipTests -pl benchmarks -am package
java -cp "$(ls benchmarks/target/tunebench-benchmarks-*.jar):benchmarks/target/lib/*" dev.tunebench.benchmarks.ReportOpenData "$dir"
mvn -q -B -ntp -pl cli -am test -Dtest=ReportOpenBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtunebench.bench.dir="$dir" -DtrimStackTrace=false
