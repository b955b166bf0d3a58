package io.smtplog.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.model.ProcessRef;
import org.junit.jupiter.api.Test;

class RecentProcessesTest {

  @Test
  void linesOfOneProcess_shareOneRef() {
    RecentProcesses processes = new RecentProcesses();
    // "Dec 30 00:00:01 mx1 postfix/smtpd[1002]: connect from ..." and the session's later lines
    ProcessRef a = processes.of("mx1", "postfix", "smtpd", 1002);
    ProcessRef other = processes.of("mx1", "postfix", "cleanup", 1006);
    ProcessRef b = processes.of(new String("mx1"), "postfix", "smtpd", 1002); // equal, not the same string
    assertThat(b).isSameAs(a);
    assertThat(other).isNotEqualTo(a);
    assertThat(processes.of("mx1", "postfix", "cleanup", 1006)).isSameAs(other);
  }

  @Test
  void anyDifferentField_isAnotherProcess() {
    RecentProcesses processes = new RecentProcesses();
    ProcessRef smtpd = processes.of("mx1", "postfix", "smtpd", 1002);
    assertThat(processes.of("mx2", "postfix", "smtpd", 1002)).isEqualTo(new ProcessRef("mx2", "postfix", "smtpd", 1002));
    assertThat(processes.of("mx1", "postfix/submission", "smtpd", 1002))
        .isEqualTo(new ProcessRef("mx1", "postfix/submission", "smtpd", 1002));
    assertThat(processes.of("mx1", "postfix", "smtp", 1002)).isEqualTo(new ProcessRef("mx1", "postfix", "smtp", 1002));
    assertThat(processes.of("mx1", "postfix", "smtpd", 1003)).isEqualTo(new ProcessRef("mx1", "postfix", "smtpd", 1003));
    assertThat(smtpd).isEqualTo(new ProcessRef("mx1", "postfix", "smtpd", 1002));
  }

  @Test
  void manyProcesses_collide_butEachRefIsRight() {
    RecentProcesses processes = new RecentProcesses();
    for (int round = 0; round < 2; round++) {
      for (long pid = -1; pid < 5000; pid++) {
        ProcessRef p = processes.of("", "", "exim", pid);
        assertThat(p.pid()).isEqualTo(pid);
        assertThat(p.program()).isEqualTo("exim");
      }
    }
  }
}
