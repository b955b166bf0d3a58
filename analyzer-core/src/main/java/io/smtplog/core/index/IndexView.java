package io.smtplog.core.index;

import io.smtplog.core.outcome.SmtpDialogue;
import io.smtplog.core.pipeline.LogPipeline;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.search.Query;

/**
 * What smtplog reads from an index: counts, hits, facets, traces, sessions and the stored lines of
 * the documents {@link LogIndexer} writes (issue 13: one read interface, the local Lucene index
 * ({@link IndexSearch}) and SolrCloud as its implementations). A query is parsed once by
 * {@link IndexSearch#parse} ({@link SmtplogQueryParser}'s syntax over {@link IndexFields}); an
 * implementation that is not Lucene translates that {@link Query}. Sorts and facets name
 * {@link IndexFields} fields. The values returned carry no Lucene internals: a hit is known again
 * by its {@link Hit#key()}, which only the view that returned it understands. Not thread-safe; close it.
 */
public interface IndexView extends AutoCloseable {
  /** Hits a page reads by default: {@link #hitPages}. */
  int HIT_PAGE = 1000;

  /**
   * One hit: its kind, the values it shows (numbers as numbers), the session it belongs to.
   *
   * @param sessions the sessions it took part in: the one that received it, and a message's delivery dialogues
   * @param key the view's own name for the document, for {@link #linesOfHit} and {@link #sessionsOfHit};
   *     opaque, and valid only in the view that returned it
   */
  record Hit(String kind, Map<String, Object> values, List<String> sessions, String key) {
    /** The local index's document number: {@link IndexSearch}'s keys, for its own package only. */
    int doc() {
      return Integer.parseInt(key);
    }
  }

  /** Hits, and how many matched in all (more than the hits when {@code --limit} cut them). */
  record Hits(List<Hit> hits, long total) {}

  /**
   * The pages of one query's hits, in the order of its sort (ties in the order the documents were
   * written), until {@link #shown()} were read. Not thread-safe.
   */
  interface HitPages {
    /** How many documents match in all. */
    long total();

    /** How many hits the pages hold in all: the limit, or the total when fewer match. */
    long shown();

    /** True when the hits need more than one page. */
    boolean paged();

    /** The kinds of every matching document (recipient, message, session, event), in that order. */
    Set<String> kinds() throws IOException;

    /** The next page of hits; empty once all were read. */
    List<Hit> next() throws IOException;
  }

  /**
   * What every backend's pages share: how many match, how many are shown (the limit, or all when
   * it is 0 or more than match), the page size, and how many were read so far.
   */
  abstract class CountedPages implements HitPages {
    protected final long total;
    protected final long shown;
    protected final int pageSize;
    protected long read;

    protected CountedPages(long total, int limit, int pageSize) {
      if (pageSize < 1) {
        throw new IllegalArgumentException("page size must be at least 1, was " + pageSize);
      }
      this.total = total;
      this.shown = limit <= 0 ? total : Math.min(limit, total);
      this.pageSize = pageSize;
    }

    @Override
    public final long total() {
      return total;
    }

    @Override
    public final long shown() {
      return shown;
    }

    @Override
    public final boolean paged() {
      return shown > pageSize;
    }

    /** How many hits the next page asks for: a page, fewer at the end, none once all were read. */
    protected final int nextPageSize() {
      return (int) Math.max(0, Math.min(pageSize, shown - read));
    }
  }

  /**
   * The counts of one field's values: the {@code limit} most frequent (all when 0), most first, then
   * by value; and how many distinct values there are in all, exactly, or {@code estimated} (a
   * cluster counts a field with very many values only approximately; the counts shown stay exact).
   */
  record Facet(Map<String, Long> top, long values, boolean estimated) {
    /** Exact counts and an exact number of values. */
    public Facet(Map<String, Long> top, long values) {
      this(top, values, false);
    }
  }

  /** A line as it was read: its file, number and text. */
  record StoredLine(String file, long line, String text) {}

  /**
   * The whole story of a message ({@code smtplog trace}): found by queue id, Message-ID (with or
   * without its angle brackets) or an address (a recipient, an original recipient or a sender), it
   * is every message linked to it (copies made by content filters and forwards, originals, bounce
   * notifications), their recipients' outcomes, the sessions that received and delivered them, and
   * the original lines of all of it in reading order.
   */
  record Trace(List<Map<String, Object>> messages, List<Map<String, Object>> recipients,
      List<Map<String, Object>> sessions, List<StoredLine> lines) {
    public boolean isEmpty() {
      return messages.isEmpty() && recipients.isEmpty();
    }
  }

  /** What the index holds (smtplog index stats). */
  record Stats(long documents, Map<String, Long> byKind, Optional<Instant> first, Optional<Instant> last,
      long bytesOnDisk, long lines, long chunks, Map<String, Long> byMta, Map<String, Long> byStatus,
      long openStories) {}

  /** How many hits (recipients, messages, sessions, events) match {@code query}. */
  long count(Query query) throws IOException;

  /**
   * The first {@code limit} documents matching {@code query} (0: all), by {@code sortField} (a
   * field name; "-" first for descending; empty: the order they were written in), and how many
   * match in all. Holds them all: {@link #hitPages} reads a large result a page at a time.
   *
   * @throws IllegalArgumentException when the field cannot be sorted by (the message names the nearest)
   */
  default Hits hits(Query query, String sortField, int limit) throws IOException {
    HitPages pages = hitPages(query, sortField, limit, Integer.MAX_VALUE - 8);
    return new Hits(pages.next(), pages.total());
  }

  /** The hits of {@link #hits}, read {@code pageSize} at a time, never held all at once. */
  HitPages hitPages(Query query, String sortField, int limit, int pageSize) throws IOException;

  /**
   * Counts per value of each field over every matching document, keeping the {@code limit} most
   * frequent of each (0: all): "domain" → {"example.org" → 12, ...}, most first, then by value.
   * {@code hour} and {@code day} count by the hour of the day and the date of {@code time}, in
   * {@code zone}.
   *
   * @throws IllegalArgumentException when a field cannot be counted by (the message names the nearest)
   */
  Map<String, Facet> facets(Query query, List<String> fields, ZoneId zone, int limit) throws IOException;

  /** As {@link #facets(Query, List, ZoneId, int)} with every value of each field. */
  default Map<String, Map<String, Long>> facets(Query query, List<String> fields, ZoneId zone) throws IOException {
    Map<String, Map<String, Long>> out = new LinkedHashMap<>();
    facets(query, fields, zone, 0).forEach((name, facet) -> out.put(name, facet.top()));
    return out;
  }

  /**
   * The sessions a hit took part in ({@code query --sessions}): its own, and for a recipient or a
   * message those of its message's story (the receiving session, the delivery dialogues).
   */
  Set<String> sessionsOfHit(Hit hit) throws IOException;

  /**
   * The lines of a hit's story ({@code query --lines}), in reading order: a recipient's and a
   * message's are those of the messages of its story (the message, the copies made of it, its
   * originals, its notifications; {@link #trace} adds the sessions'); a session's its own; an
   * event's its own line.
   */
  List<StoredLine> linesOfHit(Hit hit) throws IOException;

  /** The dialogues of sessions by id, by start time; ids without a dialogue are left out. */
  List<SmtpDialogue> dialogues(Set<String> ids) throws IOException;

  /** The lines of a session by id (a server's session without a dialogue), in reading order. */
  List<StoredLine> sessionLines(String id) throws IOException;

  /** The story of a queue id, a Message-ID or an address: see {@link Trace}. */
  Trace trace(String id) throws IOException;

  /**
   * The stored lines a report reads again: all of them, or for a query only the lines of the
   * stories it finds, in reading order.
   */
  Iterator<LogPipeline.Replay> replay(Query query) throws IOException;

  /** What the index holds: documents by kind, time range, lines, size, counts per mta and status. */
  Stats stats() throws IOException;

  @Override
  void close() throws IOException;
}
