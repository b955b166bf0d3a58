package io.smtplog.core.report.format;

import io.smtplog.core.classify.ReplyClassification;
import io.smtplog.core.classify.ReplyClassifier;
import io.smtplog.core.model.SmtpCommand;
import io.smtplog.core.model.SmtpReply;
import io.smtplog.core.outcome.DialogueExchange;
import io.smtplog.core.outcome.SmtpDialogue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

/**
 * Prints sessions in one notation whatever the source (RFC 5321 style, transcript-formats reference
 * section 2): a "#" header line, "C: " for what the client sent, "S: " for each reply line with
 * the reply's classification after the last line ("# completed", "# user-not-local-will-forward
 * &lt;bob@example.net&gt;"), "-- TLS --" where STARTTLS took effect, and the message data as one
 * summary line. Log-derived text has its control characters replaced. Not thread-safe.
 */
public final class SessionTextWriter implements Consumer<SmtpDialogue> {
  private final Writer out;
  private final ReplyClassifier classifier;
  private final ZoneId zone;
  private int count;

  public SessionTextWriter(Writer out, ReplyClassifier classifier, ZoneId zone) {
    this.out = out;
    this.classifier = classifier;
    this.zone = zone;
  }

  @Override
  public void accept(SmtpDialogue d) {
    try {
      write(d);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int count() {
    return count;
  }

  private void write(SmtpDialogue d) throws IOException {
    StringBuilder sb = new StringBuilder(256);
    if (count++ > 0) {
      sb.append('\n');
    }
    sb.append("# session ").append(count).append(" · ").append(d.mta().name().toLowerCase(java.util.Locale.ROOT))
        .append(' ').append(d.process().tag()).append(" · ").append(clean(d.first().toString())).append(" · ")
        .append(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(d.start().atZone(zone).toOffsetDateTime()));
    if (!d.peer().hostname().equals("unknown") || !d.peer().address().isEmpty()) {
      sb.append(" · peer ").append(clean(d.peer().address().isEmpty() ? d.peer().hostname() : d.peer().toString()));
    }
    sb.append(" · ").append(d.role().name().toLowerCase(java.util.Locale.ROOT)).append(" side");
    sb.append(d.complete() ? " · closed" : " · not closed in the input");
    if (d.droppedExchanges() > 0) {
      sb.append(" · ").append(d.droppedExchanges()).append(" exchanges not kept");
    }
    sb.append('\n');
    boolean tls = false;
    for (DialogueExchange e : d.exchanges()) {
      if (e.tls() && !tls) {
        sb.append("-- TLS --\n");
        tls = true;
      }
      SmtpCommand command = e.command().orElse(null);
      if (command == SmtpCommand.DATA_END) {
        if (e.dataLines() == 0) {
          sb.append("C: (message data not shown)\nC: .\n");
        } else {
          sb.append("C: (").append(e.dataLines()).append(e.dataLines() == 1 ? " line" : " lines")
              .append(" of message data)\nC: .\n");
        }
      } else if (e.line().isPresent()) {
        sb.append("C: ").append(clean(e.line().get())).append('\n');
        if (command == SmtpCommand.BDAT && e.dataLines() > 0) {
          sb.append("C: (").append(e.dataLines()).append(" lines of chunk data)\n");
        }
      }
      if (e.reply().isPresent()) {
        appendReply(sb, e.reply().get());
      }
    }
    out.write(sb.toString());
  }

  private void appendReply(StringBuilder sb, SmtpReply reply) {
    String[] lines = reply.text().isEmpty() ? new String[] {""} : reply.text().split("\n", -1);
    String enhanced = reply.enhanced().map(s -> s + " ").orElse("");
    for (int i = 0; i < lines.length; i++) {
      boolean last = i == lines.length - 1;
      sb.append("S: ").append(reply.code().value()).append(last ? ' ' : '-').append(enhanced)
          .append(clean(lines[i]));
      if (last) {
        ReplyClassification c = classifier.classify(reply);
        sb.append("   # ").append(c.tag());
        c.forwardPath().ifPresent(p -> sb.append(" <").append(clean(p)).append('>'));
      }
      sb.append('\n');
    }
  }

  private static String clean(String text) {
    return SafeText.stripControls(text);
  }
}
