package io.smtplog.core.classify;

import io.smtplog.core.model.EnhancedStatus;
import io.smtplog.core.model.ReplyCategory;
import io.smtplog.core.model.ReplyClass;
import io.smtplog.core.model.SmtpReply;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the classifier knows about one reply. Immutable.
 *
 * @param meaning the specific meaning of the code for the command it answered
 * @param tag a stable kebab-case name: "completed" for 250, "user-not-local-will-forward" for 251...
 * @param forwardPath the address a 251 or 551 reply names, without angle brackets
 * @param enhancedInfo the registry's names for the enhanced status code, when there is one
 */
public record ReplyClassification(
    SmtpReply reply, ReplyClass replyClass, ReplyCategory category, String meaning, String tag,
    Optional<String> forwardPath, Optional<EnhancedStatusInfo> enhancedInfo) {

  public ReplyClassification {
    Objects.requireNonNull(reply, "reply");
    Objects.requireNonNull(replyClass, "replyClass");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(meaning, "meaning");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(forwardPath, "forwardPath");
    Objects.requireNonNull(enhancedInfo, "enhancedInfo");
  }

  /** The registry names of an enhanced status code: class, subject and detail (RFC 3463 section 3). */
  public record EnhancedStatusInfo(EnhancedStatus status, String className, String subjectName,
      String detailName) {}
}
