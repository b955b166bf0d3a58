package io.smtplog.core.model;

/** A three-digit SMTP reply code (RFC 5321, section 4.2). Immutable; validated on construction. */
public record ReplyCode(int value) implements Comparable<ReplyCode> {
  private static final ReplyCode[] CACHE = new ReplyCode[600];

  static {
    for (int i = 200; i < 600; i++) {
      CACHE[i] = new ReplyCode(i);
    }
  }

  public ReplyCode {
    if (value < 200 || value > 599) {
      throw new IllegalArgumentException("SMTP reply code must be 200..599, was " + value);
    }
  }

  /** Returns the shared instance for {@code value}; throws like the constructor for bad values. */
  public static ReplyCode of(int value) {
    if (value < 200 || value > 599) {
      throw new IllegalArgumentException("SMTP reply code must be 200..599, was " + value);
    }
    return CACHE[value];
  }

  /** True for three ASCII digits whose value is 200..599. */
  public static boolean isValid(CharSequence text, int start) {
    if (text.length() < start + 3) {
      return false;
    }
    char a = text.charAt(start);
    char b = text.charAt(start + 1);
    char c = text.charAt(start + 2);
    return a >= '2' && a <= '5' && b >= '0' && b <= '9' && c >= '0' && c <= '9';
  }

  public ReplyClass replyClass() {
    return ReplyClass.ofDigit(value / 100);
  }

  public ReplyCategory category() {
    return ReplyCategory.ofDigit(value / 10 % 10);
  }

  public boolean isPositive() {
    return value < 400;
  }

  public boolean isTransientFailure() {
    return value >= 400 && value < 500;
  }

  public boolean isPermanentFailure() {
    return value >= 500;
  }

  @Override
  public int compareTo(ReplyCode other) {
    return Integer.compare(value, other.value);
  }

  @Override
  public String toString() {
    return Integer.toString(value);
  }
}
