#!/usr/bin/env bash
# Benchmark of `smtplog serve --follow` (issue 14): lines per second followed while a generated Postfix log
# is appended as fast as the disk takes it, seconds from a message's last line appended to its
# document in a query and to /metrics counting it, and memory after the follow (bench/FollowBench.java).
#
#   bench/run-follow-bench.sh [LINES] [RUNS] [PROBES]   (defaults: 1000000 lines, 2 runs, 10 probes per run)
#
# The follower runs with its defaults (a round every 500 ms, a commit at most every 2 s), so the
# latency is about half a poll plus the commit interval's wait plus the commit.
set -euo pipefail
cd "$(dirname "$0")/.."
lines=${1:-1000000}
runs=${2:-2}
probes=${3:-10}
. bench/lib.sh
prepare
log=$(generated_log postfix "$lines" 2000)
describe "$log"
work=bench/out/follow-$$
rm -rf "$work"
java -cp analyzer-cli/target/smtplog.jar bench/FollowBench.java "$log" "$work" "$runs" "$probes"
rm -rf "$work"
