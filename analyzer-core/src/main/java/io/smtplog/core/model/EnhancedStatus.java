package io.smtplog.core.model;

import java.util.Objects;
import java.util.Optional;

/**
 * An RFC 3463 enhanced status code such as {@code 5.1.1}: class "." subject "." detail, where
 * subject and detail have one to three digits (section 2). Immutable.
 */
public record EnhancedStatus(StatusClass statusClass, int subject, int detail) {
  public EnhancedStatus {
    Objects.requireNonNull(statusClass, "statusClass");
    if (subject < 0 || subject > 999 || detail < 0 || detail > 999) {
      throw new IllegalArgumentException("enhanced status subject and detail must be 0..999, was "
          + subject + "." + detail);
    }
  }

  /** Parses the whole of {@code text}; returns empty for anything that is not an enhanced status. */
  public static Optional<EnhancedStatus> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    return parse(text, 0, text.length());
  }

  /**
   * Returns the index just past an enhanced status starting at {@code start}, or -1 when there is
   * none there. The code must be followed by the end of the text or a non-digit, non-dot character.
   */
  public static int scanEnd(CharSequence text, int start) {
    int n = text.length();
    if (start >= n || StatusClass.ofDigitOrNull(text.charAt(start) - '0') == null) {
      return -1;
    }
    int i = start + 1;
    for (int part = 0; part < 2; part++) {
      if (i >= n || text.charAt(i) != '.') {
        return -1;
      }
      i++;
      int digits = 0;
      while (i < n && digits < 4 && isDigit(text.charAt(i))) {
        i++;
        digits++;
      }
      if (digits == 0 || digits > 3) {
        return -1;
      }
    }
    if (i < n && (isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
      return -1;
    }
    return i;
  }

  private static final int SHARED_SUBJECTS = 8;
  private static final int SHARED_DETAILS = 32;
  /** Shared instances of the registered range (subjects 0..7, details 0..31) for each class. */
  private static final Optional<EnhancedStatus>[] SHARED = shared();

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Optional<EnhancedStatus>[] shared() {
    Optional<EnhancedStatus>[] all = new Optional[3 * SHARED_SUBJECTS * SHARED_DETAILS];
    StatusClass[] classes = StatusClass.values();
    for (int c = 0; c < classes.length; c++) {
      for (int s = 0; s < SHARED_SUBJECTS; s++) {
        for (int d = 0; d < SHARED_DETAILS; d++) {
          all[(c * SHARED_SUBJECTS + s) * SHARED_DETAILS + d] = Optional.of(new EnhancedStatus(classes[c], s, d));
        }
      }
    }
    return all;
  }

  /** {@code Optional.of(new EnhancedStatus(...))}, shared for common codes: the hot path builds many. */
  public static Optional<EnhancedStatus> optionalOf(StatusClass statusClass, int subject, int detail) {
    if (subject < SHARED_SUBJECTS && detail < SHARED_DETAILS) {
      return SHARED[(statusClass.ordinal() * SHARED_SUBJECTS + subject) * SHARED_DETAILS + detail];
    }
    return Optional.of(new EnhancedStatus(statusClass, subject, detail));
  }

  /** Parses {@code text[start, end)} if it is exactly an enhanced status; empty otherwise. */
  public static Optional<EnhancedStatus> parse(CharSequence text, int start, int end) {
    return scanEnd(text, start) == end ? Optional.of(parseAt(text, start, end)) : Optional.empty();
  }

  /** Parses a span that {@link #scanEnd} accepted. */
  public static EnhancedStatus parseAt(CharSequence text, int start, int end) {
    return optionalAt(text, start, end).orElseThrow();
  }

  /** Like {@link #parseAt}, as a shared Optional. */
  public static Optional<EnhancedStatus> optionalAt(CharSequence text, int start, int end) {
    StatusClass cls = StatusClass.ofDigitOrNull(text.charAt(start) - '0');
    int i = start + 2;
    int subject = 0;
    while (text.charAt(i) != '.') {
      subject = subject * 10 + (text.charAt(i++) - '0');
    }
    i++;
    int detail = 0;
    while (i < end) {
      detail = detail * 10 + (text.charAt(i++) - '0');
    }
    return optionalOf(cls, subject, detail);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  @Override
  public String toString() {
    return statusClass.digit() + "." + subject + "." + detail;
  }
}
