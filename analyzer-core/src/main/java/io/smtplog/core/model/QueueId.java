package io.smtplog.core.model;

import java.util.Objects;

/** A mail server's queue or message id (Postfix "4BxQ2k0fJmz9v", Exim "1pBq3c-0001Xy-Ab"). Immutable. */
public record QueueId(String value) {
  public QueueId {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("queue id must not be empty");
    }
    value.hashCode(); // String caches it: computed here, on the parser thread, not in correlation
  }

  // Hand-written: queue ids are the hottest hash key of correlation.
  @Override
  public boolean equals(Object other) {
    return other instanceof QueueId id && value.equals(id.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
