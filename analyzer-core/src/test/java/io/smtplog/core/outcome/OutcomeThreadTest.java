package io.smtplog.core.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smtplog.core.model.DaemonMessage;
import io.smtplog.core.model.Mta;
import io.smtplog.core.model.ProcessRef;
import io.smtplog.core.model.Severity;
import io.smtplog.core.model.SourceRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutcomeThreadTest {
  private static final ProcessRef SMTPD = new ProcessRef("mx1", "postfix", "smtpd", 4711);

  /** A warning read from line {@code n} (a real Postfix warning text). */
  private static Outcome warning(long n) {
    return Observation.of(new DaemonMessage(Instant.parse("2026-11-29T13:28:45Z"), new SourceRef("mail.log", n),
        Mta.POSTFIX, SMTPD, Severity.WARNING, "hostname unknown does not resolve to address 192.0.2.7"));
  }

  @Test
  void theListenerGetsEveryOutcomeInOrder_onItsOwnThread_byTheTimeCloseReturns() {
    List<Long> lines = new ArrayList<>();
    List<String> threads = new ArrayList<>();
    OutcomeListener listener = o -> {
      lines.add(((Observation) o).event().source().lineNumber());
      threads.add(Thread.currentThread().getName());
    };
    try (OutcomeThread thread = new OutcomeThread(listener, "test-collector")) {
      for (long n = 1; n <= 5000; n++) { // several batches and a short last one
        thread.accept(warning(n));
      }
    }
    assertThat(lines).hasSize(5000);
    for (int i = 0; i < lines.size(); i++) {
      assertThat(lines.get(i)).isEqualTo(i + 1L);
    }
    assertThat(threads).containsOnly("test-collector");
  }

  @Test
  void aFailureOfTheListener_reachesTheProducer() {
    OutcomeListener failing = o -> {
      if (((Observation) o).event().source().lineNumber() == 1500) {
        throw new IllegalStateException("collector bug at line 1500");
      }
    };
    OutcomeThread thread = new OutcomeThread(failing, "test-failing");
    assertThatThrownBy(() -> {
      for (long n = 1; n <= 100_000; n++) {
        thread.accept(warning(n));
      }
      thread.close();
    }).isInstanceOf(IllegalStateException.class).hasMessage("collector bug at line 1500");
  }

  @Test
  void interestIsTheListeners() {
    OutcomeListener onlyReplies = new OutcomeListener() {
      @Override
      public void accept(Outcome outcome) {
      }

      @Override
      public boolean wants(Class<? extends Outcome> kind) {
        return kind == RcptReply.class;
      }
    };
    try (OutcomeThread thread = new OutcomeThread(onlyReplies, "test-interest")) {
      assertThat(thread.wants(RcptReply.class)).isTrue();
      assertThat(thread.wants(Attempt.class)).isFalse();
      assertThat(thread.wantsDialogues()).isFalse();
    }
  }
}
