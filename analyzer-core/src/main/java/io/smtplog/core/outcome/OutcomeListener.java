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
