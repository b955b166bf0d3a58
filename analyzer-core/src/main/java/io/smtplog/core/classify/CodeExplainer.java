package io.smtplog.core.classify;

import io.smtplog.core.model.ReplyClass;
import io.smtplog.core.model.ReplyCode;
import java.util.Optional;

/**
 * Explains reply codes to people, in the shape of the project's seed page: for one code its
 * description, when you see it and how to fix it; for two codes both, then their key differences
 * and when each applies. Texts come from the {@link CodeCatalog}. Immutable and thread-safe.
 */
public final class CodeExplainer {
  private final CodeCatalog catalog;

  public CodeExplainer(CodeCatalog catalog) {
    this.catalog = catalog;
  }

  /** The explanation of one code; empty when the catalog has no entry for it. */
  public Optional<String> explain(ReplyCode code, Language language) {
    return catalog.entry(code, language).map(entry -> {
      StringBuilder sb = new StringBuilder();
      sb.append("SMTP ").append(code).append(' ').append(entry.meaning()).append('\n');
      sb.append(classLine(code, language)).append("\n\n");
      appendSections(sb, entry, language);
      return sb.toString();
    });
  }

  /** Both codes, their key differences and when each applies; empty if either is unknown. */
  public Optional<String> compare(ReplyCode first, ReplyCode second, Language language) {
    Optional<CodeCatalog.Entry> a = catalog.entry(first, language);
    Optional<CodeCatalog.Entry> b = catalog.entry(second, language);
    if (a.isEmpty() || b.isEmpty()) {
      return Optional.empty();
    }
    CodeCatalog.Entry x = a.get();
    CodeCatalog.Entry y = b.get();
    StringBuilder sb = new StringBuilder();
    sb.append("SMTP ").append(first).append(' ').append(x.meaning()).append(" vs ")
        .append(second).append(' ').append(y.meaning()).append('\n');
    sb.append(intro(x, y, language)).append("\n\n");
    sb.append("SMTP ").append(first).append('\n');
    appendSections(sb, x, language);
    sb.append('\n').append("SMTP ").append(second).append('\n');
    appendSections(sb, y, language);
    sb.append('\n').append(language.differencesHeading()).append('\n');
    sb.append("SMTP ").append(first).append(": ").append(x.description()).append('\n');
    sb.append("SMTP ").append(second).append(": ").append(y.description()).append('\n');
    sb.append(encounter(x, language)).append('\n');
    sb.append(encounter(y, language)).append('\n');
    sb.append('\n').append(language.whichWhenHeading()).append('\n');
    sb.append(forCode(x, language)).append(' ').append(forCode(y, language)).append('\n');
    return Optional.of(sb.toString());
  }

  private static void appendSections(StringBuilder sb, CodeCatalog.Entry entry, Language language) {
    sb.append(language.descriptionHeading()).append('\n').append(entry.description()).append('\n');
    sb.append(language.seenHeading()).append('\n').append(entry.seen()).append('\n');
    sb.append(language.fixHeading()).append('\n').append(entry.fix()).append('\n');
  }

  private static String classLine(ReplyCode code, Language language) {
    return switch (language) {
      case EN -> "Class " + code.value() / 100 + "xx " + code.replyClass().displayName() + ", category x"
          + code.value() / 10 % 10 + "z " + code.category().displayName() + " (RFC 5321 section 4.2.1).";
      case TR -> "Sınıf " + code.value() / 100 + "xx " + turkishClass(code.replyClass()) + ", kategori x"
          + code.value() / 10 % 10 + "z (RFC 5321 bölüm 4.2.1).";
    };
  }

  private static String intro(CodeCatalog.Entry x, CodeCatalog.Entry y, Language language) {
    ReplyClass cx = x.code().replyClass();
    ReplyClass cy = y.code().replyClass();
    String digitsX = x.code().value() / 100 + "xx";
    String digitsY = y.code().value() / 100 + "xx";
    return switch (language) {
      case EN -> (cx == cy
          ? "Both SMTP " + x.code() + " and " + y.code() + " belong to the " + digitsX + " " + cx.displayName()
              + " class. "
          : "SMTP " + x.code() + " belongs to the " + digitsX + " " + cx.displayName() + " class, SMTP " + y.code()
              + " to the " + digitsY + " " + cy.displayName() + " class. ")
          + x.code() + " means: " + x.description() + " Meanwhile, " + y.code() + " means: " + y.description();
      case TR -> (cx == cy
          ? "SMTP " + x.code() + " ve " + y.code() + " kodlarının ikisi de " + digitsX + " " + turkishClass(cx)
              + " sınıfındadır. "
          : "SMTP " + x.code() + " " + digitsX + " " + turkishClass(cx) + " sınıfında, SMTP " + y.code() + " ise "
              + digitsY + " " + turkishClass(cy) + " sınıfındadır. ")
          + x.code() + ": " + x.description() + " Buna karşılık " + y.code() + ": " + y.description();
    };
  }

  private static String encounter(CodeCatalog.Entry e, Language language) {
    return switch (language) {
      case EN -> "You encounter " + e.code() + ": " + e.seen();
      case TR -> e.code() + " kodunu şu durumda görürsünüz: " + e.seen();
    };
  }

  private static String forCode(CodeCatalog.Entry e, Language language) {
    return switch (language) {
      case EN -> "For " + e.code() + " (" + e.meaning() + "): " + e.fix();
      case TR -> e.code() + " (" + e.meaning() + ") için: " + e.fix();
    };
  }

  /** Turkish names of the reply classes (RFC 5321 section 4.2.1). */
  static String turkishClass(ReplyClass c) {
    return switch (c) {
      case POSITIVE_COMPLETION -> "Olumlu Tamamlanma";
      case POSITIVE_INTERMEDIATE -> "Olumlu Ara Yanıt";
      case TRANSIENT_NEGATIVE -> "Geçici Olumsuz";
      case PERMANENT_NEGATIVE -> "Kalıcı Olumsuz";
    };
  }
}
