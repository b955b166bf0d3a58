package io.smtplog.core.model;

/** The class of an RFC 3463 enhanced status code (section 3.1). */
public enum StatusClass {
  SUCCESS(2, "Success"),
  PERSISTENT_TRANSIENT_FAILURE(4, "Persistent Transient Failure"),
  PERMANENT_FAILURE(5, "Permanent Failure");

  private final int digit;
  private final String displayName;

  StatusClass(int digit, String displayName) {
    this.digit = digit;
    this.displayName = displayName;
  }

  public int digit() {
    return digit;
  }

  public String displayName() {
    return displayName;
  }

  /** Returns null for a digit other than 2, 4 or 5. */
  static StatusClass ofDigitOrNull(int digit) {
    return switch (digit) {
      case 2 -> SUCCESS;
      case 4 -> PERSISTENT_TRANSIENT_FAILURE;
      case 5 -> PERMANENT_FAILURE;
      default -> null;
    };
  }
}
