package io.smtplog.core.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.model.EnhancedStatus;
import io.smtplog.core.model.ReplyCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 12, "Help and explain": comparisons point by point, enhanced codes, texts checked against the reference. */
class CodeExplainerTest {
  private final CodeCatalog catalog = CodeCatalog.load();
  private final CodeExplainer explainer = new CodeExplainer(catalog, EnhancedStatusRegistry::load);

  private static String section(String text, String heading, String nextHeading) {
    int start = text.indexOf(heading + "\n");
    assertThat(start).as("heading %s in %s", heading, text).isNotNegative();
    int end = nextHeading == null ? text.length() : text.indexOf("\n" + nextHeading + "\n", start);
    return text.substring(start + heading.length() + 1, end);
  }

  @Test
  void compare_250_251_isPointByPoint_withoutRepeatingTheSingleCodeSections() {
    String text = explainer.compare(ReplyCode.of(250), ReplyCode.of(251), Language.EN).orElseThrow();
    String differences = section(text, "Key differences", "When to use which");
    assertThat(differences.split("\n")).containsExactly(
        "- Class: both 2xx Positive Completion (the action is done).",
        "- Category: both x5z Mail system.",
        "- Who sends it: 250: The server, in answer to EHLO/HELO, MAIL, RCPT, the final dot of DATA, RSET, VRFY,"
            + " EXPN, NOOP or BDAT. 251: The server, in answer to RCPT or VRFY.",
        "- What the client does next: 250: Goes on with the next command. 251: Goes on: the recipient is accepted"
            + " and the message will reach the forward-path; the client may note the new address, once it trusts"
            + " the server (RFC 5321 section 7.4).",
        "- What the operator checks: 250: Nothing: this is the outcome wanted. 251: Whether the forward-path is"
            + " where the mail should go; RFC 5321 section 7.4 warns against updating addresses from it blindly.");
    String which = section(text, "When to use which", null);
    assertThat(which).startsWith("- Answer 250 when the command was done").contains("\n- Answer 251 to RCPT (or VRFY)");
    for (int code : new int[] {250, 251}) {
      CodeCatalog.Entry e = catalog.entry(ReplyCode.of(code), Language.EN).orElseThrow();
      assertThat(differences + which).doesNotContain(e.description()).doesNotContain(e.seen()).doesNotContain(e.fix());
    }
  }

  @Test
  void compare_251_551_namesTheClassesAndTheSharedSender_inBothLanguages() {
    String en = explainer.compare(ReplyCode.of(251), ReplyCode.of(551), Language.EN).orElseThrow();
    assertThat(en).contains("- Class: 251 is 2xx Positive Completion (the action is done); 551 is 5xx Permanent"
        + " Negative (not done, for good: the same command will fail again).\n")
        .contains("- Who sends it: both: The server, in answer to RCPT or VRFY.\n")
        .contains("551: Gives up on this recipient; it may send again to the forward-path named in the text");
    String tr = explainer.compare(ReplyCode.of(251), ReplyCode.of(551), Language.TR).orElseThrow();
    assertThat(tr).contains("Temel Farklar\n- Sınıf: 251 2xx Olumlu Tamamlanma (işlem yapıldı); 551 5xx Kalıcı"
        + " Olumsuz (kalıcı olarak yapılmadı: aynı komut yine başarısız olur).\n")
        .contains("- Kategori: ikisi de x5z Posta sistemi.\n")
        .contains("- Kim gönderir: ikisi de: Sunucu; yanıtladığı komutlar: RCPT veya VRFY.\n")
        .contains("Hangisini Ne Zaman Kullanmalı\n- Alıcı kabul edilip iletilecekse");
  }

  @Test
  void headers_nameTheCategory_inTurkishAsInEnglish_forEveryCode() {
    Map<String, String> turkish = Map.of("Syntax", "Sözdizimi", "Information", "Bilgi", "Connections", "Bağlantılar",
        "Unspecified", "Belirtilmemiş", "Mail system", "Posta sistemi");
    for (ReplyCode code : catalog.codes()) {
      String en = explainer.explain(code, Language.EN).orElseThrow().split("\n")[1];
      String tr = explainer.explain(code, Language.TR).orElseThrow().split("\n")[1];
      String digits = "x" + code.value() / 10 % 10 + "z ";
      String category = code.category().displayName();
      assertThat(en).as("%s", code).contains(", category " + digits + category + " (RFC 5321 section 4.2.1).");
      assertThat(tr).as("%s", code).contains(", kategori " + digits + turkish.get(category) + " (RFC 5321 bölüm 4.2.1).");
    }
  }

  /** RFC 5321 section 4.3.2 (shared/reference/smtp-replies.md, sections 3.1 and 4). */
  @Test
  void whatEachCodeAnswers_isTheReferenceTable() {
    Map<Integer, List<String>> expected = Map.of(220, List.of("greeting", "STARTTLS"), 221, List.of("QUIT"),
        251, List.of("RCPT", "VRFY"), 252, List.of("VRFY", "EXPN"), 354, List.of("DATA"), 551, List.of("RCPT", "VRFY"),
        553, List.of("MAIL", "RCPT", "VRFY"), 555, List.of("MAIL", "RCPT"));
    expected.forEach((code, answers) ->
        assertThat(catalog.entry(ReplyCode.of(code), Language.EN).orElseThrow().answers()).as("%s", code)
            .isEqualTo(answers));
    assertThat(catalog.entry(ReplyCode.of(250), Language.EN).orElseThrow().answers())
        .contains("EHLO/HELO", "MAIL", "RCPT", "DATA-end", "RSET", "VRFY", "EXPN", "NOOP").doesNotContain("greeting");
    for (ReplyCode code : catalog.codes()) {
      for (Language language : Language.values()) {
        CodeCatalog.Entry e = catalog.entry(code, language).orElseThrow();
        assertThat(e.answers()).as("%s answers", code).isNotEmpty();
        assertThat(e.use()).as("%s %s use", code, language).isNotBlank().contains(String.valueOf(code.value()));
        assertThat(e.next()).as("%s %s next", code, language).isNotBlank();
        assertThat(e.check()).as("%s %s check", code, language).isNotBlank();
      }
    }
  }

  /** The greeting is 220 (or a refusal: 554, 521); 250 follows a command (RFC 5321 sections 3.1, 4.3.2). */
  @Test
  void onlyGreetingCodes_areSaidToBeTheGreeting_inBothLanguages() {
    for (ReplyCode code : catalog.codes()) {
      boolean greeting = catalog.entry(code, Language.EN).orElseThrow().answers().contains("greeting");
      for (Language language : Language.values()) {
        CodeCatalog.Entry e = catalog.entry(code, language).orElseThrow();
        // What other codes are named with ("after a 554 greeting", "greets with 220") is not about this code.
        String own = (e.description() + " " + e.seen()).replaceAll("\\d{3} (greeting|karşılama\\w*)", "")
            .replace("Not as the greeting: the server greets with 220.", "")
            .replace("Karşılama olarak gelmez: sunucu 220 ile karşılar.", "").toLowerCase(java.util.Locale.ROOT);
        if (!greeting) {
          assertThat(own).as("%s %s", code, language).doesNotContain("greeting").doesNotContain("karşılama");
        }
      }
    }
    assertThat(catalog.entry(ReplyCode.of(250), Language.EN).orElseThrow().seen())
        .contains("Not as the greeting: the server greets with 220.");
    assertThat(catalog.entry(ReplyCode.of(220), Language.TR).orElseThrow().seen()).contains("karşılama olarak");
  }

  /** RFC 5321 sections 3.4, 3.5.3, 7.4: 251 accepts and forwards, 551 refuses, 252 verifies nothing. */
  @Test
  void forwardAndVerifyTexts_sayWhatTheRfcSays() {
    CodeCatalog.Entry e251 = catalog.entry(ReplyCode.of(251), Language.EN).orElseThrow();
    assertThat(e251.description()).contains("The recipient is accepted").contains("forward-path").contains("success");
    assertThat(e251.fix()).contains("only once you trust the server (RFC 5321 section 7.4)");
    assertThat(catalog.entry(ReplyCode.of(251), Language.TR).orElseThrow().description())
        .contains("Alıcı kabul edildi").contains("yönlendirme adresine");
    assertThat(catalog.entry(ReplyCode.of(551), Language.EN).orElseThrow().description())
        .contains("will not forward").contains("Nothing was accepted");
    assertThat(catalog.entry(ReplyCode.of(551), Language.TR).orElseThrow().description())
        .contains("iletmeyecektir").contains("Hiçbir şey kabul edilmedi");
    CodeCatalog.Entry e252 = catalog.entry(ReplyCode.of(252), Language.EN).orElseThrow();
    assertThat(e252.description()).contains("not a confirmation");
    assertThat(e252.seen()).contains("After VRFY or EXPN").doesNotContain("after RCPT");
    assertThat(catalog.entry(ReplyCode.of(252), Language.TR).orElseThrow().seen()).doesNotContain("RCPT");
  }

  @Test
  void enhancedStatus_isTheRegistrysText() {
    String e511 = explainer.explainStatus(EnhancedStatus.parse("5.1.1").orElseThrow(), Language.EN);
    assertThat(e511).startsWith("Enhanced status code 5.1.1 Bad destination mailbox address\n"
        + "Class 5 Permanent Failure, subject 1 Addressing Status (RFC 3463 section 3).\n\nDescription\n"
        + "The destination mailbox does not exist; for Internet addresses the local part (left of '@') is wrong."
        + " Intended for permanent failures.\nReply codes it comes with\n451, 550 (IANA registry).\n");
    String e471 = explainer.explainStatus(EnhancedStatus.parse("4.7.1").orElseThrow(), Language.EN);
    assertThat(e471).startsWith("Enhanced status code 4.7.1 Delivery not authorized, message refused\n"
        + "Class 4 Persistent Transient Failure, subject 7 Security or Policy Status")
        .contains("with class 4 the server says the condition is temporary");
    assertThat(explainer.explainStatus(EnhancedStatus.parse("5.1.99").orElseThrow(), Language.EN))
        .startsWith("Enhanced status code 5.1.99 (not in the IANA registry)\n").contains("Not registered");
    assertThat(explainer.explainStatus(EnhancedStatus.parse("5.1.1").orElseThrow(), Language.TR))
        .startsWith("Gelişmiş durum kodu 5.1.1 Bad destination mailbox address\n"
            + "Sınıf 5 Kalıcı Hata, konu 1 Adresleme Durumu (RFC 3463 bölüm 3).");
  }

  @Test
  void replyWithEnhancedStatus_saysWhetherTheyAgree() {
    EnhancedStatus s511 = EnhancedStatus.parse("5.1.1").orElseThrow();
    String agree = explainer.explainReply(ReplyCode.of(550), s511, Language.EN).orElseThrow();
    assertThat(section(agree, "Together", null))
        .isEqualTo("The classes agree (5xx and 5.x.x).\nThe IANA registry lists X.1.1 with 550.\n");
    String disagree = explainer.explainReply(ReplyCode.of(250), s511, Language.EN).orElseThrow();
    assertThat(section(disagree, "Together", null)).startsWith("The classes disagree")
        .contains("The IANA registry does not list X.1.1 with 250 (it lists 451, 550).");
  }

  /**
   * A 5xx to a command that carries no message (EHLO, VRFY, HELP, AUTH) bounces nothing: the class's
   * "the sender gets a bounce" is wrong there. 500 and 502 to EHLO: the client falls back to HELO (RFC
   * 5321 section 3.2); 504: another mechanism; 535: Postfix defers (smtp_sasl_auth_soft_bounce=yes).
   */
  @Test
  void whatTheClientDoesNext_afterARefusedCommandThatCarriesNoMessage_isNoBounce() {
    String classNext = catalog.entry(ReplyCode.of(550), Language.EN).orElseThrow().next();
    assertThat(classNext).contains("the sender gets a bounce");
    for (int code : List.of(500, 502, 504, 535)) {
      assertThat(catalog.entry(ReplyCode.of(code), Language.EN).orElseThrow().next()).as("%s", code)
          .doesNotContain("gets a bounce");
      assertThat(catalog.entry(ReplyCode.of(code), Language.TR).orElseThrow().next()).as("%s tr", code)
          .doesNotContain("geri dönüş alır");
    }
    assertThat(catalog.entry(ReplyCode.of(502), Language.EN).orElseThrow().next()).contains("HELO instead of EHLO");
    assertThat(catalog.entry(ReplyCode.of(535), Language.EN).orElseThrow().next()).contains("queued");
    String compared = explainer.compare(ReplyCode.of(250), ReplyCode.of(502), Language.EN).orElseThrow();
    assertThat(section(compared, "Key differences", "When to use which"))
        .contains("502: Goes on without the command: HELO instead of EHLO");
  }
}
