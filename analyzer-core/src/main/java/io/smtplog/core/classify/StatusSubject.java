package io.smtplog.core.classify;

import io.smtplog.core.model.EnhancedStatus;
import java.util.Locale;
import java.util.Optional;

/**
 * The subject of an RFC 3463 enhanced status code (sub-registry 2, sections 3.1 to 3.8): what kind
 * of thing a reply is about. A subject past 7 is "Other or Undefined Status" (section 3), as the
 * registry names it.
 */
public enum StatusSubject {
  /** X.0.X, section 3.1, and any subject not registered. */
  OTHER("Other or Undefined Status"),
  /** X.1.X, section 3.2: the originator or destination address. */
  ADDRESSING("Addressing Status"),
  /** X.2.X, section 3.3: the destination mailbox. */
  MAILBOX("Mailbox Status"),
  /** X.3.X, section 3.4: the destination mail system. */
  MAIL_SYSTEM("Mail System Status"),
  /** X.4.X, section 3.5: the network or routing. */
  NETWORK("Network and Routing Status"),
  /** X.5.X, section 3.6: the mail delivery protocol. */
  PROTOCOL("Mail Delivery Protocol Status"),
  /** X.6.X, section 3.7: the message content or media. */
  CONTENT("Message Content or Media Status"),
  /** X.7.X, section 3.8: security or policy. */
  POLICY("Security or Policy Status");

  private static final StatusSubject[] BY_NUMBER = values();

  private final String displayName;

  StatusSubject(String displayName) {
    this.displayName = displayName;
  }

  /** The registry's name, e.g. "Mailbox Status". */
  public String displayName() {
    return displayName;
  }

  /** The lower-case name used as a key or label value: "mail_system". */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The subject numbered {@code subject}; {@link #OTHER} for one not registered. */
  public static StatusSubject of(int subject) {
    return subject >= 0 && subject < BY_NUMBER.length ? BY_NUMBER[subject] : OTHER;
  }

  /** The subject of {@code status}; {@link #OTHER} without one (a reply with no enhanced code). */
  public static StatusSubject of(Optional<EnhancedStatus> status) {
    return status.map(s -> of(s.subject())).orElse(OTHER);
  }
}
