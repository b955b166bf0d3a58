package io.smtplog.core.index;

import io.smtplog.core.classify.ReplyClassification;
import io.smtplog.core.classify.ReplyClassifier;
import io.smtplog.core.ingest.ReplyTextParser;
import io.smtplog.core.model.Addresses;
import io.smtplog.core.model.CommandLine;
import io.smtplog.core.model.DaemonMessage;
import io.smtplog.core.model.DeliveryAttempt;
import io.smtplog.core.model.EntryContinuation;
import io.smtplog.core.model.MailEvent;
import io.smtplog.core.model.MessageArrival;
import io.smtplog.core.model.MessageExpired;
import io.smtplog.core.model.MessageIdentified;
import io.smtplog.core.model.MessageQueued;
import io.smtplog.core.model.MessageReceived;
import io.smtplog.core.model.MessageRemoved;
import io.smtplog.core.model.NotificationQueued;
import io.smtplog.core.model.Peer;
import io.smtplog.core.model.Rejected;
import io.smtplog.core.model.ReplyLine;
import io.smtplog.core.model.Role;
import io.smtplog.core.model.SessionEnded;
import io.smtplog.core.model.SessionStarted;
import io.smtplog.core.model.SmtpReply;
import io.smtplog.core.model.TlsEstablished;
import io.smtplog.core.model.TranscriptNote;
import io.smtplog.core.outcome.DialogueExchange;
import io.smtplog.core.outcome.SmtpDialogue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleDocValuesField;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;

/**
 * Turns events and sessions into index documents (README, "The index"): keyword fields as
 * indexed terms with sorted-set doc values (for sorting and facets), numbers as points with
 * numeric doc values, {@code text} analysed, and the event itself as stored JSON. Replies are
 * classified as {@code smtplog classify} would. Not thread-safe (reuses nothing, but keep one per
 * writer thread).
 */
public final class IndexDocuments {
  private final ReplyClassifier classifier;

  public IndexDocuments(ReplyClassifier classifier) {
    this.classifier = classifier;
  }

  /**
   * The document of one event; {@code session} is the id of the session it belongs to, or null;
   * {@code seq} its place in reading order.
   */
  public Document event(MailEvent e, String session, long seq) {
    Document d = new Document();
    d.add(new NumericDocValuesField(IndexFields.SEQ, seq));
    keyword(d, IndexFields.DOC, IndexFields.DOC_EVENT);
    time(d, IndexFields.TIME, e.at().toEpochMilli());
    keyword(d, IndexFields.MTA, e.mta().name());
    keyword(d, IndexFields.HOST, e.process().host());
    keyword(d, IndexFields.PROGRAM, e.process().tag());
    keyword(d, IndexFields.EVENT, kindOf(e));
    keyword(d, IndexFields.FILE, e.source().file());
    number(d, IndexFields.LINE, e.source().lineNumber());
    if (session != null) {
      keyword(d, IndexFields.SESSION, session);
    }
    fields(new DocumentSink(d), e);
    d.add(new StoredField(IndexFields.JSON, EventCodec.encode(e)));
    return d;
  }

  /**
   * The field values of an event as the index holds them (keywords lower-cased where indexed so),
   * in a stable order: for showing hits. Numbers as text; {@code text} is not included.
   */
  public Map<String, String> values(MailEvent e) {
    Map<String, String> out = new LinkedHashMap<>();
    fields(new Sink() {
      @Override
      public void keyword(String field, String value) {
        if (value != null && !value.isEmpty()) {
          out.putIfAbsent(field, IndexFields.CASED_KEYWORDS.contains(field) ? value : value.toLowerCase(Locale.ROOT));
        }
      }

      @Override
      public void number(String field, long value) {
        out.putIfAbsent(field, Long.toString(value));
      }

      @Override
      public void decimal(String field, double value) {
        out.putIfAbsent(field, Double.toString(value));
      }

      @Override
      public void text(String text) {
        // not a column
      }
    }, e);
    return out;
  }

  /** Where an event's fields go: a Lucene document, or a map for display. */
  private interface Sink {
    void keyword(String field, String value);

    void number(String field, long value);

    void decimal(String field, double value);

    void text(String text);
  }

  private static final class DocumentSink implements Sink {
    private final Document d;

    DocumentSink(Document d) {
      this.d = d;
    }

    @Override
    public void keyword(String field, String value) {
      IndexDocuments.keyword(d, field, value);
    }

    @Override
    public void number(String field, long value) {
      IndexDocuments.number(d, field, value);
    }

    @Override
    public void decimal(String field, double value) {
      IndexDocuments.decimal(d, field, value);
    }

    @Override
    public void text(String text) {
      IndexDocuments.text(d, text);
    }
  }

  /** The document of a session (a dialogue): its id, time span, lines and the whole dialogue. */
  public Document session(String id, SmtpDialogue dialogue) {
    Document d = new Document();
    keyword(d, IndexFields.DOC, IndexFields.DOC_SESSION);
    keyword(d, IndexFields.SESSION, id);
    time(d, IndexFields.TIME, dialogue.start().toEpochMilli());
    keyword(d, IndexFields.MTA, dialogue.mta().name());
    keyword(d, IndexFields.PROGRAM, dialogue.process().tag());
    keyword(d, IndexFields.EVENT, "session");
    keyword(d, IndexFields.FILE, dialogue.first().file());
    number(d, IndexFields.LINE, dialogue.first().lineNumber());
    long last = dialogue.first().lineNumber();
    for (DialogueExchange x : dialogue.exchanges()) {
      last = Math.max(last, x.source().lineNumber());
    }
    number(d, IndexFields.LAST_LINE, last);
    peer(new DocumentSink(d), IndexFields.RELAY, IndexFields.RELAY_IP, Optional.of(dialogue.peer()));
    d.add(new StoredField(IndexFields.JSON, EventCodec.encode(dialogue)));
    return d;
  }

  /** "DeliveryAttempt" becomes "delivery_attempt". */
  public static String kindOf(MailEvent e) {
    String name = e.getClass().getSimpleName();
    StringBuilder sb = new StringBuilder(name.length() + 4);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        sb.append('_');
      }
      sb.append(Character.toLowerCase(c));
    }
    return sb.toString();
  }

  private void fields(Sink d, MailEvent e) {
    if (e instanceof DeliveryAttempt a) {
      d.keyword(IndexFields.QUEUE_ID, a.queueId().value());
      d.keyword(IndexFields.RECIPIENT, a.recipient());
      a.origRecipient().ifPresent(o -> d.keyword(IndexFields.ORIG_RECIPIENT, o));
      d.keyword(IndexFields.DOMAIN, Addresses.addressedDomain(a.origRecipient().orElse(null), a.recipient()));
      d.keyword(IndexFields.RELAY, a.relay());
      a.relayPeer().ifPresent(p -> d.keyword(IndexFields.RELAY_IP, p.address()));
      d.keyword(IndexFields.STATUS, a.status().name());
      a.delay().ifPresent(delay -> d.decimal(IndexFields.DELAY, delay.toNanos() / 1e9));
      a.dsn().ifPresent(s -> d.keyword(IndexFields.ENHANCED, s.toString()));
      a.reply().ifPresent(r -> reply(d, r));
      d.text(a.detail());
    } else if (e instanceof Rejected r) {
      r.queueId().ifPresent(q -> d.keyword(IndexFields.QUEUE_ID, q.value()));
      peer(d, IndexFields.CLIENT, IndexFields.CLIENT_IP, r.client());
      d.keyword(IndexFields.HELO, r.helo());
      sender(d, r.sender());
      if (!r.recipient().isEmpty()) {
        d.keyword(IndexFields.RECIPIENT, r.recipient());
        d.keyword(IndexFields.DOMAIN, Addresses.domainOf(r.recipient()));
      }
      d.keyword(IndexFields.COMMAND, r.stage());
      d.keyword(IndexFields.STATUS, r.action());
      r.reply().ifPresent(reply -> reply(d, reply));
      d.text(r.detail());
    } else if (e instanceof MessageArrival a) {
      d.keyword(IndexFields.QUEUE_ID, a.queueId().value());
      sender(d, a.sender());
      peer(d, IndexFields.CLIENT, IndexFields.CLIENT_IP, a.client());
      d.keyword(IndexFields.HELO, a.helo());
      a.sizeBytes().ifPresent(size -> d.number(IndexFields.SIZE, size));
      a.messageId().ifPresent(id -> d.keyword(IndexFields.MESSAGE_ID, id));
      a.parent().ifPresent(p -> d.text("parent " + p.value()));
    } else if (e instanceof MessageReceived r) {
      d.keyword(IndexFields.QUEUE_ID, r.queueId().value());
      peer(d, IndexFields.CLIENT, IndexFields.CLIENT_IP, r.client());
    } else if (e instanceof MessageQueued q) {
      d.keyword(IndexFields.QUEUE_ID, q.queueId().value());
      sender(d, q.sender());
      d.number(IndexFields.SIZE, q.sizeBytes());
    } else if (e instanceof MessageIdentified i) {
      d.keyword(IndexFields.QUEUE_ID, i.queueId().value());
      d.keyword(IndexFields.MESSAGE_ID, i.messageId());
    } else if (e instanceof MessageExpired x) {
      d.keyword(IndexFields.QUEUE_ID, x.queueId().value());
      d.keyword(IndexFields.STATUS, "EXPIRED");
    } else if (e instanceof MessageRemoved x) {
      d.keyword(IndexFields.QUEUE_ID, x.queueId().value());
    } else if (e instanceof NotificationQueued n) {
      d.keyword(IndexFields.QUEUE_ID, n.parent().value());
      d.text(n.kind() + " " + n.child().value());
    } else if (e instanceof SessionStarted s) {
      peer(d, IndexFields.CLIENT, IndexFields.CLIENT_IP, Optional.of(s.client()));
    } else if (e instanceof SessionEnded s) {
      peer(d, IndexFields.CLIENT, IndexFields.CLIENT_IP, Optional.of(s.client()));
      d.text(s.commandStats());
    } else if (e instanceof CommandLine c) {
      c.command().ifPresent(cmd -> d.keyword(IndexFields.COMMAND, cmd.name()));
      peer(d, IndexFields.RELAY, IndexFields.RELAY_IP, Optional.of(c.peer()));
      d.text(c.text());
    } else if (e instanceof ReplyLine r) {
      // One line of a reply, classified by its code (the command it answered is known to the session).
      reply(d, ReplyTextParser.assemble(r.code(), List.of(r.text()), null));
      peer(d, IndexFields.RELAY, IndexFields.RELAY_IP, Optional.of(r.peer()));
      d.text(r.text());
    } else if (e instanceof DaemonMessage m) {
      d.keyword(IndexFields.STATUS, m.severity().name());
      d.text(m.text());
    } else if (e instanceof EntryContinuation c) {
      c.queueId().ifPresent(q -> d.keyword(IndexFields.QUEUE_ID, q.value()));
      d.text(c.text());
    } else if (e instanceof TranscriptNote n) {
      d.keyword(IndexFields.STATUS, n.kind().name());
      d.text(n.text());
    } else if (e instanceof TlsEstablished t) {
      if (t.role() == Role.SERVER) {
        peer(d, IndexFields.CLIENT, IndexFields.CLIENT_IP, Optional.of(t.peer()));
      } else {
        peer(d, IndexFields.RELAY, IndexFields.RELAY_IP, Optional.of(t.peer()));
      }
      d.keyword(IndexFields.STATUS, t.trust());
      d.text(t.protocol() + " " + t.cipher() + (t.reused() ? " reused" : ""));
    }
  }

  private void reply(Sink d, SmtpReply reply) {
    ReplyClassification c = classifier.classify(reply);
    d.number(IndexFields.CODE, reply.code().value());
    d.keyword(IndexFields.CLASS, Integer.toString(c.replyClass().digit()));
    d.keyword(IndexFields.CATEGORY, Integer.toString(c.category().digit()));
    d.keyword(IndexFields.TAG, c.tag());
    reply.enhanced().ifPresent(s -> d.keyword(IndexFields.ENHANCED, s.toString()));
    c.forwardPath().ifPresent(p -> d.keyword(IndexFields.FORWARD_PATH, p));
    reply.command().ifPresent(cmd -> d.keyword(IndexFields.COMMAND, cmd.name()));
  }

  private static void sender(Sink d, String sender) {
    d.keyword(IndexFields.SENDER, sender);
    d.keyword(IndexFields.SENDER_DOMAIN, Addresses.domainOf(sender));
  }

  private static void peer(Sink d, String nameField, String ipField, Optional<Peer> peer) {
    if (peer.isPresent()) {
      d.keyword(nameField, peer.get().hostname());
      d.keyword(ipField, peer.get().address());
    }
  }

  /**
   * A keyword: lower-cased unless the field keeps case; indexed, with doc values where sorting and
   * counting by it make sense ({@link IndexFields#WITH_DOC_VALUES}); empty values skipped.
   */
  static void keyword(Document d, String field, String value) {
    if (value == null || value.isEmpty()) {
      return;
    }
    String v = IndexFields.CASED_KEYWORDS.contains(field) ? value : value.toLowerCase(Locale.ROOT);
    if (v.length() > 4000) {
      v = v.substring(0, 4000); // terms are limited to 32 KB; no real value comes near this
    }
    d.add(new StringField(field, v, Field.Store.NO));
    if (IndexFields.WITH_DOC_VALUES.contains(field)) {
      d.add(new SortedSetDocValuesField(field, new BytesRef(v)));
    }
  }

  static void number(Document d, String field, long value) {
    d.add(new LongPoint(field, value));
    d.add(new NumericDocValuesField(field, value));
  }

  private static void time(Document d, String field, long epochMillis) {
    number(d, field, epochMillis);
  }

  private static void decimal(Document d, String field, double value) {
    d.add(new DoublePoint(field, value));
    d.add(new DoubleDocValuesField(field, value));
  }

  private static void text(Document d, String text) {
    if (text != null && !text.isEmpty()) {
      d.add(new TextField(IndexFields.TEXT, text, Field.Store.NO));
    }
  }
}
