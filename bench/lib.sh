# Shared by the benchmark scripts; source it from the repository's root with bash.
#
#   prepare                  builds the jar if the sources changed (so no timed run includes a build)
#   generated_log MTA LINES DOMAINS
#                            prints the path of a generated log in bench/out (gitignored), writing it
#                            with `smtplog generate` when missing; the name holds a hash of the
#                            generator's sources, so a changed generator writes a new file
#   describe LOG             prints the input's size in bytes and lines, the cores and the load
#   measure LABEL CMD...     times CMD with /usr/bin/time and prints wall seconds, throughput over
#                            $bytes, peak RSS, its CPU seconds (user + system), the CPU seconds the
#                            rest of the machine used meanwhile ("others": more than a few tenths of
#                            a second means someone else's work competed for the 2 cores) and the
#                            1-minute load average before the run (which still counts the previous
#                            run's work); records wall and RSS under LABEL
#   median_wall PREFIX       the median wall seconds of the recorded runs whose label starts with PREFIX
#   wall_of LABEL, rss_mb_of LABEL, max_rss_mb PREFIX (the largest peak RSS of the runs whose label starts with PREFIX)
#   ratio A B                A / B with two decimals
declare -A BENCH_WALL BENCH_RSS

prepare() {
  mkdir -p bench/out
  ./smtplog --version > /dev/null
}

generated_log() {
  local mta=$1 lines=$2 domains=$3 hash log
  hash=$(cat analyzer-cli/src/main/java/io/smtplog/cli/bench/*.java | sha1sum | cut -c1-8)
  log=bench/out/$mta-$lines-lines-$domains-domains-$hash.log
  if [ ! -f "$log" ]; then
    ./smtplog generate --mta "$mta" --lines "$lines" --domains "$domains" -o "$log.tmp" >&2
    mv "$log.tmp" "$log"
  fi
  echo "$log"
}

describe() {
  echo "input: $1, $(stat -L -c %s "$1") bytes, $(wc -l < "$1") lines, $(nproc) cores; $(uptime | sed 's/^ *//')"
}

# Busy CPU seconds of the whole machine since boot (/proc/stat: user, nice, system, irq, softirq, steal).
busy_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '$1 == "cpu" { printf "%.2f", ($2 + $3 + $4 + $7 + $8 + $9) / hz; exit }' /proc/stat
}

measure() {
  local label=$1 load busy wall rss user sys
  shift
  load=$(cut -d' ' -f1 /proc/loadavg)
  busy=$(busy_seconds)
  /usr/bin/time -f "%e %M %U %S" -o /tmp/smtplog-bench.time "$@" > /dev/null 2>/tmp/smtplog-bench.err || {
    echo "$label failed:"; cat /tmp/smtplog-bench.err; return 1; }
  busy=$(awk -v a="$busy" -v b="$(busy_seconds)" 'BEGIN { print b - a }')
  read -r wall rss user sys < /tmp/smtplog-bench.time
  BENCH_WALL[$label]=$wall
  BENCH_RSS[$label]=$rss
  awk -v l="$label" -v w="$wall" -v r="$rss" -v b="$bytes" -v u="$user" -v s="$sys" -v busy="$busy" -v load="$load" \
    'BEGIN { o = busy - u - s; if (o < 0) o = 0;
      printf "%-28s wall %7.2f s  %7.1f MB/s  peak RSS %5.0f MB  cpu %7.2f s  others %6.2f s  load %s\n",
      l, w, b / 1e6 / w, r / 1024, u + s, o, load }'
}

median_wall() {
  local prefix=$1 label
  for label in "${!BENCH_WALL[@]}"; do
    if [[ $label == "$prefix"* ]]; then echo "${BENCH_WALL[$label]}"; fi
  done | sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

wall_of() {
  echo "${BENCH_WALL[$1]}"
}

rss_mb_of() {
  awk -v r="${BENCH_RSS[$1]}" 'BEGIN { printf "%.0f", r / 1024 }'
}

max_rss_mb() {
  local prefix=$1 label
  for label in "${!BENCH_RSS[@]}"; do
    if [[ $label == "$prefix"* ]]; then echo "${BENCH_RSS[$label]}"; fi
  done | sort -n | tail -1 | awk '{ printf "%.0f", $1 / 1024 }'
}

ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'
}
