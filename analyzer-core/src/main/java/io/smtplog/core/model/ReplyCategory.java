package io.smtplog.core.model;

/**
 * The second digit of an SMTP reply code (RFC 5321, section 4.2.1). RFC 5321 names x3z and x4z
 * "unspecified"; extensions use them (334, 354, 450...). Digits 6..9 are outside the grammar
 * ({@code %x30-35}) and map to {@link #UNKNOWN}.
 */
public enum ReplyCategory {
  SYNTAX(0, "Syntax"),
  INFORMATION(1, "Information"),
  CONNECTIONS(2, "Connections"),
  UNSPECIFIED_3(3, "Unspecified"),
  UNSPECIFIED_4(4, "Unspecified"),
  MAIL_SYSTEM(5, "Mail system"),
  UNKNOWN(-1, "Unknown");

  private final int digit;
  private final String displayName;

  ReplyCategory(int digit, String displayName) {
    this.digit = digit;
    this.displayName = displayName;
  }

  /** The second digit, or -1 for {@link #UNKNOWN}. */
  public int digit() {
    return digit;
  }

  public String displayName() {
    return displayName;
  }

  /** Never throws: digits outside 0..5 give {@link #UNKNOWN}. */
  public static ReplyCategory ofDigit(int digit) {
    return switch (digit) {
      case 0 -> SYNTAX;
      case 1 -> INFORMATION;
      case 2 -> CONNECTIONS;
      case 3 -> UNSPECIFIED_3;
      case 4 -> UNSPECIFIED_4;
      case 5 -> MAIL_SYSTEM;
      default -> UNKNOWN;
    };
  }
}
