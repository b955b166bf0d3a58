#!/usr/bin/env bash
# Benchmark of `smtplog report relay` on a generated Postfix log against the one-line mawk and
# pflogsumm: issue 9's goal is smtplog within 2x the mawk one-liner's wall time on five million
# lines, with a peak RSS under 512 MB.
#
#   bench/run-relay-bench.sh [LINES] [RUNS] [DOMAINS]   (defaults: 5000000 lines, 3 runs, 2000 domains;
#                                                        needs mawk; pflogsumm unless SKIP_PFLOGSUMM=1)
#
# Generates bench/out/postfix-LINES-lines-DOMAINS-domains-HASH.log with `smtplog generate`
# (deterministic; HASH names the generator's sources), warms the page cache, then times each tool
# with /usr/bin/time (wall seconds, peak RSS, CPU seconds, the load average before each run).
# smtplog runs RUNS times and the ratio uses the median; the others run once. Compare ratios within
# one run of this script: the machine is shared and noisy.
set -euo pipefail
cd "$(dirname "$0")/.."
lines=${1:-5000000}
runs=${2:-3}
domains=${3:-2000}
. bench/lib.sh
prepare
log=$(generated_log postfix "$lines" "$domains")
bytes=$(stat -L -c %s "$log")
cat "$log" > /dev/null
describe "$log"

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

smtplog=$(median_wall "smtplog report relay #")
mawk=$(wall_of "mawk status= per domain")
echo
echo "ratios (issue 9, section 5), from this run; smtplog is the median of $runs runs:"
echo "  smtplog / mawk wall:     $smtplog s / $mawk s = $(ratio "$smtplog" "$mawk")x   (goal: at most 2x)"
if [ -n "${BENCH_WALL[pflogsumm]:-}" ]; then
  echo "  pflogsumm / smtplog:     $(wall_of pflogsumm) s / $smtplog s = $(ratio "$(wall_of pflogsumm)" "$smtplog")x faster"
fi
echo "  peak RSS: smtplog $(max_rss_mb "smtplog report relay #") MB (largest of $runs runs; goal: under 512 MB)," \
  "smtplog --threads 1 $(rss_mb_of "smtplog --threads 1") MB, mawk $(rss_mb_of "mawk status= per domain") MB${BENCH_RSS[pflogsumm]:+, pflogsumm $(rss_mb_of pflogsumm) MB}"
