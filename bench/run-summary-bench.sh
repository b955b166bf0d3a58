#!/usr/bin/env bash
# Benchmark of `smtplog report summary` against pflogsumm (Postfix) and eximstats (Exim), each on
# the same generated log.
#
#   bench/run-summary-bench.sh [POSTFIX_MB] [EXIM_MB]   (defaults: 600, 300; needs pflogsumm, eximstats)
#
# Generates the logs with `smtplog generate` (deterministic) when missing, warms the page cache,
# then times each tool with /usr/bin/time (wall seconds, peak RSS). EXIMSTATS names eximstats when
# it is not on the PATH (Debian's exim4-base, unpacked with dpkg -x, has it in usr/sbin). Compare
# ratios within one run of this script: the machine is shared and noisy.
set -euo pipefail
cd "$(dirname "$0")/.."
pmb=${1:-600}
emb=${2:-300}
mkdir -p bench/out
[ -f analyzer-cli/target/smtplog.jar ] || ./mvnw -q -B -DskipTests package
. bench/lib.sh

log=bench/out/postfix-${pmb}mb.log
[ -f "$log" ] || ./smtplog generate --megabytes "$pmb" -o "$log"
bytes=$(stat -L -c %s "$log")
cat "$log" > /dev/null
echo "input: $log, $bytes bytes, $(wc -l < "$log") lines, $(nproc) cores"
measure "smtplog report summary" ./smtplog report summary --year 2025 --timezone UTC "$log"
measure "smtplog summary --format html" ./smtplog report summary --format html --year 2025 --timezone UTC "$log"
measure "smtplog report codes" ./smtplog report codes --year 2025 --timezone UTC "$log"
if command -v pflogsumm > /dev/null; then
  measure "pflogsumm" pflogsumm "$log"
fi

log=bench/out/exim-${emb}mb.log
[ -f "$log" ] || ./smtplog generate --mta exim --megabytes "$emb" -o "$log"
bytes=$(stat -L -c %s "$log")
cat "$log" > /dev/null
echo "input: $log, $bytes bytes, $(wc -l < "$log") lines, $(nproc) cores"
measure "smtplog report summary" ./smtplog report summary --timezone UTC "$log"
eximstats=${EXIMSTATS:-$(command -v eximstats || echo bench/out/exim4-base/usr/sbin/eximstats)}
if [ -x "$eximstats" ]; then
  measure "eximstats" "$eximstats" "$log"
fi
