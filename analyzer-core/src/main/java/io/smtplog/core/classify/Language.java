package io.smtplog.core.classify;

import java.util.Locale;
import java.util.Optional;

/** Languages of the code catalog and of {@code explain}: English (default) and Turkish. */
public enum Language {
  EN("en", "Description", "When you see it", "How to fix", "Key differences", "When to use which"),
  TR("tr", "Açıklama", "Gördüğünüzde", "Nasıl Düzeltilir", "Temel Farklar", "Hangisini Ne Zaman Kullanmalı");

  private final String code;
  private final String description;
  private final String seen;
  private final String fix;
  private final String differences;
  private final String whichWhen;

  Language(String code, String description, String seen, String fix, String differences, String whichWhen) {
    this.code = code;
    this.description = description;
    this.seen = seen;
    this.fix = fix;
    this.differences = differences;
    this.whichWhen = whichWhen;
  }

  public String code() {
    return code;
  }

  public String descriptionHeading() {
    return description;
  }

  public String seenHeading() {
    return seen;
  }

  public String fixHeading() {
    return fix;
  }

  public String differencesHeading() {
    return differences;
  }

  public String whichWhenHeading() {
    return whichWhen;
  }

  /** Parses "en" or "tr" (any case); empty for anything else. */
  public static Optional<Language> ofCode(String code) {
    for (Language language : values()) {
      if (language.code.equals(code.toLowerCase(Locale.ROOT))) {
        return Optional.of(language);
      }
    }
    return Optional.empty();
  }
}
