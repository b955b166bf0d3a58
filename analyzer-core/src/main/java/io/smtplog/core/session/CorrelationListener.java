package io.smtplog.core.session;

/**
 * Receives what {@link MailCorrelator} puts together: each recipient's outcome, then the message
 * it belongs to, and each server session when it ends. Called on the correlator's thread, in input
 * order. Only {@link #recipient} is required.
 */
public interface CorrelationListener {
  void recipient(RecipientOutcome outcome);

  /** A message whose story ended (removed, evicted from a full table, or open at the end of input). */
  default void message(MessageOutcome message) {}

  /** A server session that ended (disconnect, or open at the end of input). */
  default void session(ServerSession session) {}

  /** An SMTP dialogue that ended (QUIT, close, or open at the end of input); only if {@link #wantsDialogues()}. */
  default void dialogue(SmtpDialogue dialogue) {}

  /** True to receive every SMTP dialogue of the input, those inside server logs too. */
  default boolean wantsDialogues() {
    return false;
  }

  /** False when only {@link #recipient} matters: the correlator then builds no message or session records. */
  default boolean wantsMessagesAndSessions() {
    return true;
  }

  /** A listener of recipient outcomes only (what the relay report needs). */
  static CorrelationListener recipientsOnly(java.util.function.Consumer<RecipientOutcome> recipients) {
    return new CorrelationListener() {
      @Override
      public void recipient(RecipientOutcome outcome) {
        recipients.accept(outcome);
      }

      @Override
      public boolean wantsMessagesAndSessions() {
        return false;
      }
    };
  }

  /** A listener of SMTP dialogues only (what {@code smtplog sessions} needs): every dialogue of the input. */
  static CorrelationListener dialoguesOnly(java.util.function.Consumer<SmtpDialogue> dialogues) {
    return new CorrelationListener() {
      @Override
      public void recipient(RecipientOutcome outcome) {
        // dialogues only
      }

      @Override
      public void dialogue(SmtpDialogue dialogue) {
        dialogues.accept(dialogue);
      }

      @Override
      public boolean wantsDialogues() {
        return true;
      }

      @Override
      public boolean wantsMessagesAndSessions() {
        return false;
      }
    };
  }
}
