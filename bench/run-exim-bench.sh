#!/usr/bin/env bash
# Benchmark of `smtplog report relay` on a generated Exim mainlog against eximstats and a one-line
# mawk: issue 9's goal is smtplog at least 6x faster than eximstats on a mainlog with 20,000
# recipient domains and realistic retries, with a peak RSS under 512 MB.
#
#   bench/run-exim-bench.sh [LINES] [RUNS] [DOMAINS]   (defaults: 2000000 lines, 3 runs, 20000 domains;
#                                                       needs perl and mawk)
#
# Generates bench/out/exim-LINES-lines-DOMAINS-domains-HASH.log with `smtplog generate --mta exim`
# (deterministic; HASH names the generator's sources), warms the page cache, then times each tool
# with /usr/bin/time (wall seconds, peak RSS, CPU seconds, the load average before each run).
# smtplog runs RUNS times and the ratios use the median; the others run once. eximstats comes from
# Debian's exim4-base package, unpacked (not installed: it conflicts with postfix) unless EXIMSTATS
# names one; SKIP_EXIMSTATS=1 skips it. Compare ratios within one run of this script: the machine
# is shared and noisy.
set -euo pipefail
cd "$(dirname "$0")/.."
lines=${1:-2000000}
runs=${2:-3}
domains=${3:-20000}
. bench/lib.sh
prepare
log=$(generated_log exim "$lines" "$domains")
eximstats=${EXIMSTATS:-bench/out/exim4-base/usr/sbin/eximstats}
if [ "${SKIP_EXIMSTATS:-}" != 1 ] && [ ! -f "$eximstats" ]; then
  debs=$(mktemp -d /tmp/smtplog-debs.XXXXXX)
  chmod 777 "$debs"
  (cd "$debs" && apt-get download exim4-base >/dev/null)
  dpkg -x "$debs"/exim4-base_*.deb bench/out/exim4-base
  rm -rf "$debs"
fi
bytes=$(stat -L -c %s "$log")
cat "$log" > /dev/null
describe "$log"

for i in $(seq 1 "$runs"); do
  measure "smtplog report relay #$i" ./smtplog report relay --format csv --timezone UTC "$log"
done
measure "smtplog --threads 1" ./smtplog report relay --threads 1 --format csv --timezone UTC "$log"
measure "mawk flags per domain" mawk '$5 ~ /^(=>|->|==|\*\*)$/ { n = split($6, p, "@"); c[tolower(p[n]) " " $5]++ }
  END { for (k in c) print k, c[k] }' "$log"
if [ "${SKIP_EXIMSTATS:-}" != 1 ]; then
  measure "eximstats" perl "$eximstats" "$log"
fi

smtplog=$(median_wall "smtplog report relay #")
mawk=$(wall_of "mawk flags per domain")
echo
echo "ratios (issue 9, section 5), from this run; smtplog is the median of $runs runs:"
if [ -n "${BENCH_WALL[eximstats]:-}" ]; then
  echo "  eximstats / smtplog wall: $(wall_of eximstats) s / $smtplog s = $(ratio "$(wall_of eximstats)" "$smtplog")x faster   (goal: at least 6x)"
fi
echo "  smtplog / mawk wall:      $smtplog s / $mawk s = $(ratio "$smtplog" "$mawk")x"
echo "  peak RSS: smtplog $(max_rss_mb "smtplog report relay #") MB (largest of $runs runs; goal: under 512 MB)," \
  "smtplog --threads 1 $(rss_mb_of "smtplog --threads 1") MB, mawk $(rss_mb_of "mawk flags per domain") MB${BENCH_RSS[eximstats]:+, eximstats $(rss_mb_of eximstats) MB}"
