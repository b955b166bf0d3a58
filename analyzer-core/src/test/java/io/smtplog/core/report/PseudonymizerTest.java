package io.smtplog.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.model.Peer;
import org.junit.jupiter.api.Test;

/** Issue 11, section 4: what the pseudonymizer finds in free text, with lines of the samples. */
class PseudonymizerTest {
  private final Pseudonymizer key = Pseudonymizer.withKey("correct horse battery", true);
  private final Pseudonymizer localsOnly = Pseudonymizer.withKey("correct horse battery", false);

  @Test
  void hostsAreFoundByWhereTheTextPutsThem_whateverTheirShape() {
    // postfix-smtpd-check.log, a deferral ("mx.x": a one-letter label is no domain in prose).
    assertThat(key.text("connect to mx.x[192.0.2.1]:25: Connection refused"))
        .isEqualTo("connect to " + key.domain("mx.x") + "[192.0.2.1]:25: Connection refused");
    assertThat(key.text("RCPT from localhost[127.0.0.1]: 504 5.5.2 <WIN-9QL4SDRB93L>: Helo command rejected: need"
        + " fully-qualified hostname; from=<a@b.example.org> to=<c@d.example.org> proto=ESMTP helo=<foo.>"))
        .isEqualTo("RCPT from " + key.domain("localhost") + "[127.0.0.1]: 504 5.5.2 <" + key.domain("win-9ql4sdrb93l")
            + ">: Helo command rejected: need fully-qualified hostname; from=<" + key.address("a@b.example.org")
            + "> to=<" + key.address("c@d.example.org") + "> proto=ESMTP helo=<" + key.domain("foo") + ".>");
    // Exim: H=host (helo) [ip], and the greeting that repeats the HELO name.
    assertThat(key.text("H=mail (test) [10.0.0.1] F=<>")).isEqualTo("H=" + key.domain("mail") + " ("
        + key.domain("test") + ") [10.0.0.1] F=<>");
    assertThat(key.text("250 mx.example.com Hello test [10.9.8.7]")).isEqualTo("250 " + key.domain("mx.example.com")
        + " Hello " + key.domain("test") + " [10.9.8.7]");
    assertThat(key.text("EHLO client")).isEqualTo("EHLO " + key.domain("client"));
  }

  @Test
  void whatIsNoNameStays() {
    assertThat(key.text("connect from unknown[192.0.2.7]")).isEqualTo("connect from unknown[192.0.2.7]");
    assertThat(key.text("Postfix-like tag without \"/program\": postfix1[12345]")).doesNotContain("example");
    assertThat(key.text("250 2.1.5 Ok, 4.2.1 and Python SMTP 1.4.3"))
        .isEqualTo("250 2.1.5 Ok, 4.2.1 and Python SMTP 1.4.3");
    assertThat(key.text("connect from 192.0.2.1[192.0.2.1]"))
        .isEqualTo("connect from 192.0.2.1[192.0.2.1]"); // IPs stay
  }

  @Test
  void domainsAsLogsWriteThem_andIpAddressesAsTheDocsPromise() {
    // postfix-smtpd-check.log: a test domain with an underscore, that looks like a version.
    assertThat(key.text("554 5.1.7 <bob@4.1.1_dsn>: Sender address rejected"))
        .isEqualTo("554 5.1.7 <" + key.address("bob@4.1.1_dsn") + ">: Sender address rejected");
    assertThat(key.address("bob@4.1.1_dsn")).matches("u[0-9a-f]{10}@d[0-9a-f]{10}\\.example");
    assertThat(key.domain("192.0.2.1")).isEqualTo("192.0.2.1");
    assertThat(key.domain("2001:db8::1")).isEqualTo("2001:db8::1");
    assertThat(key.host("mx1")).isEqualTo(key.domain("mx1"));
    assertThat(key.host("mx.example.com[192.0.2.1]:25")).isEqualTo(key.domain("mx.example.com") + "[192.0.2.1]:25");
    assertThat(key.host("(none)")).isEqualTo("(none)");
  }

  @Test
  void localParts_inPathsRepliesAndCutExcerpts() {
    String bob = "u" + key.address("bob@x").substring(1, 11);
    assertThat(localsOnly.text("to=<bob>, relay=local")).isEqualTo("to=<" + bob + ">, relay=local");
    assertThat(localsOnly.text("RCPT TO:<Bob>")).isEqualTo("RCPT TO:<" + bob + ">");
    // postfix-smtpd-check.log: RCPT TO:<foo> refused by smtpd's checks.
    assertThat(localsOnly.text("504 5.5.2 <bob>: Recipient address rejected: need fully-qualified address"))
        .isEqualTo("504 5.5.2 <" + bob + ">: Recipient address rejected: need fully-qualified address");
    assertThat(localsOnly.text("550 <bob@example.com> is unavailable: bob's not here"))
        .isEqualTo("550 <" + bob + "@example.com> is unavailable: " + bob + "'s not here");
    assertThat(localsOnly.text("... from=<bob@\u2026")).isEqualTo("... from=<" + bob + "@\u2026");
  }

  @Test
  void applyingItTwice_changesNothing_andTheSameNameGetsTheSamePseudonymEverywhere() {
    String line = "Dec  1 19:56:29 mx1 postfix/smtp[1]: 5E3D: to=<bob@example.com>, relay=mx.example.com[192.0.2.9]:25,"
        + " status=deferred (host mx.example.com[192.0.2.9] said: 450 4.7.1 <bob@example.com>: try later)";
    String once = key.logLine(line);
    assertThat(key.logLine(once)).isEqualTo(once);
    assertThat(once).startsWith("Dec  1 19:56:29 " + key.domain("mx1") + " postfix/smtp[1]: ")
        .contains("to=<" + key.address("bob@example.com") + ">")
        .contains("relay=" + key.peer(new Peer("mx.example.com", "192.0.2.9", 25)))
        .doesNotContain("bob").doesNotContain("example.com");
  }
}
