package io.smtplog.core.model;

/** The first digit of an SMTP reply code (RFC 5321, section 4.2.1). */
public enum ReplyClass {
  POSITIVE_COMPLETION(2, "Positive Completion"),
  POSITIVE_INTERMEDIATE(3, "Positive Intermediate"),
  TRANSIENT_NEGATIVE(4, "Transient Negative"),
  PERMANENT_NEGATIVE(5, "Permanent Negative");

  private final int digit;
  private final String displayName;

  ReplyClass(int digit, String displayName) {
    this.digit = digit;
    this.displayName = displayName;
  }

  public int digit() {
    return digit;
  }

  /** The RFC 5321 name, e.g. "Positive Completion". */
  public String displayName() {
    return displayName;
  }

  /** Returns the class for a first digit 2..5; throws {@link IllegalArgumentException} otherwise. */
  public static ReplyClass ofDigit(int digit) {
    return switch (digit) {
      case 2 -> POSITIVE_COMPLETION;
      case 3 -> POSITIVE_INTERMEDIATE;
      case 4 -> TRANSIENT_NEGATIVE;
      case 5 -> PERMANENT_NEGATIVE;
      default -> throw new IllegalArgumentException("SMTP reply class digit must be 2..5, was " + digit);
    };
  }
}
