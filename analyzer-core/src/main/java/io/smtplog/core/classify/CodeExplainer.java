package io.smtplog.core.classify;

import io.smtplog.core.model.EnhancedStatus;
import io.smtplog.core.model.ReplyCategory;
import io.smtplog.core.model.ReplyClass;
import io.smtplog.core.model.ReplyCode;
import io.smtplog.core.model.StatusClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Explains reply codes to people, in the shape of the project's seed page: for one code its
 * description, when you see it and how to fix it; for two codes both, then their key differences
 * point by point (class, category, who sends it, what the client does next, what the operator
 * checks) and when a server sends each. Enhanced status codes (RFC 3463) are explained with the
 * IANA registry's texts, alone or beside the reply code they came with. Texts come from the
 * {@link CodeCatalog}. Immutable and thread-safe.
 */
public final class CodeExplainer {
  private final CodeCatalog catalog;
  private final Supplier<EnhancedStatusRegistry> registry;

  /** For reply codes only: explaining an enhanced status code then throws {@link IllegalStateException}. */
  public CodeExplainer(CodeCatalog catalog) {
    this(catalog, () -> {
      throw new IllegalStateException("no enhanced status registry given");
    });
  }

  /** The registry is asked for only when an enhanced status code is explained (start-up of explain 251). */
  public CodeExplainer(CodeCatalog catalog, Supplier<EnhancedStatusRegistry> registry) {
    this.catalog = catalog;
    this.registry = registry;
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

  /** Both codes, their key differences point by point and when each is sent; empty if either is unknown. */
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
    sb.append(point(Point.CLASS, language, x, y, e -> className(e.code().replyClass(), language) + " ("
        + catalog.phrase("class." + e.code().value() / 100 + ".gloss", language) + ")", true));
    sb.append(point(Point.CATEGORY, language, x, y, e -> categoryName(e.code(), language), true));
    sb.append(point(Point.SENDER, language, x, y, e -> sender(e.answers(), language), false));
    sb.append(point(Point.NEXT, language, x, y, CodeCatalog.Entry::next, false));
    sb.append(point(Point.CHECK, language, x, y, CodeCatalog.Entry::check, false));
    sb.append('\n').append(language.whichWhenHeading()).append('\n');
    sb.append("- ").append(x.use()).append('\n');
    sb.append("- ").append(y.use()).append('\n');
    return Optional.of(sb.toString());
  }

  /** The points of "Key differences", labelled in each language. */
  private enum Point {
    CLASS("Class", "Sınıf"),
    CATEGORY("Category", "Kategori"),
    SENDER("Who sends it", "Kim gönderir"),
    NEXT("What the client does next", "İstemci sonra ne yapar"),
    CHECK("What the operator checks", "Yönetici neyi kontrol eder");

    private final String english;
    private final String turkish;

    Point(String english, String turkish) {
      this.english = english;
      this.turkish = turkish;
    }

    String label(Language language) {
      return language == Language.TR ? turkish : english;
    }
  }

  /** One point for both codes: "both ..." when they agree, else each code's value. */
  private static String point(Point point, Language language, CodeCatalog.Entry x, CodeCatalog.Entry y,
      Function<CodeCatalog.Entry, String> value, boolean phrase) {
    String vx = value.apply(x);
    String vy = value.apply(y);
    String both = language == Language.TR ? "ikisi de" : "both";
    String text;
    if (vx.equals(vy)) {
      text = phrase ? both + " " + vx : both + ": " + vx;
    } else if (phrase) {
      text = language == Language.TR ? x.code() + " " + vx + "; " + y.code() + " " + vy
          : x.code() + " is " + vx + "; " + y.code() + " is " + vy;
    } else {
      text = x.code() + ": " + vx + " " + y.code() + ": " + vy;
    }
    return "- " + point.label(language) + ": " + text + (phrase ? ".\n" : "\n");
  }

  /** Who sends the reply, from the commands it answers (RFC 5321 section 4.3.2). */
  private static String sender(List<String> answers, Language language) {
    boolean greeting = answers.contains("greeting");
    List<String> commands = new ArrayList<>();
    for (String answer : answers) {
      if (!answer.equals("greeting")) {
        commands.add(switch (answer) {
          case "DATA-end" -> language == Language.TR ? "DATA'nın son noktası" : "the final dot of DATA";
          case "any" -> language == Language.TR ? "herhangi bir komut" : "any command";
          default -> answer;
        });
      }
    }
    return switch (language) {
      case EN -> "The server" + (greeting ? ", as its greeting" + (commands.isEmpty() ? "" : ", or") : "")
          + (commands.isEmpty() ? "" : (greeting ? "" : ",") + " in answer to " + list(commands, " or ")) + ".";
      case TR -> "Sunucu" + (greeting ? ", karşılama olarak" : "")
          + (commands.isEmpty() ? "" : "; yanıtladığı komutlar: " + list(commands, " veya ")) + ".";
    };
  }

  private static String list(List<String> items, String lastSeparator) {
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + lastSeparator + items.get(items.size() - 1);
  }

  /**
   * An enhanced status code (RFC 3463) with the IANA registry's name, description, the reply codes
   * it is listed with and its reference; a code the registry lacks is read by class and subject.
   */
  public String explainStatus(EnhancedStatus status, Language language) {
    Optional<EnhancedStatusRegistry.Detail> detail = registry.get().detail(status.subject(), status.detail());
    boolean tr = language == Language.TR;
    StringBuilder sb = new StringBuilder();
    sb.append(tr ? "Gelişmiş durum kodu " : "Enhanced status code ").append(status).append(' ')
        .append(detail.map(EnhancedStatusRegistry.Detail::name)
            .orElse(tr ? "(IANA kayıt defterinde yok)" : "(not in the IANA registry)")).append('\n');
    sb.append(tr ? "Sınıf " : "Class ").append(status.statusClass().digit()).append(' ')
        .append(statusClassName(status.statusClass(), language)).append(tr ? ", konu " : ", subject ")
        .append(status.subject()).append(' ').append(subjectName(status.subject(), language))
        .append(tr ? " (RFC 3463 bölüm 3).\n\n" : " (RFC 3463 section 3).\n\n");
    sb.append(language.descriptionHeading()).append(tr ? " (IANA kayıt defterinin İngilizce metni)\n" : "\n");
    if (detail.isEmpty()) {
      sb.append(tr ? "Kayıtlı değil: sınıfına ve konusuna göre okuyun (RFC 3463 bölüm 3).\n"
          : "Not registered: read it by its class and subject (RFC 3463 section 3).\n");
      return sb.toString();
    }
    EnhancedStatusRegistry.Detail d = detail.get();
    sb.append(d.description()).append('\n');
    String lowered = d.description().toLowerCase(java.util.Locale.ROOT);
    if (status.statusClass() == StatusClass.PERSISTENT_TRANSIENT_FAILURE
        && (lowered.contains("permanent only") || lowered.contains("intended for permanent"))) {
      sb.append(tr ? "Kayıt defteri X." + status.subject() + "." + status.detail() + " kodunu kalıcı hatalar için"
          + " öngörür; 4 sınıfıyla sunucu durumun geçici olduğunu söyler (gri liste, hız sınırı gibi) ve istemci"
          + " yeniden dener.\n"
          : "The registry intends X." + status.subject() + "." + status.detail() + " for permanent failures; with"
          + " class 4 the server says the condition is temporary (greylisting, a rate limit) and the client"
          + " retries.\n");
    }
    sb.append(tr ? "Birlikte geldiği yanıt kodları\n" : "Reply codes it comes with\n");
    sb.append(d.basicCodes().equalsIgnoreCase("Not given")
        ? (tr ? "Kayıt defterinde verilmemiş.\n" : "Not given in the registry.\n")
        : d.basicCodes() + (tr ? " (IANA kayıt defteri).\n" : " (IANA registry).\n"));
    sb.append(tr ? "Kaynak\n" : "Reference\n").append(d.reference()).append('\n');
    return sb.toString();
  }

  /**
   * A reply as a log shows it, {@code 550 5.1.1}: the reply code, the enhanced status code, and
   * whether they agree (class digit, RFC 3463 section 2 and RFC 2034; the registry's basic codes).
   * Empty when the catalog has no entry for the reply code.
   */
  public Optional<String> explainReply(ReplyCode code, EnhancedStatus status, Language language) {
    Optional<String> reply = explain(code, language);
    if (reply.isEmpty()) {
      return Optional.empty();
    }
    boolean tr = language == Language.TR;
    StringBuilder sb = new StringBuilder(reply.get()).append('\n').append(explainStatus(status, language));
    sb.append('\n').append(tr ? "Birlikte" : "Together").append('\n');
    int first = code.value() / 100;
    if (first == 3) {
      sb.append(tr ? "3xx yanıtlarıyla gelişmiş durum kodu gönderilmez (RFC 2034).\n"
          : "3xx replies carry no enhanced status code (RFC 2034).\n");
    } else if (first != status.statusClass().digit()) {
      sb.append(tr ? "Sınıflar uyuşmuyor: gelişmiş kodun sınıfı yanıt kodunun ilk basamağıyla aynı olmalıdır (RFC 3463"
          + " bölüm 2); önem derecesi için üç basamaklı koda güvenin: " + code + ".\n"
          : "The classes disagree: the enhanced code's class should be the reply code's first digit (RFC 3463"
          + " section 2); trust the three-digit code for severity: " + code + ".\n");
    } else {
      sb.append(tr ? "Sınıflar uyuşuyor (" + first + "xx ve " + first + ".x.x).\n"
          : "The classes agree (" + first + "xx and " + first + ".x.x).\n");
    }
    registry.get().detail(status.subject(), status.detail()).ifPresent(d -> {
      boolean listed = List.of(d.basicCodes().split("[^0-9]+")).contains(String.valueOf(code.value()));
      String x = "X." + status.subject() + "." + status.detail();
      if (d.basicCodes().equalsIgnoreCase("Not given")) {
        return;
      }
      sb.append(listed
          ? (tr ? "IANA kayıt defteri " + x + " kodunu " + code + " ile listeler.\n"
              : "The IANA registry lists " + x + " with " + code + ".\n")
          : (tr ? "IANA kayıt defteri " + x + " kodunu " + code + " ile listelemez (listelediği: " + d.basicCodes()
              + ").\n"
              : "The IANA registry does not list " + x + " with " + code + " (it lists " + d.basicCodes() + ").\n"));
    });
    return Optional.of(sb.toString());
  }

  /** Two enhanced status codes, each explained, then how they differ in class and subject. */
  public String compareStatus(EnhancedStatus first, EnhancedStatus second, Language language) {
    boolean tr = language == Language.TR;
    StringBuilder sb = new StringBuilder(explainStatus(first, language)).append('\n')
        .append(explainStatus(second, language)).append('\n').append(language.differencesHeading()).append('\n');
    String cx = first.statusClass().digit() + " " + statusClassName(first.statusClass(), language);
    String cy = second.statusClass().digit() + " " + statusClassName(second.statusClass(), language);
    String sx = first.subject() + " " + subjectName(first.subject(), language);
    String sy = second.subject() + " " + subjectName(second.subject(), language);
    String both = tr ? "ikisi de " : "both ";
    sb.append("- ").append(tr ? "Sınıf: " : "Class: ")
        .append(cx.equals(cy) ? both + cx : first + " " + cx + "; " + second + " " + cy).append(".\n");
    sb.append("- ").append(tr ? "Konu: " : "Subject: ")
        .append(sx.equals(sy) ? both + sx : first + " " + sx + "; " + second + " " + sy).append(".\n");
    return sb.toString();
  }

  private static void appendSections(StringBuilder sb, CodeCatalog.Entry entry, Language language) {
    sb.append(language.descriptionHeading()).append('\n').append(entry.description()).append('\n');
    sb.append(language.seenHeading()).append('\n').append(entry.seen()).append('\n');
    sb.append(language.fixHeading()).append('\n').append(entry.fix()).append('\n');
  }

  private static String classLine(ReplyCode code, Language language) {
    return switch (language) {
      case EN -> "Class " + className(code.replyClass(), language) + ", category " + categoryName(code, language)
          + " (RFC 5321 section 4.2.1).";
      case TR -> "Sınıf " + className(code.replyClass(), language) + ", kategori " + categoryName(code, language)
          + " (RFC 5321 bölüm 4.2.1).";
    };
  }

  /** "2xx Positive Completion", "2xx Olumlu Tamamlanma". */
  private static String className(ReplyClass c, Language language) {
    return c.digit() + "xx " + (language == Language.TR ? turkishClass(c) : c.displayName());
  }

  /** "x5z Mail system", "x5z Posta sistemi" (RFC 5321 section 4.2.1). */
  private static String categoryName(ReplyCode code, Language language) {
    ReplyCategory category = code.category();
    return "x" + code.value() / 10 % 10 + "z " + (language == Language.TR ? turkishCategory(category)
        : category.displayName());
  }

  private static String intro(CodeCatalog.Entry x, CodeCatalog.Entry y, Language language) {
    ReplyClass cx = x.code().replyClass();
    ReplyClass cy = y.code().replyClass();
    return switch (language) {
      case EN -> cx == cy
          ? "Both SMTP " + x.code() + " and " + y.code() + " belong to the " + className(cx, language) + " class."
          : "SMTP " + x.code() + " belongs to the " + className(cx, language) + " class, SMTP " + y.code()
              + " to the " + className(cy, language) + " class.";
      case TR -> cx == cy
          ? "SMTP " + x.code() + " ve " + y.code() + " kodlarının ikisi de " + className(cx, language) + " sınıfındadır."
          : "SMTP " + x.code() + " " + className(cx, language) + " sınıfında, SMTP " + y.code() + " ise "
              + className(cy, language) + " sınıfındadır.";
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

  /** Turkish names of the reply categories, as {@link ReplyCategory#displayName()} names them in English. */
  static String turkishCategory(ReplyCategory c) {
    return switch (c) {
      case SYNTAX -> "Sözdizimi";
      case INFORMATION -> "Bilgi";
      case CONNECTIONS -> "Bağlantılar";
      case UNSPECIFIED_3, UNSPECIFIED_4 -> "Belirtilmemiş";
      case MAIL_SYSTEM -> "Posta sistemi";
      case UNKNOWN -> "Bilinmeyen";
    };
  }

  private static String statusClassName(StatusClass c, Language language) {
    if (language == Language.EN) {
      return c.displayName();
    }
    return switch (c) {
      case SUCCESS -> "Başarı";
      case PERSISTENT_TRANSIENT_FAILURE -> "Süreğen Geçici Hata";
      case PERMANENT_FAILURE -> "Kalıcı Hata";
    };
  }

  /** The last subject RFC 3463 defines (section 3.8, Security or Policy Status). */
  private static final int LAST_DEFINED_SUBJECT = 7;

  /**
   * Sub-registry 2's subject names (RFC 3463 sections 3.1 to 3.8), in Turkish where asked. A subject
   * past 7 is defined nowhere: said so, then read as subject 0 is ("Other or Undefined Status").
   */
  private static String subjectName(int subject, Language language) {
    if (subject > LAST_DEFINED_SUBJECT) {
      return language == Language.TR
          ? "(RFC 3463 bu konuyu tanımlamaz; Diğer veya Tanımsız Durum gibi okunur)"
          : "(not defined by RFC 3463; read as Other or Undefined Status)";
    }
    if (language == Language.EN) {
      return EnhancedStatusRegistry.subjectName(subject);
    }
    return switch (subject) {
      case 1 -> "Adresleme Durumu";
      case 2 -> "Posta Kutusu Durumu";
      case 3 -> "Posta Sistemi Durumu";
      case 4 -> "Ağ ve Yönlendirme Durumu";
      case 5 -> "Posta Teslim Protokolü Durumu";
      case 6 -> "İleti İçeriği veya Ortam Durumu";
      case 7 -> "Güvenlik veya Politika Durumu";
      default -> "Diğer veya Tanımsız Durum";
    };
  }
}
