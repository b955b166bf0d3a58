package io.smtplog.solr;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Numbers the documents of one ingest whose content repeats, so each keeps an id of its own. The
 * local index holds identical documents as many times as they come: a message refused by a header
 * check gives one recipient document per recipient from the one line that logged the refusal, and
 * nothing else tells them apart (sample-logs/postfix/header-checks.log). A content-derived id alone
 * would make them one document in Solr. The first keeps the content's id; the n-th after it gets
 * {@code id.n}: the same ids on every run, because identical documents belong to one story (they
 * hold its queue id or session, line and time), whose documents are always written whole in one
 * ingest (a story left open is deleted and written again from its lines), and come one after
 * another (from one line). Only the last {@link #REMEMBERED} contents are remembered.
 */
final class Repeats {
  /** Contents remembered: far more than the documents one line gives, and a few MB at most. */
  static final int REMEMBERED = 1 << 16;

  private final Map<String, Integer> seen = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
      return size() > REMEMBERED;
    }
  };

  /** The id for a document whose content's id is {@code contentId}: itself the first time, then numbered. */
  synchronized String id(String contentId) {
    Integer before = seen.merge(contentId, 1, Integer::sum) - 1;
    return before == 0 ? contentId : contentId + "." + before;
  }
}
