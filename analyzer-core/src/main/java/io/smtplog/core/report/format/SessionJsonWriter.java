package io.smtplog.core.report.format;

import com.fasterxml.jackson.core.JsonGenerator;
import io.smtplog.core.classify.ReplyClassification;
import io.smtplog.core.classify.ReplyClassifier;
import io.smtplog.core.model.SmtpReply;
import io.smtplog.core.outcome.DialogueExchange;
import io.smtplog.core.outcome.SmtpDialogue;
import io.smtplog.core.report.ReportKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.ZoneId;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Writes sessions as one JSON array, streamed (Jackson's generator): a session per element as it
 * ends, so memory does not grow with the input. {@link #close()} ends the array. Not thread-safe.
 */
public final class SessionJsonWriter implements Consumer<SmtpDialogue>, AutoCloseable {
  private final JsonGenerator json;
  private final ReplyClassifier classifier;
  private final ZoneId zone;

  public SessionJsonWriter(Writer out, ReplyClassifier classifier, ZoneId zone) throws IOException {
    this.json = JsonFormat.mapper().getFactory().createGenerator(out);
    this.json.useDefaultPrettyPrinter();
    this.classifier = classifier;
    this.zone = zone;
    json.writeStartArray();
  }

  @Override
  public void accept(SmtpDialogue d) {
    try {
      write(d);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(SmtpDialogue d) throws IOException {
    json.writeStartObject();
    json.writeStringField(ReportKeys.MTA, d.mta().name().toLowerCase(Locale.ROOT));
    json.writeStringField(ReportKeys.FILE, d.first().file());
    json.writeNumberField(ReportKeys.LINE, d.first().lineNumber());
    json.writeStringField(ReportKeys.PROGRAM, d.process().tag());
    json.writeNumberField(ReportKeys.PID, d.process().pid());
    json.writeStringField(ReportKeys.PEER, d.peer().toString());
    json.writeStringField(ReportKeys.ROLE, d.role().name().toLowerCase(Locale.ROOT));
    json.writeStringField(ReportKeys.START, Cells.iso(d.start().atZone(zone).toOffsetDateTime()));
    json.writeStringField(ReportKeys.END, Cells.iso(d.end().atZone(zone).toOffsetDateTime()));
    json.writeBooleanField(ReportKeys.COMPLETE, d.complete());
    json.writeNumberField(ReportKeys.DROPPED_EXCHANGES, d.droppedExchanges());
    json.writeArrayFieldStart(ReportKeys.EXCHANGES);
    for (DialogueExchange e : d.exchanges()) {
      json.writeStartObject();
      json.writeStringField(ReportKeys.COMMAND, e.command().map(Enum::name).orElse(null));
      json.writeStringField(ReportKeys.TEXT, e.line().orElse(null));
      json.writeBooleanField(ReportKeys.TLS, e.tls());
      if (e.dataLines() > 0) {
        json.writeNumberField(ReportKeys.DATA_LINES, e.dataLines());
      }
      if (e.reply().isPresent()) {
        writeReply(e.reply().get());
      }
      json.writeStringField(ReportKeys.SOURCE, e.source().toString());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private void writeReply(SmtpReply reply) throws IOException {
    ReplyClassification c = classifier.classify(reply);
    json.writeObjectFieldStart(ReportKeys.REPLY);
    json.writeNumberField(ReportKeys.CODE, reply.code().value());
    json.writeStringField(ReportKeys.ENHANCED, reply.enhanced().map(Object::toString).orElse(null));
    json.writeStringField(ReportKeys.TEXT, reply.text());
    json.writeNumberField(ReportKeys.CLASS, c.replyClass().digit());
    json.writeNumberField(ReportKeys.CATEGORY, c.category().digit());
    json.writeStringField(ReportKeys.TAG, c.tag());
    json.writeStringField(ReportKeys.FORWARD_PATH, c.forwardPath().orElse(null));
    json.writeEndObject();
  }

  /** Ends the array and flushes; does not close the writer. */
  @Override
  public void close() throws IOException {
    json.writeEndArray();
    json.writeRaw('\n');
    json.flush();
  }
}
