package io.smtplog.core.outcome;

import java.util.ArrayList;
import java.util.List;

/** Keeps the whole outcome stream of a test, in order, with typed views of it. */
public final class Recorder implements OutcomeListener {
  private final List<Outcome> all = new ArrayList<>();
  private final boolean dialogues;

  public Recorder() {
    this(true);
  }

  public Recorder(boolean dialogues) {
    this.dialogues = dialogues;
  }

  @Override
  public void accept(Outcome outcome) {
    all.add(outcome);
  }

  @Override
  public boolean wantsDialogues() {
    return dialogues;
  }

  public List<Outcome> all() {
    return all;
  }

  /** Forgets what was recorded so far. */
  public void clear() {
    all.clear();
  }

  public List<RecipientOutcome> recipients() {
    return of(RecipientOutcome.class);
  }

  public List<MessageOutcome> messages() {
    return of(MessageOutcome.class);
  }

  public List<ServerSession> sessions() {
    return of(ServerSession.class);
  }

  public List<SmtpDialogue> dialogues() {
    return of(SmtpDialogue.class);
  }

  public List<RcptReply> rcptReplies() {
    return of(RcptReply.class);
  }

  public List<Attempt> attempts() {
    return of(Attempt.class);
  }

  public List<Observation> observations() {
    return of(Observation.class);
  }

  public <T extends Outcome> List<T> of(Class<T> kind) {
    List<T> out = new ArrayList<>();
    for (Outcome o : all) {
      if (kind.isInstance(o)) {
        out.add(kind.cast(o));
      }
    }
    return out;
  }
}
