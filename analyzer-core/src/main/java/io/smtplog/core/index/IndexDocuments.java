package io.smtplog.core.index;

import io.smtplog.core.classify.Normalizer;
import io.smtplog.core.classify.ReplyClassification;
import io.smtplog.core.classify.ReplyClassifier;
import io.smtplog.core.index.agg.DelayBuckets;
import io.smtplog.core.model.Addresses;
import io.smtplog.core.model.DaemonMessage;
import io.smtplog.core.model.DelaySplit;
import io.smtplog.core.model.DeliveryAttempt;
import io.smtplog.core.model.DeliveryStatus;
import io.smtplog.core.model.MailEvent;
import io.smtplog.core.model.Mta;
import io.smtplog.core.model.Peer;
import io.smtplog.core.model.ProcessRef;
import io.smtplog.core.model.Rejected;
import io.smtplog.core.model.Role;
import io.smtplog.core.model.SmtpCommand;
import io.smtplog.core.model.SmtpReply;
import io.smtplog.core.model.SourceRef;
import io.smtplog.core.model.TlsEstablished;
import io.smtplog.core.outcome.Attempt;
import io.smtplog.core.outcome.DialogueExchange;
import io.smtplog.core.outcome.MessageContext;
import io.smtplog.core.outcome.MessageOutcome;
import io.smtplog.core.outcome.Observation;
import io.smtplog.core.outcome.RcptReply;
import io.smtplog.core.outcome.RecipientOutcome;
import io.smtplog.core.outcome.RecipientStatus;
import io.smtplog.core.outcome.ServerSession;
import io.smtplog.core.outcome.SmtpDialogue;
import io.smtplog.core.report.CodesAggregates;
import io.smtplog.core.report.CodesCollector;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleField;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.NumericUtils;

/**
 * Turns the outcome stream into index documents (docs/index-and-query.md, "The index"): each value goes in as its
 * field's type says ({@link IndexFields}): keywords with Lucene's {@link KeywordField} (terms and
 * sorted-set doc values) or {@link StringField}, numbers and times as {@link LongField} and
 * {@link DoubleField} (points and doc values), the reason text analysed; and the values shown for
 * a hit in one stored field ({@link ShownValues}). Replies are classified as {@code smtplog classify} would.
 * Keep one per thread.
 */
public final class IndexDocuments {
  private final ReplyClassifier classifier;

  public IndexDocuments(ReplyClassifier classifier) {
    this.classifier = classifier;
  }

  /** A document being built: its Lucene fields and the values shown for it ({@link ShownValues}). */
  private static final class Doc {
    final Document document = new Document();
    final ShownValues.Writer shown = new ShownValues.Writer();

    Doc(String kind, long seq, boolean provisional) {
      keyword(IndexFields.KIND, kind);
      document.add(new NumericDocValuesField(IndexFields.SEQ, seq));
      if (provisional) {
        keyword(IndexFields.PROVISIONAL, IndexFields.TRUE);
      }
    }

    void keyword(String name, String value) {
      if (value == null || value.isEmpty()) {
        return;
      }
      Field field = keywordField(name, value);
      document.add(field);
      shown.text(IndexFields.require(name), field.stringValue());
    }

    void number(String name, long value) {
      IndexField f = IndexFields.require(name);
      addLong(f, value);
      shown.number(f, value);
    }

    /** A whole number as its field wants it: points and doc values, points alone, or doc values alone. */
    private void addLong(IndexField f, long value) {
      if (!f.indexed()) {
        document.add(new SortedNumericDocValuesField(f.name(), value));
      } else {
        document.add(f.docValues() ? new LongField(f.name(), value, Field.Store.NO) : new LongPoint(f.name(), value));
      }
    }

    void decimal(String name, double value) {
      IndexField f = IndexFields.require(name);
      if (!f.indexed()) {
        document.add(new SortedNumericDocValuesField(name, NumericUtils.doubleToSortableLong(value)));
      } else {
        document.add(f.docValues() ? new DoubleField(name, value, Field.Store.NO) : new DoublePoint(name, value));
      }
      shown.decimal(f, value);
    }

    /** A delay in seconds, and its bucket ({@link IndexFields#delayBucket}) for the delay sketches. */
    void delay(String name, double seconds) {
      decimal(name, seconds);
      int bucket = DelayBuckets.of(seconds);
      if (bucket != DelayBuckets.NONE) {
        document.add(new NumericDocValuesField(IndexFields.delayBucket(name), bucket));
      }
    }

    void time(String name, Instant at) {
      IndexField f = IndexFields.require(name);
      addLong(f, at.toEpochMilli());
      shown.time(f, at);
    }

    /** The reason text: analysed for word queries, and normalised for counting (--facet reason). */
    void text(String value) {
      if (value != null && !value.isBlank()) {
        document.add(new TextField(IndexFields.TEXT, value, Field.Store.NO));
        shown.text(IndexFields.require(IndexFields.TEXT), value);
        String reason = IndexFields.capped(Normalizer.text(value));
        document.add(new KeywordField(IndexFields.REASON, reason, Field.Store.NO));
      }
    }

    Document done() {
      document.add(new StoredField(IndexFields.SHOWN, shown.bytes()));
      return document;
    }
  }

  /** A keyword field's value as every document holds it: cut, and lower-cased when its type says. */
  private static Field keywordField(String name, String value) {
    IndexField f = IndexFields.require(name);
    String capped = IndexFields.capped(value); // the one place keyword values are cut
    String v = f.type() == IndexField.Type.KEYWORD ? capped.toLowerCase(Locale.ROOT) : capped;
    return f.docValues() ? new KeywordField(name, v, Field.Store.NO) : new StringField(name, v, Field.Store.NO);
  }

  /** The document of one recipient's outcome. */
  public Document recipient(RecipientOutcome o, Optional<String> session, String file, long seq, boolean provisional) {
    Doc d = new Doc(IndexFields.RECIPIENT, seq, provisional);
    d.time(IndexFields.TIME, o.firstSeen());
    d.time(IndexFields.LAST_SEEN, o.lastSeen());
    d.keyword(IndexFields.MTA, o.mta().name());
    o.lastAttempt().ifPresent(a -> d.keyword(IndexFields.HOST, a.process().host()));
    o.queueId().ifPresent(q -> d.keyword(IndexFields.QUEUE_ID, q.value()));
    context(d, o.message());
    d.keyword(IndexFields.RECIPIENT_FIELD, o.recipient());
    o.origRecipient().ifPresent(r -> d.keyword(IndexFields.ORIG_RECIPIENT, r));
    d.keyword(IndexFields.DOMAIN, o.domain());
    d.keyword(IndexFields.STATUS, o.status().name());
    o.rcptReply().ifPresent(r -> {
      ReplyClassification c = classifier.classify(r);
      d.number(IndexFields.RCPT_CODE, r.code().value());
      r.enhanced().ifPresent(e -> d.keyword(IndexFields.RCPT_ENHANCED, e.toString()));
      d.keyword(IndexFields.RCPT_TAG, c.tag());
    });
    o.rcptReplySource().ifPresent(s -> d.keyword(IndexFields.RCPT_SOURCE, s.name()));
    forwardPath(o).ifPresent(p -> d.keyword(IndexFields.FORWARD_PATH, p));
    o.finalReply().ifPresent(r -> reply(d, r));
    o.relay().ifPresent(p -> {
      d.keyword(IndexFields.RELAY, p.toString());
      d.keyword(IndexFields.RELAY_IP, p.address());
    });
    if (o.relay().isEmpty()) {
      o.lastAttempt().ifPresent(a -> d.keyword(IndexFields.RELAY, a.relay()));
    }
    if (o.status() == io.smtplog.core.outcome.RecipientStatus.DELIVERED) {
      d.keyword(IndexFields.ROUTE, o.local() ? IndexFields.ROUTE_LOCAL : IndexFields.ROUTE_RELAYED);
    }
    d.number(IndexFields.ATTEMPTS, o.attempts());
    d.number(IndexFields.DEFERRALS, o.deferrals());
    d.number(IndexFields.HOPS, o.hops());
    d.number(IndexFields.FORWARDS, o.forwards());
    o.delay().ifPresent(delay -> d.delay(IndexFields.DELAY, seconds(delay)));
    o.lastAttempt().ifPresent(a -> delays(d, a.delays()));
    if (o.status() != io.smtplog.core.outcome.RecipientStatus.DELIVERED) {
      d.text(o.finalText()); // why it was not delivered; a delivery's "250 Ok: queued as ..." says nothing
    }
    session.ifPresent(s -> d.keyword(IndexFields.SESSION, s));
    d.keyword(IndexFields.FILE, file);
    relayValues(d.document, o);
    summaryValues(d.document, o);
    return d.done();
  }

  /**
   * What the relay report counts of a recipient and the queryable fields do not hold as it counts
   * it (internal doc values, see {@link IndexFields#RELAY_ROW}): its row, next hop, forward targets,
   * whether it was relayed through, and its first and last line to the nanosecond.
   */
  private static void relayValues(Document doc, RecipientOutcome o) {
    doc.add(new SortedDocValuesField(IndexFields.RELAY_ROW, internal(relayRow(o.recipient(), o.domain()))));
    o.relay().ifPresent(p -> doc.add(new SortedDocValuesField(IndexFields.RELAY_HOST, internal(p.toString()))));
    Optional<String> path = o.rcptReply().flatMap(ReplyClassifier::forwardPath);
    if (path.isEmpty()) {
      path = o.finalReply().flatMap(ReplyClassifier::forwardPath);
    }
    for (String target : path.map(java.util.List::of).orElseGet(o::forwardTargets)) {
      doc.add(new SortedSetDocValuesField(IndexFields.FORWARD_TARGETS, internal(target)));
    }
    if (o.status() == io.smtplog.core.outcome.RecipientStatus.DELIVERED && o.relayedThrough()) {
      doc.add(new NumericDocValuesField(IndexFields.RELAYED_THROUGH, 1));
    }
    doc.add(new NumericDocValuesField(IndexFields.FIRST_SEEN_NANOS, nanos(o.firstSeen())));
    doc.add(new NumericDocValuesField(IndexFields.LAST_SEEN_NANOS, nanos(o.lastSeen())));
  }

  /**
   * What the summary report counts of a recipient ({@link SummaryKeys}): the quarter hour of its
   * fate, its domain row, its bounce reason, and for a delivery its address, size, delay and whether
   * it was relayed through.
   */
  private static void summaryValues(Document doc, RecipientOutcome o) {
    RecipientStatus status = o.status();
    if (status != RecipientStatus.DEFERRED) {
      doc.add(new SortedDocValuesField(IndexFields.SUM_QUARTER, quarter(o.lastSeen())));
    }
    boolean delivered = status == RecipientStatus.DELIVERED;
    if (delivered || o.deferrals() > 0) {
      doc.add(new SortedDocValuesField(IndexFields.SUM_DOMAIN, key(SummaryKeys.domainRow(o.recipient(), o.domain()))));
    }
    if (status == RecipientStatus.BOUNCED) {
      doc.add(new SortedDocValuesField(IndexFields.SUM_REASON, key(SummaryKeys.reason(SummaryKeys.enhanced(o),
          o.finalText()))));
    }
    if (!delivered) {
      return;
    }
    doc.add(new SortedDocValuesField(IndexFields.SUM_RECIPIENT, key(o.recipient())));
    doc.add(new NumericDocValuesField(IndexFields.SUM_DELIVERED, 1));
    long size = Math.max(0, o.message().sizeBytes().orElse(0));
    if (size != 0) {
      doc.add(new NumericDocValuesField(IndexFields.SUM_BYTES, size));
    }
    o.delay().ifPresent(d -> {
      doc.add(new NumericDocValuesField(IndexFields.SUM_DELAY_SECONDS, d.getSeconds()));
      doc.add(new NumericDocValuesField(IndexFields.SUM_DELAY_NANOS, d.getNano()));
      doc.add(new NumericDocValuesField(IndexFields.SUM_DELAY_TOTAL_NANOS, d.toNanos()));
      doc.add(new NumericDocValuesField(IndexFields.SUM_DELAY_BUCKET, SummaryKeys.delayBucket(SummaryKeys.seconds(d))));
    });
    if (o.relayedThrough()) {
      doc.add(new SortedDocValuesField(IndexFields.SUM_RELAYED, key(SummaryKeys.relayed(o, t -> t, p -> p))));
    }
  }

  /** What the summary report counts of a message: received new (its sender, size, hour) or a copy. */
  private static void summaryValues(Document doc, MessageOutcome m) {
    if (m.receivedNew()) {
      doc.add(new SortedDocValuesField(IndexFields.SUM_RECEIVED, new BytesRef(IndexFields.SUM_NEW)));
      doc.add(new SortedDocValuesField(IndexFields.SUM_QUARTER,
          quarter(m.message().arrival().orElse(m.firstSeen()))));
      long size = m.message().sizeBytes().orElse(0);
      if (size != 0) {
        doc.add(new NumericDocValuesField(IndexFields.SUM_BYTES, size));
      }
      m.message().sender().ifPresent(s -> {
        String sender = SummaryKeys.sender(s, a -> a);
        doc.add(new SortedDocValuesField(IndexFields.SUM_SENDER, key(sender)));
        doc.add(new SortedDocValuesField(IndexFields.SUM_SENDING_DOMAIN,
            key(SummaryKeys.sendingDomain(m, sender, d -> d, SummaryKeys::clientDomain))));
      });
    } else if (m.received() && m.copyOf().isPresent()) {
      doc.add(new SortedDocValuesField(IndexFields.SUM_RECEIVED, new BytesRef(IndexFields.SUM_COPY)));
    }
  }

  private static BytesRef quarter(Instant at) {
    return new BytesRef(Long.toString(SummaryKeys.quarter(at)));
  }

  /**
   * A key the summary ranks by, whole (a reason cut as keyword values are would count apart from
   * the collector's), unless it is longer than a doc value may be (32,766 bytes: 8,000 characters
   * are at most 32,000), which Lucene and Solr refuse.
   */
  private static BytesRef key(String value) {
    return new BytesRef(value.length() <= MAX_KEY_CHARS ? value : IndexFields.capped(value));
  }

  private static final int MAX_KEY_CHARS = 8000;

  /**
   * The internal document of a delivery attempt that deferred, bounced or expired
   * ({@link IndexFields#ATTEMPT_KIND}), in its message's story (by queue id), for the summary's
   * deferrals, deferral reasons and deferred and failed messages; only for those {@link #counted}.
   *
   * @param lineRef the packed reference of its line ({@link LineRefs}): two attempts alike are two documents
   */
  public Document attempt(Attempt a, long lineRef, long seq, boolean provisional) {
    DeliveryAttempt d = a.event();
    Document doc = internalDocument(IndexFields.ATTEMPT_KIND, lineRef, seq, provisional);
    doc.add(new StringField(IndexFields.QUEUE_ID, d.queueId().value(), Field.Store.NO));
    doc.add(new SortedDocValuesField(IndexFields.SUM_ATTEMPT, new BytesRef(d.status() == DeliveryStatus.DEFERRED
        ? IndexFields.SUM_DEFERRED : IndexFields.SUM_FAILED)));
    doc.add(new SortedDocValuesField(IndexFields.SUM_QUEUE_ID, key(d.queueId().value())));
    if (d.status() == DeliveryStatus.DEFERRED) {
      doc.add(new SortedDocValuesField(IndexFields.SUM_QUARTER, quarter(d.at())));
      doc.add(new SortedDocValuesField(IndexFields.SUM_REASON, key(SummaryKeys.reason(SummaryKeys.enhanced(d),
          d.detail()))));
    }
    return doc;
  }

  /** True for an attempt the summary counts ({@link #attempt}): one that deferred, bounced or expired. */
  public static boolean counted(Attempt a) {
    DeliveryStatus status = a.event().status();
    return status == DeliveryStatus.DEFERRED || status == DeliveryStatus.BOUNCED || status == DeliveryStatus.EXPIRED;
  }

  /**
   * The internal document of a TLS connection established ({@link IndexFields#TLS_KIND}), in its
   * story as an event's document is (its queue id, else its session), for the summary's TLS section.
   */
  public Document tls(TlsEstablished t, Optional<String> queueId, Optional<String> session, long lineRef, long seq) {
    Document doc = internalDocument(IndexFields.TLS_KIND, lineRef, seq, false);
    queueId.ifPresent(q -> doc.add(new StringField(IndexFields.QUEUE_ID, q, Field.Store.NO)));
    session.ifPresent(s -> doc.add(new StringField(IndexFields.SESSION, s, Field.Store.NO)));
    doc.add(new SortedDocValuesField(IndexFields.SUM_TLS, key(SummaryKeys.tlsKind(t).orElse(IndexFields.SUM_REUSED))));
    return doc;
  }

  private static Document internalDocument(String kind, long lineRef, long seq, boolean provisional) {
    Document doc = new Document();
    doc.add(new KeywordField(IndexFields.KIND, kind, Field.Store.NO));
    doc.add(new NumericDocValuesField(IndexFields.SEQ, seq));
    if (provisional) {
      doc.add(new KeywordField(IndexFields.PROVISIONAL, IndexFields.TRUE, Field.Store.NO));
    }
    doc.add(new NumericDocValuesField(IndexFields.SUM_REF, lineRef));
    return doc;
  }

  /**
   * An internal value as written, cut as keyword values are ({@link IndexFields#capped}): Lucene
   * refuses a doc value over 32,766 bytes, which would abort the ingest.
   */
  private static BytesRef internal(String value) {
    return new BytesRef(IndexFields.capped(value));
  }

  /** The {@link IndexFields#RELAY_ROW} of an address and its domain. */
  static String relayRow(String recipient, String domain) {
    if (!domain.isEmpty()) {
      return domain;
    }
    return recipient.isEmpty() ? IndexFields.ROW_UNNAMED : IndexFields.ROW_NO_DOMAIN;
  }

  /** Nanoseconds since the epoch: exact from 1677 to 2262. */
  private static long nanos(Instant at) {
    return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
  }

  /**
   * The internal document of one reply to RCPT TO ({@link IndexFields#RCPT_REPLY_KIND}): its row,
   * code and line, for the relay report's {@code rcpt_replies}, and what the codes report counts of
   * it ({@link #codesValues}); no value a query or a hit shows.
   *
   * @param lineRef the packed reference ({@link LineRefs}) of the line that showed it: it tells two
   *     replies on the same line number of two inputs read under one name (a log rotated and read
   *     again) apart, which the file name and line number do not
   * @param order its place in the outcome stream ({@link IndexFields#REPLY_ORDER})
   */
  public Document rcptReply(RcptReply r, long lineRef, long order, long seq) {
    Document doc = new Document();
    doc.add(new KeywordField(IndexFields.KIND, IndexFields.RCPT_REPLY_KIND, Field.Store.NO));
    doc.add(new NumericDocValuesField(IndexFields.SEQ, seq));
    doc.add(new SortedDocValuesField(IndexFields.RELAY_ROW, internal(relayRow(r.recipient(), r.domain()))));
    doc.add(new NumericDocValuesField(IndexFields.RCPT_REPLY_CODE, r.reply().code().value()));
    doc.add(new StringField(IndexFields.RCPT_REPLY_LINE, IndexFields.capped(r.line().toString()), Field.Store.NO));
    doc.add(new NumericDocValuesField(IndexFields.RCPT_REPLY_REF, lineRef));
    for (CodesCollector.Counted c : CodesCollector.counted(r)) {
      codesValues(doc, c, order);
    }
    return doc;
  }

  /**
   * The internal document of one reply the codes report counts that is not an RCPT reply
   * ({@link IndexFields#REPLY_KIND}), in {@code story} (a {@link StoryLines} key, or null for none)
   * as the story's other documents are, so that it goes and comes back with them when an open story
   * is taken up again ({@link #storyQuery}); marked {@code provisional} as they are when the end of
   * the inputs wrote it. Of no story, it holds {@code line} (its event's file:line), by which a
   * query that matched the event selects it ({@link IndexFields#REPLY_LINE}).
   */
  public Document reply(CodesCollector.Counted c, String story, String line, long order, long seq,
      boolean provisional) {
    Document doc = new Document();
    doc.add(new KeywordField(IndexFields.KIND, IndexFields.REPLY_KIND, Field.Store.NO));
    doc.add(new NumericDocValuesField(IndexFields.SEQ, seq));
    if (provisional) {
      doc.add(keywordField(IndexFields.PROVISIONAL, IndexFields.TRUE));
    }
    if (story != null) {
      doc.add(keywordField(story.startsWith("q:") ? IndexFields.QUEUE_ID : IndexFields.SESSION, story.substring(2)));
    } else if (line != null) {
      doc.add(new StringField(IndexFields.REPLY_LINE, IndexFields.capped(line), Field.Store.NO));
    }
    codesValues(doc, c, order);
    return story(doc, story);
  }

  /** What the codes report keys a reply on ({@link CodesAggregates#rows}), the reply itself and its order. */
  private void codesValues(Document doc, CodesCollector.Counted c, long order) {
    CodesAggregates.rows(c, classifier).forEach((field, value) -> doc.add(new SortedDocValuesField(field, internal(value))));
    doc.add(new SortedDocValuesField(IndexFields.REPLY_EXAMPLE, new BytesRef(CodesAggregates.example(c.reply()))));
    doc.add(new NumericDocValuesField(IndexFields.REPLY_ORDER, order));
  }

  /** The forward target a recipient shows: the forward-path of a 251/551, else an alias's final address. */
  static Optional<String> forwardPath(RecipientOutcome o) {
    Optional<String> path = o.rcptReply().flatMap(ReplyClassifier::forwardPath);
    if (path.isEmpty()) {
      path = o.finalReply().flatMap(ReplyClassifier::forwardPath);
    }
    return path.isPresent() ? path : o.forwardTarget();
  }

  private void reply(Doc d, SmtpReply r) {
    ReplyClassification c = classifier.classify(r);
    d.number(IndexFields.CODE, r.code().value());
    r.enhanced().ifPresent(e -> d.keyword(IndexFields.ENHANCED, e.toString()));
    d.keyword(IndexFields.TAG, c.tag());
  }

  private static void delays(Doc d, DelaySplit split) {
    split.beforeQueueManager().ifPresent(x -> d.delay(IndexFields.DELAY_BEFORE_QUEUE, seconds(x)));
    split.inQueueManager().ifPresent(x -> d.delay(IndexFields.DELAY_IN_QUEUE, seconds(x)));
    split.connectionSetup().ifPresent(x -> d.delay(IndexFields.DELAY_CONNECT, seconds(x)));
    split.transmission().ifPresent(x -> d.delay(IndexFields.DELAY_TRANSMIT, seconds(x)));
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  private static void context(Doc d, MessageContext m) {
    m.messageId().ifPresent(id -> d.keyword(IndexFields.MESSAGE_ID, id));
    m.sender().ifPresent(s -> {
      d.keyword(IndexFields.SENDER, s.isEmpty() ? "<>" : s);
      d.keyword(IndexFields.SENDER_DOMAIN, Addresses.domainOf(s));
    });
    m.client().ifPresent(c -> client(d, c));
    m.sizeBytes().ifPresent(size -> d.number(IndexFields.SIZE, size));
    d.keyword(IndexFields.TLS, m.tls() ? IndexFields.YES : IndexFields.NO);
  }

  private static void client(Doc d, Peer c) {
    d.keyword(IndexFields.CLIENT, c.toString());
    d.keyword(IndexFields.CLIENT_IP, c.address());
  }

  /**
   * The document of one message, with the lines of its story; {@code sessions} are those it took
   * part in besides the one that received it (the dialogues of its deliveries).
   */
  public Document message(MessageOutcome m, byte[] lines, Set<String> sessions, String file, long seq,
      boolean provisional) {
    Doc d = new Doc(IndexFields.MESSAGE, seq, provisional);
    d.time(IndexFields.TIME, m.firstSeen());
    d.time(IndexFields.LAST_SEEN, m.lastSeen());
    d.keyword(IndexFields.MTA, m.mta().name());
    d.keyword(IndexFields.QUEUE_ID, m.queueId().value());
    context(d, m.message());
    m.message().session().ifPresent(s -> d.keyword(IndexFields.SESSION, s.toString()));
    sessions.forEach(s -> d.keyword(IndexFields.SESSION, s));
    m.copyOf().ifPresent(q -> d.keyword(IndexFields.COPY_OF, q.value()));
    m.notificationOf().ifPresent(q -> d.keyword(IndexFields.NOTIFICATION_OF, q.value()));
    m.recipientCount().ifPresent(n -> d.number(IndexFields.RECIPIENTS, n));
    d.keyword(IndexFields.FILE, file);
    d.document.add(new StoredField(IndexFields.LINES, lines));
    summaryValues(d.document, m);
    return d.done();
  }

  /** What every session document begins with: its times, writer, host, id (its first line) and direction. */
  private static Doc sessionDoc(long seq, boolean provisional, Instant start, Instant last, Mta mta, ProcessRef process,
      SourceRef first, String direction) {
    Doc d = new Doc(IndexFields.SESSION_KIND, seq, provisional);
    d.time(IndexFields.TIME, start);
    d.time(IndexFields.LAST_SEEN, last);
    d.keyword(IndexFields.MTA, mta.name());
    d.keyword(IndexFields.HOST, process.host());
    d.keyword(IndexFields.SESSION, first.toString());
    d.keyword(IndexFields.DIRECTION, direction);
    return d;
  }

  /** The document of a server's session (an smtpd or Exim connection), with the lines of its story. */
  public Document session(ServerSession s, byte[] lines, long seq, boolean provisional) {
    Doc d = sessionDoc(seq, provisional, s.start(), s.at(), s.mta(), s.process(), s.first(), IndexFields.INBOUND);
    client(d, s.client());
    d.keyword(IndexFields.TLS, s.tls() ? IndexFields.YES : IndexFields.NO);
    // The end record's tally: "ehlo=1 mail=1 rcpt=0/1 auth=0/1 quit=1 commands=3/5".
    for (String part : s.commandStats().split(" ")) {
      int eq = part.indexOf('=');
      if (eq <= 0 || part.startsWith("commands=")) {
        continue;
      }
      String command = part.substring(0, eq);
      d.keyword(IndexFields.COMMAND, command);
      if (command.equals("auth")) {
        String counts = part.substring(eq + 1);
        int slash = counts.indexOf('/');
        boolean failed = slash > 0 && !counts.substring(0, slash).equals(counts.substring(slash + 1));
        d.keyword(IndexFields.AUTH, failed ? IndexFields.AUTH_FAILURE : IndexFields.AUTH_SUCCESS);
      }
    }
    d.number(IndexFields.REJECTS, s.refusals());
    s.end().ifPresent(end -> d.decimal(IndexFields.DURATION, seconds(Duration.between(s.start(), end))));
    d.document.add(new SortedDocValuesField(IndexFields.SUM_SESSION, new BytesRef(IndexFields.SUM_SERVER)));
    d.document.add(new SortedDocValuesField(IndexFields.SUM_CLIENT, key(SummaryKeys.clientDomain(s.client()))));
    d.document.add(new NumericDocValuesField(IndexFields.SUM_SECONDS, SummaryKeys.sessionSeconds(s)));
    if (!s.messages().isEmpty()) {
      d.document.add(new NumericDocValuesField(IndexFields.SUM_WITH_MAIL, 1));
    }
    d.keyword(IndexFields.FILE, s.first().file());
    d.number(IndexFields.LINE, s.first().lineNumber());
    d.document.add(new StoredField(IndexFields.LINES, lines));
    return d.done();
  }

  /** The document of a dialogue (a transcript, a debug_peer_list session), with the dialogue itself. */
  public Document dialogue(SmtpDialogue s, byte[] lines, long seq, boolean provisional) {
    Doc d = sessionDoc(seq, provisional, s.start(), s.end(), s.mta(), s.process(), s.first(),
        s.role() == Role.SERVER ? IndexFields.INBOUND : IndexFields.OUTBOUND);
    if (!s.peer().address().isEmpty() || !s.peer().hostname().isEmpty()) {
      if (s.role() == Role.SERVER) {
        client(d, s.peer());
      } else {
        d.keyword(IndexFields.RELAY, s.peer().toString());
      }
    }
    boolean tls = false;
    int rejects = 0;
    Set<String> commands = new LinkedHashSet<>();
    for (DialogueExchange x : s.exchanges()) {
      tls |= x.tls();
      x.command().ifPresent(c -> commands.add(c.name()));
      if (x.command().orElse(null) == SmtpCommand.HELO || x.command().orElse(null) == SmtpCommand.EHLO) {
        x.line().ifPresent(line -> {
          String[] words = line.strip().split("\\s+", 2);
          if (words.length == 2) {
            d.keyword(IndexFields.HELO, words[1]);
          }
        });
      }
      if (x.reply().isPresent()) {
        SmtpReply r = x.reply().get();
        reply(d, r);
        if (x.command().orElse(null) == SmtpCommand.AUTH && r.code().value() / 100 != 3) {
          d.keyword(IndexFields.AUTH, r.code().value() / 100 == 2 ? IndexFields.AUTH_SUCCESS : IndexFields.AUTH_FAILURE);
        }
        if (r.code().value() >= 400 && x.command().isPresent()) {
          rejects++;
        }
      }
    }
    commands.forEach(c -> d.keyword(IndexFields.COMMAND, c));
    d.keyword(IndexFields.TLS, tls ? IndexFields.YES : IndexFields.NO);
    d.number(IndexFields.REJECTS, rejects);
    d.document.add(new SortedDocValuesField(IndexFields.SUM_SESSION, new BytesRef(IndexFields.SUM_DIALOGUE)));
    d.decimal(IndexFields.DURATION, seconds(Duration.between(s.start(), s.end())));
    d.keyword(IndexFields.FILE, s.first().file());
    d.number(IndexFields.LINE, s.first().lineNumber());
    d.document.add(new StoredField(IndexFields.LINES, lines));
    d.document.add(new StoredField(IndexFields.DIALOGUE, DialogueCodec.encode(s)));
    return d.done();
  }

  /** The document of an event that is part of no outcome. */
  public Document event(Observation o, Optional<String> session, long seq) {
    MailEvent e = o.event();
    Doc d = new Doc(IndexFields.EVENT_KIND, seq, false);
    d.time(IndexFields.TIME, e.at());
    d.keyword(IndexFields.MTA, e.mta().name());
    d.keyword(IndexFields.HOST, e.process().host());
    d.keyword(IndexFields.EVENT, kindOf(e));
    if (e instanceof Rejected r) {
      r.queueId().ifPresent(q -> d.keyword(IndexFields.QUEUE_ID, q.value()));
      d.keyword(IndexFields.COMMAND, r.stage());
      if (!r.recipient().isEmpty()) {
        d.keyword(IndexFields.RECIPIENT_FIELD, Addresses.normalized(r.recipient()));
        d.keyword(IndexFields.DOMAIN, o.domain());
      }
      if (!r.sender().isEmpty()) {
        d.keyword(IndexFields.SENDER, Addresses.normalized(r.sender()));
        d.keyword(IndexFields.SENDER_DOMAIN, Addresses.domainOf(r.sender()));
      }
      r.client().ifPresent(c -> client(d, c));
      r.answeredReply().ifPresent(reply -> reply(d, reply));
      d.text(r.detail());
      String counted = SummaryKeys.eventClass(r);
      if (counted != null) {
        d.document.add(new SortedDocValuesField(IndexFields.SUM_EVENT, new BytesRef(counted)));
      }
      if (SummaryKeys.REFUSAL.equals(counted)) {
        d.document.add(new SortedDocValuesField(IndexFields.SUM_REASON, key(SummaryKeys.reason(SummaryKeys.enhanced(r),
            SummaryKeys.refusalText(r)))));
      }
    } else if (e instanceof DaemonMessage m) {
      d.text(m.text());
      d.document.add(new SortedDocValuesField(IndexFields.SUM_EVENT, new BytesRef(SummaryKeys.eventClass(m))));
      d.document.add(new SortedDocValuesField(IndexFields.SUM_DIAGNOSTIC, key(SummaryKeys.diagnostic(m, m.text()))));
    }
    session.ifPresent(s -> d.keyword(IndexFields.SESSION, s));
    d.keyword(IndexFields.FILE, e.source().file());
    d.number(IndexFields.LINE, e.source().lineNumber());
    return d.done();
  }

  /**
   * {@code document}, marked when its story is a session's (not a message's), so that a later
   * ingest can find and replace the documents of a story ({@link #storyQuery}).
   */
  static Document story(Document document, String story) {
    if (story != null && story.startsWith("s:")) {
      document.add(new StringField(IndexFields.SESSION_STORY, "session", Field.Store.NO));
    }
    return document;
  }

  /** The documents of a story (a key of {@link StoryLines}): a message's by queue id, a session's by session. */
  static org.apache.lucene.search.Query storyQuery(String story) {
    if (story.startsWith("q:")) {
      return new org.apache.lucene.search.TermQuery(new org.apache.lucene.index.Term(IndexFields.QUEUE_ID,
          story.substring(2)));
    }
    return new org.apache.lucene.search.BooleanQuery.Builder()
        .add(new org.apache.lucene.search.TermQuery(new org.apache.lucene.index.Term(IndexFields.SESSION,
            story.substring(2))), org.apache.lucene.search.BooleanClause.Occur.FILTER)
        .add(new org.apache.lucene.search.TermQuery(new org.apache.lucene.index.Term(IndexFields.SESSION_STORY,
            "session")), org.apache.lucene.search.BooleanClause.Occur.FILTER).build();
  }

  /** The event kind an event document shows: the action of an access decision, the severity of a diagnostic. */
  static String kindOf(MailEvent e) {
    if (e instanceof Rejected r) {
      return r.action().replace('-', '_');
    }
    if (e instanceof DaemonMessage m) {
      return m.severity().name().toLowerCase(Locale.ROOT);
    }
    return e.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  /** The session a source line started, as documents name it. */
  static String sessionId(SourceRef first) {
    return first.toString();
  }

  /** The values a hit shows, read back from their stored form (a Solr backend reads them too). */
  public static Map<String, Object> shown(byte[] stored) {
    return ShownValues.read(stored);
  }
}
