package io.smtplog.cli.command;

import io.smtplog.cli.option.IndexOptions;
import io.smtplog.core.index.IndexFields;
import io.smtplog.core.index.IndexSearch;
import io.smtplog.core.index.IndexView;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.lucene.search.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code smtplog index bench} (hidden): latency of the query forms of the index issue over the whole
 * index: a term, a term and a time range, a phrase on {@code text}, facets over every recipient
 * outcome (by domain, and the bounded top senders), and the trace of one message. Each is run a few
 * times to warm up, then timed; median and 95th percentile are printed.
 */
@Command(name = "bench", hidden = true, mixinStandardHelpOptions = true,
    header = "Times query forms against the index.",
    description = "Times query forms against the index: median and 95th percentile latency.")
public final class IndexBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin IndexOptions index;

  @Option(names = "--runs", paramLabel = "N", description = "Timed runs per query. Default: ${DEFAULT-VALUE}.")
  int runs = 50;

  @Option(names = "--term", description = "The term query. Default: ${DEFAULT-VALUE}.")
  String term = "rcpt_code:251";

  @Option(names = "--range", description = "The term plus range query. Default: ${DEFAULT-VALUE}.")
  String range = "domain:gmail.com AND time:[2025-12-30 TO 2025-12-31]";

  @Option(names = "--phrase", description = "The phrase query. Default: ${DEFAULT-VALUE}.")
  String phrase = "text:\"mailbox busy\"";

  @Option(names = "--trace", paramLabel = "ID",
      description = "The queue id, Message-ID or address to trace. Default: the first deferred recipient's queue id.")
  String trace;

  @Override
  public Integer call() throws IOException, IndexSearch.QueryException {
    PrintWriter out = spec.commandLine().getOut();
    try (IndexView search = IndexViews.open(index.dir())) {
      out.printf(Locale.ROOT, "%-48s %10s %10s %12s%n", "query", "median ms", "p95 ms", "hits");
      time(out, "term      " + term, () -> search.count(parse(term)));
      time(out, "range     " + range, () -> search.count(parse(range)));
      time(out, "phrase    " + phrase, () -> search.count(parse(phrase)));
      time(out, "facet     domain over every recipient",
          () -> search.facets(parse("kind:recipient"), List.of("domain"), ZoneOffset.UTC).get("domain").values().stream()
              .mapToLong(Long::longValue).sum());
      time(out, "facet     top 20 senders over every recipient",
          () -> search.facets(parse("kind:recipient"), List.of("sender"), ZoneOffset.UTC, 20).get("sender").values());
      String id = trace != null ? trace : firstQueueId(search);
      if (id != null) {
        time(out, "trace     " + id, () -> search.trace(id).lines().size());
      }
      out.flush();
    }
    return 0;
  }

  /** The queue id of the first deferred recipient (a message with more than one attempt), or of any recipient. */
  private static String firstQueueId(IndexView search) throws IOException, IndexSearch.QueryException {
    for (String q : List.of("kind:recipient AND status:deferred", "kind:recipient")) {
      List<IndexView.Hit> hits = search.hits(parse(q), "", 1).hits();
      if (!hits.isEmpty() && hits.get(0).values().get(IndexFields.QUEUE_ID) instanceof String id) {
        return id;
      }
    }
    return null;
  }

  private interface Timed {
    long run() throws IOException, IndexSearch.QueryException;
  }

  private static Query parse(String q) throws IndexSearch.QueryException {
    return IndexSearch.parse(q, ZoneOffset.UTC, Instant.now());
  }

  private void time(PrintWriter out, String label, Timed timed) throws IOException, IndexSearch.QueryException {
    long hits = 0;
    for (int i = 0; i < 5; i++) {
      hits = timed.run();
    }
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      timed.run();
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    out.printf(Locale.ROOT, "%-48s %10.2f %10.2f %,12d%n", label.length() > 48 ? label.substring(0, 48) : label,
        ms[runs / 2], ms[Math.min(runs - 1, (int) Math.ceil(runs * 0.95) - 1)], hits);
    out.flush();
  }
}
