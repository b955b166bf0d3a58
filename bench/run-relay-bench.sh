#!/usr/bin/env bash
# Benchmark of `smtplog report relay` against pflogsumm and a one-line mawk, on one generated log.
#
#   bench/run-relay-bench.sh [MEGABYTES] [RUNS]      (defaults: 600 MB, 3 runs; needs pflogsumm, mawk)
#
# Generates bench/out/postfix-<N>mb.log with `smtplog generate` (deterministic), warms the page
# cache, then times each tool with /usr/bin/time (wall seconds, peak RSS). smtplog runs RUNS times
# and reports each run; pflogsumm runs once (it is slow). Compare ratios within one run of this
# script: the machine is shared and noisy.
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-600}
runs=${2:-3}
log=bench/out/postfix-${mb}mb.log
mkdir -p bench/out
[ -f analyzer-cli/target/smtplog.jar ] || ./mvnw -q -B -DskipTests package
[ -f "$log" ] || ./smtplog generate --megabytes "$mb" -o "$log"
bytes=$(stat -c %s "$log")
cat "$log" > /dev/null
echo "input: $log, $bytes bytes, $(wc -l < "$log") lines, $(nproc) cores"

. bench/lib.sh

for i in $(seq 1 "$runs"); do
  measure "smtplog report relay #$i" ./smtplog report relay --format csv --year 2025 --timezone UTC "$log"
done
measure "smtplog --threads 1" ./smtplog report relay --threads 1 --format csv --year 2025 --timezone UTC "$log"
measure "mawk status= per domain" mawk '{ if (match($0, / to=<[^>]*>/)) { s = substr($0, RSTART + 5, RLENGTH - 6);
  n = split(s, p, "@"); d = tolower(p[n]); if (match($0, /status=[a-z]+/)) c[d " " substr($0, RSTART + 7, RLENGTH - 7)]++ } }
  END { for (k in c) print k, c[k] }' "$log"
if [ "${SKIP_PFLOGSUMM:-}" != 1 ] && command -v pflogsumm > /dev/null; then
  measure "pflogsumm" pflogsumm "$log"
fi
