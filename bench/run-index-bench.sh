#!/usr/bin/env bash
# Benchmark of the local index (issue 4): ingest speed, index size, and query latencies, on the
# generated Postfix log of about five million lines.
#
#   bench/run-index-bench.sh [MEGABYTES] [RUNS]     (defaults: 680 MB, about 5 million lines; 50 runs per query)
#
# Generates bench/out/postfix-<N>mb.log with `smtplog generate` (deterministic) when missing, ingests
# it into a fresh bench/out/index-<N>mb (wall time, peak RSS, events/s), prints the index's size on
# disk per million events, then `smtplog index bench`: median and 95th percentile latency of a
# term query, a term and a time range, a phrase on text, and a facet on domain over every event.
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-680}
runs=${2:-50}
log=bench/out/postfix-${mb}mb.log
index=bench/out/index-${mb}mb
mkdir -p bench/out
[ -f analyzer-cli/target/smtplog.jar ] || ./mvnw -q -B -DskipTests package
[ -f "$log" ] || ./smtplog generate --megabytes "$mb" -o "$log"
rm -rf "$index"
cat "$log" > /dev/null
echo "input: $log, $(stat -c %s "$log") bytes, $(wc -l < "$log") lines, $(nproc) cores"
/usr/bin/time -f "ingest wall %e s, peak RSS %M KB" -o /tmp/smtplog-index-bench.time \
  ./smtplog ingest --index "$index" --year 2025 --timezone UTC "$log" 2>&1 | head -1
cat /tmp/smtplog-index-bench.time
events=$(./smtplog query --index "$index" --count '*')
bytes=$(du -sb "$index" | cut -f1)
awk -v b="$bytes" -v e="$events" 'BEGIN { printf "index: %d events, %.1f MB on disk, %.1f MB per million events\n", e, b / 1e6, b / 1e6 / (e / 1e6) }'
./smtplog index bench --index "$index" --runs "$runs"
