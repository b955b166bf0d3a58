package io.smtplog.core.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.outcome.SmtpDialogue;
import io.smtplog.core.pipeline.ReadOptions;
import io.smtplog.core.samples.SampleLogs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What every {@link IndexView} must answer (issue 13: the local index and SolrCloud return the same
 * results on the same inputs). A subclass only opens a view over {@link #SAMPLES}; the figures are
 * the local index's, reviewed: the bounced recipients are the sum of the samples' reviewed summary
 * goldens (loopback-relay 16, content-filter 4, forward-bounce 7, relay-mainlog 4), the rest were
 * read from `smtplog query` over the same five files and checked against the logs where a grep can
 * (the trace's lines 46 to 93 of content-filter.log, the swaks dialogue).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class IndexViewContract {
  /** Postfix (a relay, a content filter, forwards and bounces), Exim, and an undated swaks transcript. */
  public static final List<String> SAMPLES = List.of("postfix/loopback-relay.log", "postfix/content-filter.log",
      "postfix/forward-bounce.log", "exim/relay-mainlog.log", "transcripts/swaks-sink.transcript");

  /** "now" for relative times in queries; the samples are of 2026-11-29 and 2026-12-01. */
  protected static final Instant NOW = Instant.parse("2026-12-02T00:00:00Z");

  @TempDir static Path work;
  private IndexView view;

  /**
   * A view over {@code inputs} read with {@code options} (UTC, the year 2026, the transcripts'
   * time {@link SampleLogs#TRANSCRIPT_TIME}), as `smtplog ingest` would index them. {@code work} is
   * an empty folder the implementation may write in; the contract closes the view.
   */
  protected abstract IndexView open(List<LogInput> inputs, ReadOptions options, Path work) throws IOException;

  @BeforeAll
  void openView() throws IOException {
    List<LogInput> inputs = SAMPLES.stream().map(s -> SampleLogs.input(SampleLogs.path(s))).toList();
    view = open(inputs, SampleLogs.options(SampleLogs.path(SAMPLES.get(0)), 2), work);
  }

  @AfterAll
  void closeView() throws IOException {
    if (view != null) {
      view.close();
    }
  }

  /** The view the tests read; a subclass may check more on it. */
  protected final IndexView view() {
    return view;
  }

  protected static Query query(String text) throws IndexSearch.QueryException {
    return IndexSearch.parse(text, ZoneOffset.UTC, NOW);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "*                                                   | 578",
      "kind:recipient                                      | 181",
      "kind:message                                        | 164",
      "kind:session                                        | 167",
      "kind:event                                          | 66",
      "status:bounced                                      | 31",
      "domain:example.net                                  | 22",
      "code:[500 TO 599]                                   | 35",
      "time:[2026-12-01T00:00 TO 2026-12-02T00:00]         | 178",
      "kind:recipient AND time:[2026-11-29T13:00 TO 2026-11-29T14:00} | 47",
      "deferrals:[1 TO *]                                  | 12",
      "text:\"mailbox busy\"                               | 6",
      "recipient:*@example.org                             | 34",
      "status:bounced AND NOT domain:example.net           | 29",
      "status:deferred OR status:expired                   | 15",
      "(status:bounced OR status:expired) AND mta:exim     | 8",
      "kind:session AND helo:client.smtplog.test           | 6",
      "kind:session AND helo:mx1.smtplog.test              | 46",
      "queue_id:4596220C66D                                | 1",
      "status:nothing-like-this                            | 0"})
  void counts(String text, long expected) throws Exception {
    assertThat(view.count(query(text))).isEqualTo(expected);
    assertThat(view.hits(query(text), "", 0).total()).isEqualTo(expected);
  }

  @Test
  void termFacets_keepTheTopN_mostFirst_andCountEveryValue() throws Exception {
    Map<String, IndexView.Facet> f = view.facets(query("kind:recipient"), List.of("status", "domain", "code", "mta"),
        ZoneOffset.UTC, 3);
    assertThat(f).containsOnlyKeys("status", "domain", "code", "mta");
    assertThat(f.get("status").top()).containsExactly(entry("delivered", 117L), entry("bounced", 31L),
        entry("rejected", 14L));
    assertThat(f.get("status").values()).isEqualTo(6);
    assertThat(f.get("domain").top()).containsExactly(entry("smtplog.test", 84L), entry("example.com", 48L),
        entry("example.org", 25L));
    assertThat(f.get("domain").values()).isEqualTo(6);
    assertThat(f.get("code").top()).containsExactly(entry("250", 82L), entry("550", 12L), entry("450", 6L));
    assertThat(f.get("code").values()).isEqualTo(9);
    assertThat(f.get("mta").top()).containsExactly(entry("postfix", 126L), entry("exim", 45L),
        entry("transcript", 10L));
    assertThat(f.get("mta").values()).isEqualTo(3);
  }

  @Test
  void everyValueOfAFacet_addsUpToTheCount() throws Exception {
    Map<String, Long> status = view.facets(query("kind:recipient"), List.of("status"), ZoneOffset.UTC).get("status");
    // Ties by value: expired and rejected (Postfix and Exim) come in the order of their names.
    assertThat(status).containsExactly(entry("delivered", 117L), entry("bounced", 31L), entry("rejected", 14L),
        entry("expired", 12L), entry("discarded", 4L), entry("deferred", 3L));
    assertThat(status.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(view.count(query("kind:recipient")));
  }

  @Test
  void hourAndDay_countByTheTimeInTheZone() throws Exception {
    Map<String, IndexView.Facet> utc = view.facets(query("kind:recipient"), List.of("day", "hour"), ZoneOffset.UTC, 3);
    assertThat(utc.get("day").top()).containsExactly(entry("2026-11-29", 117L), entry("2026-12-01", 64L));
    assertThat(utc.get("day").values()).isEqualTo(2);
    assertThat(utc.get("hour").top()).containsExactly(entry("19", 64L), entry("13", 47L), entry("15", 45L));
    assertThat(utc.get("hour").values()).isEqualTo(5);
    // Five hours later in the day at UTC+5: the same counts under other names.
    Map<String, IndexView.Facet> plus5 = view.facets(query("kind:recipient"), List.of("hour"), ZoneOffset.ofHours(5), 3);
    assertThat(plus5.get("hour").top()).containsExactly(entry("00", 64L), entry("18", 47L), entry("20", 45L));
  }

  @Test
  void aFieldThatCannotBeCounted_isRefusedWithTheNearestName() {
    assertThatThrownBy(() -> view.facets(query("*"), List.of("statuss"), ZoneOffset.UTC, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("status");
    assertThatThrownBy(() -> view.hits(query("*"), "-tiem", 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-time");
  }

  @Test
  void hits_showTheirValues_numbersAsNumbers() throws Exception {
    IndexView.Hits hits = view.hits(query("queue_id:4596220C66D"), "", 0);
    assertThat(hits.total()).isEqualTo(1);
    IndexView.Hit message = hits.hits().get(0);
    assertThat(message.kind()).isEqualTo("message");
    assertThat(message.values()).contains(entry("queue_id", "4596220C66D"),
        entry("message_id", "<20261129142234.029663@vm>"), entry("sender", "alice@smtplog.test"),
        entry("size", 484L), entry("recipients", 3L), entry("session", "postfix/content-filter.log:46"),
        entry("file", "postfix/content-filter.log"));
    assertThat(message.sessions()).containsExactly("postfix/content-filter.log:46");
    IndexView.Hit forwarded = view.hits(query("rcpt_code:251 AND mta:postfix"), "", 1).hits().get(0);
    assertThat(forwarded.values()).contains(entry("kind", "recipient"), entry("rcpt_code", 251L),
        entry("rcpt_tag", "user-not-local-will-forward"));
  }

  @Test
  void sortedByTimeDescending_firstPageAndLaterPages_areOneOrder() throws Exception {
    IndexView.Hits all = view.hits(query("kind:recipient"), "-time", 0);
    assertThat(all.hits()).hasSize(181);
    List<String> times = all.hits().stream().map(h -> String.valueOf(h.values().get("time"))).toList();
    assertThat(times.get(0)).isEqualTo("2026-12-01T19:59:36Z");
    assertThat(times.get(180)).isEqualTo("2026-11-29T12:00:00Z");
    assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    // Ties (several recipients in one second) in the order they were written: the same on every view.
    assertThat(all.hits().subList(0, 4)).extracting(h -> h.values().get("queue_id"))
        .containsExactly("3F07020CA33", "3EAA320C933", "3F5EF20CA22", "0E31E20CC14");
    IndexView.HitPages pages = view.hitPages(query("kind:recipient"), "-time", 10, 4);
    assertThat(pages.total()).isEqualTo(181);
    assertThat(pages.shown()).isEqualTo(10);
    assertThat(pages.paged()).isTrue();
    assertThat(pages.kinds()).containsExactly("recipient");
    List<IndexView.Hit> first = pages.next();
    List<IndexView.Hit> second = pages.next();
    List<IndexView.Hit> third = pages.next();
    assertThat(first).isEqualTo(all.hits().subList(0, 4));
    assertThat(second).isEqualTo(all.hits().subList(4, 8));
    assertThat(third).isEqualTo(all.hits().subList(8, 10));
    assertThat(pages.next()).isEmpty();
  }

  @Test
  void sortedByAKeyword_thenInTheOrderWritten() throws Exception {
    List<IndexView.Hit> byDomain = view.hits(query("status:bounced"), "domain", 0).hits();
    assertThat(byDomain).extracting(h -> String.valueOf(h.values().get("domain"))).isSorted();
    List<IndexView.Hit> written = view.hits(query("status:bounced"), "", 0).hits();
    assertThat(written).hasSize(31).first().satisfies(h -> assertThat(h.values()).contains(
        entry("queue_id", "8A3B520C0C8"), entry("recipient", "carol@smtplog.test")));
    IndexView.HitPages kinds = view.hitPages(query("queue_id:4596220C66D OR status:bounced"), "", 0, 1000);
    assertThat(kinds.kinds()).containsExactly("recipient", "message");
    assertThat(kinds.paged()).isFalse();
  }

  @Test
  void traceOfAQueueId_isItsStoryAcrossTheContentFilter() throws Exception {
    // content-filter.log: 4596220C66D went to the filter, which re-injected it as 4670E20C66E (lines 46 to 93).
    IndexView.Trace trace = view.trace("4596220C66D");
    // Both in the same second: by queue id.
    assertThat(trace.messages()).extracting(m -> m.get("queue_id")).containsExactly("4596220C66D", "4670E20C66E");
    assertThat(trace.recipients()).extracting(r -> r.get("recipient") + " " + r.get("status"))
        .containsExactly("carol@example.com delivered", "erin@example.org delivered", "fwd.dave@example.net delivered");
    assertThat(trace.sessions()).extracting(s -> s.get("session"))
        .containsExactly("postfix/content-filter.log:46", "postfix/content-filter.log:61");
    assertThat(trace.lines()).hasSize(35).allSatisfy(l -> assertThat(l.file()).isEqualTo("postfix/content-filter.log"))
        .extracting(IndexView.StoredLine::line).isSorted().startsWith(46L, 47L, 48L).endsWith(93L);
    assertThat(trace.lines().get(0).text()).isEqualTo(
        "Nov 29 14:22:34 mx1 postfix/smtpd[29658]: connect from unknown[127.0.0.1]");
    assertThat(trace.lines().get(34).text()).isEqualTo("Nov 29 14:22:34 mx1 postfix/qmgr[29653]: 4670E20C66E: removed");
    assertThat(trace.isEmpty()).isFalse();
  }

  @Test
  void traceOfAMessageId_orAnAddress_isTheSameStory() throws Exception {
    IndexView.Trace byQueueId = view.trace("4596220C66D");
    assertThat(view.trace("<20261129142234.029663@vm>")).isEqualTo(byQueueId);
    assertThat(view.trace("fwd.dave@example.net").messages()).extracting(m -> m.get("queue_id"))
        .contains("4670E20C66E", "4596220C66D");
    assertThat(view.trace("nothing-like-this").isEmpty()).isTrue();
  }

  @Test
  void theLinesOfAHit_areItsStory() throws Exception {
    IndexView.Hit message = view.hits(query("queue_id:4596220C66D"), "", 1).hits().get(0);
    // The messages' lines (the original, the filter's copy): the trace adds the sessions' (46 connect, 92 QUIT).
    List<IndexView.StoredLine> story = view.linesOfHit(message);
    List<IndexView.StoredLine> trace = new ArrayList<>(view.trace("4596220C66D").lines());
    trace.removeIf(l -> l.line() == 46 || l.line() == 92);
    assertThat(story).hasSize(33).isEqualTo(trace);
    assertThat(view.sessionsOfHit(message)).containsExactly("postfix/content-filter.log:46",
        "postfix/content-filter.log:61");
    IndexView.Hit event = view.hits(query("kind:event AND mta:exim"), "", 1).hits().get(0);
    List<IndexView.StoredLine> eventLines = view.linesOfHit(event);
    assertThat(eventLines).extracting(IndexView.StoredLine::file).containsOnly("exim/relay-mainlog.log");
    assertThat(eventLines).extracting(IndexView.StoredLine::line).contains(((Number) event.values().get("line")).longValue());
  }

  @Test
  void aSessionsDialogue_isAsTheTranscriptWroteIt() throws Exception {
    List<IndexView.Hit> sessions = view.hits(query("kind:session AND helo:client.smtplog.test"), "", 0).hits();
    assertThat(sessions).extracting(h -> h.values().get("session")).startsWith(
        "transcripts/swaks-sink.transcript:1", "transcripts/swaks-sink.transcript:42",
        "transcripts/swaks-sink.transcript:63");
    Set<String> ids = new java.util.LinkedHashSet<>();
    for (IndexView.Hit h : sessions.subList(0, 2)) {
      ids.addAll(view.sessionsOfHit(h));
    }
    assertThat(ids).containsExactly("transcripts/swaks-sink.transcript:1", "transcripts/swaks-sink.transcript:42");
    List<SmtpDialogue> dialogues = view.dialogues(ids);
    assertThat(dialogues).extracting(d -> d.first().toString()).containsExactlyElementsOf(ids);
    SmtpDialogue first = dialogues.get(0);
    assertThat(first.complete()).isTrue();
    List<String> replies = new ArrayList<>();
    first.exchanges().forEach(x -> x.reply().ifPresent(r -> replies.add(String.valueOf(r.code()))));
    assertThat(String.join(" ", replies)).contains("220 250 250 250 251 551 452 550 450 354 250 221");
    assertThat(view.dialogues(Set.of("no-such-session"))).isEmpty();
  }

  @Test
  void theLinesOfAServersSession_areThoseItWasReadFrom() throws Exception {
    List<IndexView.StoredLine> lines = view.sessionLines("postfix/content-filter.log:46");
    assertThat(lines).isNotEmpty().allSatisfy(l -> assertThat(l.file()).isEqualTo("postfix/content-filter.log"));
    assertThat(lines.get(0)).isEqualTo(new IndexView.StoredLine("postfix/content-filter.log", 46,
        "Nov 29 14:22:34 mx1 postfix/smtpd[29658]: connect from unknown[127.0.0.1]"));
    assertThat(lines).extracting(IndexView.StoredLine::line).isSorted();
    assertThat(view.sessionLines("no-such-session")).isEmpty();
  }
}
