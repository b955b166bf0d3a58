package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassifyAndExplainCommandTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static List<JsonNode> lines(String out) throws Exception {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : out.split("\n")) {
      nodes.add(MAPPER.readTree(line));
    }
    return nodes;
  }

  @Test
  void classify_251_hasEveryKey_andTheForwardPath() throws Exception {
    CliRun run = CliRun.run("classify", "--command", "RCPT",
        "251 2.1.5 User not local; will forward to <carol@new.example.net>");
    assertThat(run.exitCode()).isZero();
    JsonNode n = lines(run.out()).get(0);
    assertThat(n.properties()).extracting(java.util.Map.Entry::getKey).containsExactly("code", "class", "className",
        "category", "categoryName", "meaning", "tag", "forwardPath", "enhanced", "enhancedClass", "enhancedSubject",
        "enhancedDetail", "command", "text");
    assertThat(n.get("code").asInt()).isEqualTo(251);
    assertThat(n.get("class").asInt()).isEqualTo(2);
    assertThat(n.get("className").asText()).isEqualTo("Positive Completion");
    assertThat(n.get("category").asInt()).isEqualTo(5);
    assertThat(n.get("categoryName").asText()).isEqualTo("Mail system");
    assertThat(n.get("tag").asText()).isEqualTo("user-not-local-will-forward");
    assertThat(n.get("forwardPath").asText()).isEqualTo("carol@new.example.net");
    assertThat(n.get("enhanced").asText()).isEqualTo("2.1.5");
    assertThat(n.get("enhancedDetail").asText()).isEqualTo("Destination address valid");
    assertThat(n.get("command").asText()).isEqualTo("RCPT");
  }

  @Test
  void classify_fromStdin_postfixTexts_andABadLine() throws Exception {
    String input = "host mx[192.0.2.1] said: 551 5.1.6 User not local; please try <d@elsewhere.example> (in reply to"
        + " RCPT TO command)\n\n252 2.1.5 Cannot VRFY user\nnot a reply\n551 5.0.0 BDAT chunk failed\n";
    var previous = System.in;
    try {
      System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
      CliRun run = CliRun.run("classify");
      assertThat(run.exitCode()).isEqualTo(ExitCodes.PROBLEMS);
      assertThat(run.err()).contains("line 4: not an SMTP reply");
      List<JsonNode> nodes = lines(run.out());
      assertThat(nodes).hasSize(3);
      assertThat(nodes.get(0).get("tag").asText()).isEqualTo("user-not-local-try");
      assertThat(nodes.get(0).get("forwardPath").asText()).isEqualTo("d@elsewhere.example");
      assertThat(nodes.get(1).get("tag").asText()).isEqualTo("cannot-verify-will-attempt");
      assertThat(nodes.get(2).get("forwardPath").isNull()).isTrue();
    } finally {
      System.setIn(previous);
    }
    CliRun bdat = CliRun.run("classify", "--command", "BDAT", "551 5.0.0 BDAT chunk failed");
    assertThat(lines(bdat.out()).get(0).get("tag").asText()).isEqualTo("bdat-chunk-failed");
  }

  @Test
  void explain_twoCodes_inEnglishAndTurkish() {
    CliRun en = CliRun.run("explain", "250", "251");
    assertThat(en.exitCode()).isZero();
    assertThat(en.out()).contains("Both SMTP 250 and 251 belong to the 2xx Positive Completion class.")
        .contains("Key differences").contains("When to use which").contains("will forward");
    CliRun tr = CliRun.run("explain", "--lang", "tr", "250", "251");
    assertThat(tr.exitCode()).isZero();
    assertThat(tr.out()).contains("Açıklama").contains("Gördüğünüzde").contains("Nasıl Düzeltilir")
        .contains("Temel Farklar").contains("Hangisini Ne Zaman Kullanmalı");
  }

  @Test
  void explain_errors() {
    CliRun bad = CliRun.run("explain", "999");
    assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).contains("'999' is not an SMTP reply code");
    assertThat(CliRun.run("explain", "--lang", "de", "250").exitCode()).isEqualTo(ExitCodes.USAGE);
    CliRun unlisted = CliRun.run("explain", "299");
    assertThat(unlisted.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(unlisted.err()).contains("no explanation for 299");
  }

  @Test
  void explain_threeCodes_isRefusedInOneLine() {
    CliRun three = CliRun.run("explain", "250", "251", "252");
    assertThat(three.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(three.out()).isEmpty();
    assertThat(three.err()).isEqualTo("smtplog: explain takes one code, or two to compare, not 3 (250 251 252):"
        + " compare them in pairs, e.g. smtplog explain 250 251\n");
  }

  @Test
  void explain_enhancedStatusCodes_withTheRegistrysText() {
    CliRun e511 = CliRun.run("explain", "5.1.1");
    assertThat(e511.exitCode()).isZero();
    assertThat(e511.out()).startsWith("Enhanced status code 5.1.1 Bad destination mailbox address\n"
        + "Class 5 Permanent Failure, subject 1 Addressing Status (RFC 3463 section 3).\n")
        .contains("\n451, 550 (IANA registry).\n");
    CliRun e471 = CliRun.run("explain", "4.7.1");
    assertThat(e471.exitCode()).isZero();
    assertThat(e471.out()).startsWith("Enhanced status code 4.7.1 Delivery not authorized, message refused\n")
        .contains("The sender may not send to this destination");
    CliRun reply = CliRun.run("explain", "5.1.1", "550");
    assertThat(reply.exitCode()).isZero();
    assertThat(reply.out()).startsWith("SMTP 550 Requested action not taken: mailbox unavailable\n")
        .contains("\nEnhanced status code 5.1.1 ").endsWith("Together\nThe classes agree (5xx and 5.x.x).\n"
            + "The IANA registry lists X.1.1 with 550.\n");
    // A subject past 7 is defined nowhere (RFC 3463 defines 0 to 7): not called "Other or Undefined" outright.
    assertThat(CliRun.run("explain", "5.9.9").out()).startsWith("Enhanced status code 5.9.9 (not in the IANA registry)\n"
        + "Class 5 Permanent Failure, subject 9 (not defined by RFC 3463; read as Other or Undefined Status)");
    assertThat(CliRun.run("explain", "5.0.0").out()).contains("subject 0 Other or Undefined Status");
    // The same code twice is explained once.
    CliRun twice = CliRun.run("explain", "550", "550");
    assertThat(twice.exitCode()).isZero();
    assertThat(twice.out()).isEqualTo(CliRun.run("explain", "550").out());
    CliRun bad = CliRun.run("explain", "6.1.1");
    assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).isEqualTo("smtplog: '6.1.1' is not an SMTP reply code: use three digits 200..599, or an"
        + " enhanced status code such as 5.1.1 (class 2, 4 or 5)\n");
  }

  @Test
  void explain_turkishHeader_namesTheCategory() {
    CliRun tr = CliRun.run("explain", "--lang", "tr", "251");
    assertThat(tr.exitCode()).isZero();
    assertThat(tr.out()).startsWith("SMTP 251 Kullanıcı yerel değil; <yönlendirme-adresi> adresine iletilecek\n"
        + "Sınıf 2xx Olumlu Tamamlanma, kategori x5z Posta sistemi (RFC 5321 bölüm 4.2.1).\n");
    assertThat(CliRun.run("explain", "251").out()).startsWith("SMTP 251 User not local; will forward to"
        + " <forward-path>\nClass 2xx Positive Completion, category x5z Mail system (RFC 5321 section 4.2.1).\n");
  }

  @Test
  void explain_250vs251_keyDifferencesArePointByPoint() {
    CliRun run = CliRun.run("explain", "250", "251");
    String differences = run.out().substring(run.out().indexOf("Key differences\n"), run.out().indexOf("When to use"));
    assertThat(differences.lines().skip(1).map(l -> l.replaceFirst(":.*", "")))
        .containsExactly("- Class", "- Category", "- Who sends it", "- What the client does next",
            "- What the operator checks", "");
  }
}
