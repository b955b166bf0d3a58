# Shared by the benchmark scripts: measure LABEL CMD... times CMD with /usr/bin/time and prints
# wall seconds, throughput over $bytes and peak RSS. Source it after setting bytes.
measure() {
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o /tmp/smtplog-bench.time "$@" > /dev/null 2>/tmp/smtplog-bench.err || {
    echo "$label failed:"; cat /tmp/smtplog-bench.err; return 1; }
  read -r wall rss < /tmp/smtplog-bench.time
  awk -v l="$label" -v w="$wall" -v r="$rss" -v b="$bytes" \
    'BEGIN { printf "%-28s wall %7.2f s  %8.1f MB/s  peak RSS %6.0f MB\n", l, w, b / 1e6 / w, r / 1024 }'
}
