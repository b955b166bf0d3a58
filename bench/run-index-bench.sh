#!/usr/bin/env bash
# Benchmark of the local index (issue 10, section 3) on the generated Postfix log of five million
# lines: ingest speed and peak RSS, index size per million input lines, reports from the index
# against the same reports from the log (time, and equal output), and query latencies.
#
#   bench/run-index-bench.sh [LINES] [RUNS] [DOMAINS]   (defaults: 5000000 lines, 30 runs per query, 2000 domains; needs jq)
#
# Generates the log with `smtplog generate` when missing (bench/lib.sh), ingests it into a fresh
# bench/out/index-LINES, then times `report relay` and `report summary` from the log and with
# --index (and checks that their figures are the same), then `smtplog index bench`: median and 95th
# percentile of a term, a term and time range, and a phrase query, facets over every recipient
# outcome, and the trace of one message. Compare ratios within one run: the machine is noisy.
set -euo pipefail
cd "$(dirname "$0")/.."
lines=${1:-5000000}
runs=${2:-30}
domains=${3:-2000}
. bench/lib.sh
prepare
log=$(generated_log postfix "$lines" "$domains")
index=bench/out/index-$lines
bytes=$(stat -L -c %s "$log")
read_lines=$(wc -l < "$log")
cat "$log" > /dev/null
describe "$log"
rm -rf "$index"

measure "smtplog ingest" ./smtplog ingest --index "$index" --year 2025 --timezone UTC "$log"
ingest=$(wall_of "smtplog ingest")
size=$(du -sb "$index" | cut -f1)

out=bench/out/index-bench-$$
mkdir -p "$out"
for report in relay summary; do
  measure "report $report from the log" ./smtplog report "$report" --format json --year 2025 --timezone UTC -o "$out/$report-log.json" "$log"
  measure "report $report --index" ./smtplog report "$report" --format json --index "$index" -o "$out/$report-index.json"
  # The input block says what was read (the log, or the index): every other figure must be equal.
  if diff <(jq 'del(.input)' "$out/$report-log.json") <(jq 'del(.input)' "$out/$report-index.json") > "$out/$report.diff"; then
    echo "report $report: the same figures from the log and from the index ($(wc -c < "$out/$report-log.json") bytes of JSON)"
  else
    echo "report $report: the report from the index DIFFERS from the log's:"; head -20 "$out/$report.diff"
  fi
done
rm -rf "$out"

echo
./smtplog index bench --index "$index" --runs "$runs"
echo
echo "figures (issue 10, section 3), from this run:"
awk -v l="$read_lines" -v w="$ingest" -v r="$(rss_mb_of "smtplog ingest")" -v s="$size" 'BEGIN {
  printf "  ingest: %.0f lines/s (goal: at least 200,000), peak RSS %d MB (goal: under 600 MB)\n", l / w, r
  printf "  index size: %.1f MB, %.1f MB per million input lines (goal: at most 65)\n", s / 1e6, s / 1e6 / (l / 1e6) }'
for report in relay summary; do
  echo "  report $report --index / from the log: $(ratio "$(wall_of "report $report --index")" "$(wall_of "report $report from the log")") (goal: at most 1)"
done
