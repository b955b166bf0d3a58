#!/usr/bin/env bash
# Benchmark of `smtplog report relay` against eximstats and a one-line mawk, on one generated
# Exim mainlog.
#
#   bench/run-exim-bench.sh [MEGABYTES] [RUNS]      (defaults: 300 MB, 3 runs; needs perl, mawk)
#
# Generates bench/out/exim-<N>mb.log with `smtplog generate --mta exim` (deterministic), warms the
# page cache, then times each tool with /usr/bin/time (wall seconds, peak RSS). eximstats comes from
# Debian's exim4-base package, unpacked (not installed: it conflicts with postfix) unless EXIMSTATS
# names one. Compare ratios within one run of this script: the machine is shared and noisy.
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-300}
runs=${2:-3}
log=bench/out/exim-${mb}mb.log
mkdir -p bench/out
[ -f analyzer-cli/target/smtplog.jar ] || ./mvnw -q -B -DskipTests package
[ -f "$log" ] || ./smtplog generate --mta exim --megabytes "$mb" -o "$log"
eximstats=${EXIMSTATS:-bench/out/exim4-base/usr/sbin/eximstats}
if [ ! -f "$eximstats" ]; then
  debs=$(mktemp -d /tmp/smtplog-debs.XXXXXX)
  chmod 777 "$debs"
  (cd "$debs" && apt-get download exim4-base >/dev/null)
  dpkg -x "$debs"/exim4-base_*.deb bench/out/exim4-base
fi
bytes=$(stat -c %s "$log")
cat "$log" > /dev/null
echo "input: $log, $bytes bytes, $(wc -l < "$log") lines, $(nproc) cores"

. bench/lib.sh

for i in $(seq 1 "$runs"); do
  measure "smtplog report relay #$i" ./smtplog report relay --format csv --timezone UTC "$log"
done
measure "smtplog --threads 1" ./smtplog report relay --threads 1 --format csv --timezone UTC "$log"
measure "mawk flags per domain" mawk '$5 ~ /^(=>|->|==|\*\*)$/ { n = split($6, p, "@"); c[tolower(p[n]) " " $5]++ }
  END { for (k in c) print k, c[k] }' "$log"
if [ "${SKIP_EXIMSTATS:-}" != 1 ]; then
  measure "eximstats" perl "$eximstats" "$log"
fi
