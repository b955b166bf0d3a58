package io.smtplog.core.report.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smtplog.core.classify.ReplyClassification;
import io.smtplog.core.model.ReplyCategory;
import io.smtplog.core.model.SmtpCommand;
import io.smtplog.core.report.ReportKeys;
import java.io.UncheckedIOException;

/** One classified reply as a JSON object with the keys of {@code smtplog classify}. */
public final class ClassificationJson {
  private static final ObjectMapper COMPACT = new ObjectMapper();

  private ClassificationJson() {}

  public static ObjectNode tree(ReplyClassification c) {
    ObjectNode node = COMPACT.createObjectNode();
    node.put(ReportKeys.CODE, c.reply().code().value());
    node.put(ReportKeys.CLASS, c.replyClass().digit());
    node.put(ReportKeys.CLASS_NAME, c.replyClass().displayName());
    if (c.category() == ReplyCategory.UNKNOWN) {
      node.putNull(ReportKeys.CATEGORY);
    } else {
      node.put(ReportKeys.CATEGORY, c.category().digit());
    }
    node.put(ReportKeys.CATEGORY_NAME, c.category().displayName());
    node.put(ReportKeys.MEANING, c.meaning());
    node.put(ReportKeys.TAG, c.tag());
    putOptional(node, ReportKeys.FORWARD_PATH, c.forwardPath().orElse(null));
    putOptional(node, ReportKeys.ENHANCED, c.enhancedInfo().map(e -> e.status().toString()).orElse(null));
    putOptional(node, ReportKeys.ENHANCED_CLASS, c.enhancedInfo().map(e -> e.className()).orElse(null));
    putOptional(node, ReportKeys.ENHANCED_SUBJECT, c.enhancedInfo().map(e -> e.subjectName()).orElse(null));
    putOptional(node, ReportKeys.ENHANCED_DETAIL, c.enhancedInfo().map(e -> e.detailName()).orElse(null));
    putOptional(node, ReportKeys.COMMAND, c.reply().command().map(SmtpCommand::wireName).orElse(null));
    node.put(ReportKeys.TEXT, c.reply().text());
    return node;
  }

  /** The object on one line, as NDJSON. */
  public static String line(ReplyClassification c) {
    try {
      return COMPACT.writeValueAsString(tree(c));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void putOptional(ObjectNode node, String key, String value) {
    if (value == null) {
      node.putNull(key);
    } else {
      node.put(key, value);
    }
  }
}
