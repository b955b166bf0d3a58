package io.smtplog.core.summary;

import io.smtplog.core.model.MailEvent;
import io.smtplog.core.session.CorrelationListener;
import io.smtplog.core.session.MailCorrelator;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a sectioned report needs from one pass: every event the filter kept, as it is read, and
 * what the correlator put together from them; then its sections. Not thread-safe: everything
 * arrives on the reading thread.
 */
public interface SectionCollector extends Consumer<MailEvent>, CorrelationListener {
  /** The correlator finished: what it knows beyond its outcomes (content-filter hops) is final. */
  default void finished(MailCorrelator correlator) {}

  /** The report's sections, at most {@code top} rows in each ranked list (0 = all kept). */
  List<ReportSection> sections(int top);
}
