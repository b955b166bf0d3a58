package io.smtplog.core.summary;

import io.smtplog.core.model.MailEvent;
import io.smtplog.core.session.MailCorrelator;
import io.smtplog.core.session.MessageOutcome;
import io.smtplog.core.session.RecipientOutcome;
import io.smtplog.core.session.ServerSession;
import io.smtplog.core.session.SmtpDialogue;
import java.util.ArrayList;
import java.util.List;

/** Several reports from one pass: everything goes to each part; their sections in order. */
public final class CompositeCollector implements SectionCollector {
  private final List<SectionCollector> parts;

  public CompositeCollector(List<SectionCollector> parts) {
    this.parts = List.copyOf(parts);
  }

  @Override
  public void accept(MailEvent event) {
    for (SectionCollector p : parts) {
      p.accept(event);
    }
  }

  @Override
  public void recipient(RecipientOutcome outcome) {
    for (SectionCollector p : parts) {
      p.recipient(outcome);
    }
  }

  @Override
  public void message(MessageOutcome message) {
    for (SectionCollector p : parts) {
      p.message(message);
    }
  }

  @Override
  public void session(ServerSession session) {
    for (SectionCollector p : parts) {
      p.session(session);
    }
  }

  @Override
  public void dialogue(SmtpDialogue dialogue) {
    for (SectionCollector p : parts) {
      if (p.wantsDialogues()) {
        p.dialogue(dialogue);
      }
    }
  }

  @Override
  public boolean wantsDialogues() {
    return parts.stream().anyMatch(SectionCollector::wantsDialogues);
  }

  @Override
  public boolean wantsMessagesAndSessions() {
    return parts.stream().anyMatch(SectionCollector::wantsMessagesAndSessions);
  }

  @Override
  public void finished(MailCorrelator correlator) {
    parts.forEach(p -> p.finished(correlator));
  }

  @Override
  public List<ReportSection> sections(int top) {
    List<ReportSection> out = new ArrayList<>();
    parts.forEach(p -> out.addAll(p.sections(top)));
    return out;
  }
}
