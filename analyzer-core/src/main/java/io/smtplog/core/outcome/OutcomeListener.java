package io.smtplog.core.outcome;

import java.util.function.Consumer;

/**
 * Receives the outcome stream, on the correlator's thread, in input order as far as the input
 * allows (a recipient's outcome comes when its message's story ended). Dialogues are built only
 * for listeners that ask for them: they are the one costly kind.
 */
public interface OutcomeListener extends Consumer<Outcome> {

  /** True to receive every {@link SmtpDialogue} of the input, those inside server logs too. */
  default boolean wantsDialogues() {
    return false;
  }

  /**
   * True to receive outcomes of {@code kind} ({@link Attempt}, {@link MessageOutcome},
   * {@link Observation}, {@link ServerSession}, {@link RcptReply}); the correlator does not build
   * the kinds nobody wants. Recipient outcomes always come; dialogues as {@link #wantsDialogues()}
   * says. Asked once, before the first outcome.
   */
  default boolean wants(Class<? extends Outcome> kind) {
    return true;
  }

  /** A listener of {@code consumer}, with dialogues when {@code dialogues}. */
  static OutcomeListener of(Consumer<Outcome> consumer, boolean dialogues) {
    return new OutcomeListener() {
      @Override
      public void accept(Outcome outcome) {
        consumer.accept(outcome);
      }

      @Override
      public boolean wantsDialogues() {
        return dialogues;
      }
    };
  }
}
