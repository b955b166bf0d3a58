#!/usr/bin/env bash
# Benchmark of SolrCloud against the local index (issue 13, section 4), on the tests' 2-node
# SolrCloud (analyzer-solr's TestCluster: ZooKeeper and two Solr nodes in one JVM, on this machine):
# ingest throughput of a generated Postfix log through --solr against --index, and the reports (relay,
# summary, codes) computed by Solr against the same reports from the local index.
#
#   bench/run-solr-bench.sh [LINES] [RUNS] [DOMAINS]   (defaults: 1000000 lines, 3 runs, 2000 domains; needs jq, curl)
#
# Each run ingests the log into a fresh local index and into the collection emptied first, in turn
# (interleaved, so the machine's noise falls on both), then times each report from each. The
# cluster's JVM has SOLR_BENCH_HEAP (default 2g). Compare ratios within one run: the machine is noisy,
# and here the client, both nodes and ZooKeeper share its cores.
set -euo pipefail
cd "$(dirname "$0")/.."
lines=${1:-1000000}
runs=${2:-3}
domains=${3:-2000}
. bench/lib.sh
prepare
log=$(generated_log postfix "$lines" "$domains")
bytes=$(stat -L -c %s "$log")
read_lines=$(wc -l < "$log")
cat "$log" > /dev/null

# The test cluster, started from analyzer-solr's test classes.
./mvnw -B -o -q -pl analyzer-core,analyzer-solr test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/solr-test-classpath.txt -Dmdep.includeScope=test > /dev/null
ports=$(mktemp)
rm -f "$ports"
(cd analyzer-solr && exec java -Xmx"${SOLR_BENCH_HEAP:-2g}" \
  -cp "target/test-classes:target/classes:$(cat target/solr-test-classpath.txt)" \
  -Dsolr.log.dir=target/solr-logs -Dzookeeper.4lw.commands.whitelist='*' \
  -Djava.util.logging.config.file=target/test-classes/logging.properties \
  io.smtplog.solr.TestCluster --collection mail --shards 2 --port-file "$ports") > bench/out/solr-cluster.log 2>&1 &
cluster=$!
trap 'kill $cluster 2> /dev/null; wait $cluster 2> /dev/null; rm -f "$ports"' EXIT
for _ in $(seq 120); do [ -s "$ports" ] && break; sleep 1; done
[ -s "$ports" ] || { echo "the test cluster did not start:"; tail -20 bench/out/solr-cluster.log; exit 1; }
zk=$(sed -n 1p "$ports")
node=$(sed -n 2p "$ports")
describe "$log"
echo "cluster: $zk ($node), heap ${SOLR_BENCH_HEAP:-2g}"

index=bench/out/solr-bench-index
out=bench/out/solr-bench-$$
mkdir -p "$out"
for run in $(seq "$runs"); do
  rm -rf "$index"
  curl -sf "$node/update?commit=true" -H 'Content-Type: application/json' -d '{"delete":{"query":"*:*"}}' > /dev/null
  measure "ingest --index #$run" ./smtplog ingest --index "$index" --year 2025 --timezone UTC "$log"
  measure "ingest --solr #$run" ./smtplog ingest --solr "$zk" --source bench --year 2025 --timezone UTC "$log"
  measure "report relay --index #$run" ./smtplog report relay --format json --index "$index" -o "$out/relay-index.json"
  measure "report relay --solr #$run" ./smtplog report relay --format json --solr "$zk" -o "$out/relay-solr.json"
  for report in summary codes; do
    measure "report $report --index #$run" ./smtplog report "$report" --format json --index "$index" \
      -o "$out/$report-index.json"
    measure "report $report --solr #$run" ./smtplog report "$report" --format json --solr "$zk" -o "$out/$report-solr.json"
  done
done
for report in relay summary codes; do
  if diff <(jq 'del(.input)' "$out/$report-index.json") <(jq 'del(.input)' "$out/$report-solr.json") > "$out/$report.diff"; then
    echo "report $report: the same figures from the local index and from Solr"
  else
    echo "report $report: Solr's DIFFERS from the local index's:"; head -20 "$out/$report.diff"
  fi
done
docs=$(curl -sf "$node/select?q=*:*&rows=0" | jq '.response.numFound')
rm -rf "$out" "$index"

echo
echo "figures (issue 13, section 4), medians of $runs runs:"
awk -v l="$read_lines" -v d="$docs" -v i="$(median_wall "ingest --index")" -v s="$(median_wall "ingest --solr")" 'BEGIN {
  printf "  ingest --index: %.1f s, %.0f lines/s\n", i, l / i
  printf "  ingest --solr:  %.1f s, %.0f lines/s, %.0f documents/s (%d documents in the collection)\n", s, l / s, d / s, d }'
echo "  ingest --solr / --index: $(ratio "$(median_wall "ingest --solr")" "$(median_wall "ingest --index")")"
for report in relay summary codes; do
  echo "  report $report --index: $(median_wall "report $report --index") s; --solr: $(median_wall "report $report --solr") s;" \
    "--solr / --index: $(ratio "$(median_wall "report $report --solr")" "$(median_wall "report $report --index")")"
done
echo "  peak RSS of the client: ingest --index $(max_rss_mb "ingest --index") MB, ingest --solr $(max_rss_mb "ingest --solr") MB"
