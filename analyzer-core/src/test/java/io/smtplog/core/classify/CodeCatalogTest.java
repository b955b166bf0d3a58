package io.smtplog.core.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.model.ReplyCode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CodeCatalogTest {
  /** Every code of shared/reference/smtp-replies.md, sections 3.1 and 3.2. */
  static final int[] REFERENCE_CODES = {211, 214, 220, 221, 235, 250, 251, 252, 253, 334, 353, 354, 355, 421, 422, 432,
      450, 451, 452, 453, 454, 455, 458, 459, 500, 501, 502, 503, 504, 521, 523, 524, 525, 530, 534, 535, 538, 550, 551,
      552, 553, 554, 555, 556};

  private final CodeCatalog catalog = CodeCatalog.load();

  @Test
  void everyReferenceCode_hasACompleteEntryInBothLanguages() {
    for (int value : REFERENCE_CODES) {
      for (Language language : Language.values()) {
        CodeCatalog.Entry e = catalog.entry(ReplyCode.of(value), language).orElseThrow(
            () -> new AssertionError("no entry for " + value + " in " + language));
        assertThat(e.meaning()).as("%s %s meaning", value, language).isNotBlank();
        assertThat(e.description()).as("%s %s description", value, language).isNotBlank();
        assertThat(e.seen()).as("%s %s seen", value, language).isNotBlank();
        assertThat(e.fix()).as("%s %s fix", value, language).isNotBlank();
      }
    }
    assertThat(catalog.codes()).hasSize(REFERENCE_CODES.length);
  }

  @Test
  void turkishTexts_areTranslatedNotCopied() {
    for (int value : REFERENCE_CODES) {
      CodeCatalog.Entry en = catalog.entry(ReplyCode.of(value), Language.EN).orElseThrow();
      CodeCatalog.Entry tr = catalog.entry(ReplyCode.of(value), Language.TR).orElseThrow();
      assertThat(tr.description()).as("%s", value).isNotEqualTo(en.description());
      assertThat(tr.fix()).as("%s", value).isNotEqualTo(en.fix());
    }
  }

  @Test
  void tags_areStableKebabCaseAndUnique() {
    Set<String> tags = new HashSet<>();
    for (ReplyCode code : catalog.codes()) {
      String tag = catalog.entry(code, Language.EN).orElseThrow().tag();
      assertThat(tag).matches("[a-z0-9]+(-[a-z0-9]+)*");
      assertThat(tags.add(tag)).as("duplicate tag %s", tag).isTrue();
    }
    assertThat(catalog.entry(ReplyCode.of(250), Language.EN).orElseThrow().tag()).isEqualTo("completed");
    assertThat(catalog.entry(ReplyCode.of(251), Language.EN).orElseThrow().tag()).isEqualTo("user-not-local-will-forward");
    assertThat(catalog.entry(ReplyCode.of(252), Language.EN).orElseThrow().tag()).isEqualTo("cannot-verify-will-attempt");
    assertThat(catalog.entry(ReplyCode.of(551), Language.EN).orElseThrow().tag()).isEqualTo("user-not-local-try");
  }

  @Test
  void explain_oneCode_hasTheThreeSections() {
    String text = new CodeExplainer(catalog).explain(ReplyCode.of(252), Language.EN).orElseThrow();
    assertThat(text).startsWith("SMTP 252 Cannot VRFY user").contains("Description\n").contains("When you see it\n")
        .contains("How to fix\n");
  }

  @Test
  void explain_twoCodes_inTurkish_hasTheSeedHeadings() {
    String text = new CodeExplainer(catalog).compare(ReplyCode.of(250), ReplyCode.of(251), Language.TR).orElseThrow();
    assertThat(text).contains("Açıklama\n", "Gördüğünüzde\n", "Nasıl Düzeltilir\n", "Temel Farklar\n",
        "Hangisini Ne Zaman Kullanmalı\n");
    assertThat(text).contains("2xx Olumlu Tamamlanma").contains("yönlendirme adresine");
    String english = new CodeExplainer(catalog).compare(ReplyCode.of(251), ReplyCode.of(551), Language.EN).orElseThrow();
    assertThat(english).contains("belongs to the 2xx Positive Completion class, SMTP 551 to the 5xx Permanent Negative")
        .contains("Key differences").contains("When to use which");
  }
}
