package io.smtplog.core.ingest.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextCacheTest {

  /** The tag of a syslog line: after the stamp and host, up to '['. */
  private static SyslogTag tagOf(TextCache cache, String line) {
    int from = line.indexOf(' ', 16) + 1;
    return cache.tag(line, from, line.indexOf('[', from));
  }

  @Test
  void interleavedDaemons_shareTheirTags_andEachTagIsItsOwn() {
    TextCache cache = new TextCache();
    List<String> lines = List.of(
        "Dec 30 00:00:01 mx1 postfix/smtpd[1002]: connect from mail2481.client72.example[198.51.81.98]",
        "Dec 30 00:00:01 mx1 postfix/cleanup[1006]: 143E6D03920: message-id=<1767052801.143E6D03920@x.example>",
        "Dec 30 00:00:01 mx1 postfix/qmgr[900]: 143E6D03920: from=<user107992@outlook.com>, size=160212, nrcpt=1",
        "Dec 30 00:00:02 mx1 postfix/smtp[1009]: 143E6D03920: to=<user46359@gmail.com>, relay=none, delay=0.46",
        "Dec 30 00:00:02 mx1 postfix/qmgr[900]: 143E6D03920: removed",
        "Dec 30 00:00:02 mx1 dovecot[1011]: imap-login: Login: user=<user157677>, method=PLAIN",
        "Dec 30 00:00:03 mx1 postfix/smtp[1020]: 9F62526E96C: to=<user31198@gmail.com>, relay=none, delay=0.78");
    SyslogTag qmgr = tagOf(cache, lines.get(2));
    SyslogTag smtp = tagOf(cache, lines.get(3));
    assertThat(tagOf(cache, lines.get(0))).isEqualTo(new SyslogTag("postfix/smtpd", "postfix", "smtpd"));
    assertThat(tagOf(cache, lines.get(1)).program()).isEqualTo("cleanup");
    assertThat(qmgr).isEqualTo(new SyslogTag("postfix/qmgr", "postfix", "qmgr"));
    assertThat(smtp).isEqualTo(new SyslogTag("postfix/smtp", "postfix", "smtp")); // same length as qmgr
    assertThat(tagOf(cache, lines.get(4))).isSameAs(qmgr);
    assertThat(tagOf(cache, lines.get(5))).isEqualTo(new SyslogTag("dovecot", "", "dovecot"));
    assertThat(tagOf(cache, lines.get(6))).isSameAs(smtp);
  }

  @Test
  void hosts_areShared() {
    TextCache cache = new TextCache();
    String a = "Dec 30 00:00:01 mx1 postfix/smtpd[1002]: connect from x[198.51.81.98]";
    String b = "Dec 30 00:00:01 mx2 postfix/smtpd[1002]: connect from x[198.51.81.98]";
    String first = cache.text(a, 16, 19);
    assertThat(first).isEqualTo("mx1");
    assertThat(cache.text(b, 16, 19)).isEqualTo("mx2");
    assertThat(cache.text(a, 16, 19)).isSameAs(first);
  }
}
