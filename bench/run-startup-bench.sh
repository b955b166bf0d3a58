#!/usr/bin/env bash
# Start-up benchmark: the wall time of short commands, today's build against this one, in one run.
#
#   bench/run-startup-bench.sh [RUNS] [BASELINE_REV]   (defaults: 15, c4db1f0: the last commit before
#                                                      issue 12's start-up work)
#
# Builds the baseline revision's jar once into bench/out/startup-BASELINE_REV.jar (a git worktree under
# bench/out, removed afterwards) and runs it as its own launcher did: java with the launcher's flags.
# The current build runs through ./smtplog, its start-up archive made beforehand (the first run builds
# it in the background; this waits for it), in a cache folder under bench/out. Variants: the current
# launcher without the archive (SMTPLOG_CDS=off), and on JDK 25 when JDK25_HOME names one (the AOT
# cache). The commands are `explain 251` and the README's main job, `report relay` on the samples.
# Runs are interleaved (variant after variant, RUNS rounds), so that a busy moment of the machine
# falls on all of them; the figures are medians and minimums of the wall seconds, and the median
# CPU seconds (user + system).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
base=${2:-c4db1f0}
mkdir -p bench/out
./smtplog --version > /dev/null
old_jar=bench/out/startup-$base.jar
if [ ! -f "$old_jar" ]; then
  tree=bench/out/startup-tree-$base
  git worktree add -q --detach "$tree" "$base"
  (cd "$tree" && ./mvnw -q -B -o -Dmaven.test.skip=true package) >&2
  cp "$tree/analyzer-cli/target/smtplog.jar" "$old_jar"
  git worktree remove --force "$tree"
fi
old_flags="-XX:+UseParallelGC -Xmx384m -Xmn192m -XX:MaxTenuringThreshold=1 -XX:FreqInlineSize=100 -XX:InlineSmallCode=500"
export XDG_CACHE_HOME=$PWD/bench/out/startup-cache
warm() {  # runs the launcher once and waits (at most 3 minutes) for its archive
  env "$@" ./smtplog --version > /dev/null
  for _ in $(seq 180); do
    ls "$XDG_CACHE_HOME"/smtplog/*.flags > /dev/null 2>&1 && [ -z "$(find "$XDG_CACHE_HOME/smtplog" -name '*.tmp')" ] \
      && ! pgrep -f io.smtplog.cli.startup.ArchiveBuilder > /dev/null && return 0
    sleep 1
  done
  echo "no start-up archive after 3 minutes" >&2
}
rm -rf "$XDG_CACHE_HOME"
warm PATH="$PATH"
jdk25=${JDK25_HOME:-}
[ -n "$jdk25" ] && warm PATH="$jdk25/bin:$PATH"

samples="sample-logs/postfix sample-logs/exim sample-logs/transcripts"
labels=() commands=()
variant() { labels+=("$1"); commands+=("$2"); }
for cmd in "explain 251" "report relay $samples"; do
  short=${cmd%% sample-logs*}
  variant "$short | baseline $base" "java $old_flags -jar $old_jar $cmd"
  variant "$short | now, no archive" "env SMTPLOG_CDS=off ./smtplog $cmd"
  variant "$short | now" "./smtplog $cmd"
  [ -n "$jdk25" ] && variant "$short | now, JDK 25 AOT cache" "env PATH=$jdk25/bin:$PATH ./smtplog $cmd"
done
declare -A walls cpus failed
for _ in $(seq "$runs"); do
  for i in "${!labels[@]}"; do
    # A variant that fails would look fast: its exit code is kept and shown.
    rc=0
    /usr/bin/time -o bench/out/startup-time -f "%e %U %S" ${commands[$i]} > /dev/null 2>&1 || rc=$?
    [ "$rc" = 0 ] || failed[$i]="exit $rc"
    t=$(tail -1 bench/out/startup-time)
    walls[$i]+="$(echo "$t" | cut -d' ' -f1) "
    cpus[$i]+="$(echo "$t" | awk '{printf "%.2f", $2 + $3}') "
  done
done
median() { tr ' ' '\n' | grep . | sort -g | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
minimum() { tr ' ' '\n' | grep . | sort -g | head -1; }
echo "$(nproc) cores, $runs interleaved runs each; $(uptime | sed 's/^ *//')"
printf '%-46s %12s %10s %12s\n' "command | build" "median wall" "min wall" "median cpu"
for i in "${!labels[@]}"; do
  printf '%-46s %11ss %9ss %11ss %s\n' "${labels[$i]}" "$(echo "${walls[$i]}" | median)" \
    "$(echo "${walls[$i]}" | minimum)" "$(echo "${cpus[$i]}" | median)" "${failed[$i]:+FAILED (${failed[$i]})}"
done
